#pragma once

#include "ui/repair/ResubmitEdits.h"

#include <QWidget>

class QCheckBox;
class QLineEdit;

namespace busbar {

class ApplicationPropertiesTable;

// Edits applied to every message of a multi-message resubmit: application properties set
// (typed) or removed by name, and one subject and content type for all.
class BulkEditPane final : public QWidget {
    Q_OBJECT
public:
    explicit BulkEditPane(QWidget* parent = nullptr);

    [[nodiscard]] Result<ResubmitEdits> edits() const;

Q_SIGNALS:
    void changed();

private:
    ApplicationPropertiesTable* m_set = nullptr;
    QLineEdit* m_remove = nullptr;
    QCheckBox* m_setSubject = nullptr;
    QLineEdit* m_subject = nullptr;
    QCheckBox* m_setContentType = nullptr;
    QLineEdit* m_contentType = nullptr;
};

} // namespace busbar
