#pragma once

#include "ui/repair/RepairRequest.h"

#include <QDialog>
#include <QPointer>
#include <QStringList>

class QCheckBox;
class QComboBox;
class QDateTimeEdit;
class QLabel;
class QLineEdit;
class QPushButton;
class QRadioButton;

namespace busbar {

class NamespaceSession;
class RepairTargetBox;

// Replay…: resubmits a whole dead-letter queue, or what matches a filter (a dead-letter
// reason picked from those seen, an enqueued-time range, an SQL expression checked with
// core/filter's parser as it is typed, a text). The count in the summary and the
// confirmation is the entity's runtime count once the management client has read it.
class ReplayDialog final : public QDialog {
    Q_OBJECT
public:
    ReplayDialog(NamespaceSession* source, const QString& entityPath, SubQueue subQueue,
                 const QList<NamespaceSession*>& sessions, const QString& defaultTarget,
                 RepairSubmit submit, QWidget* parent = nullptr);

    // Reasons the caller already knows (a dead-letter view's facet); merged with those the
    // dialog reads from the first messages of the queue.
    void addKnownReasons(const QStringList& reasons);
    [[nodiscard]] QStringList knownReasons() const;
    [[nodiscard]] qint64 knownCount() const { return m_count; }
    [[nodiscard]] RepairTargetBox* targetBox() const { return m_target; }
    [[nodiscard]] QString sqlError() const;
    [[nodiscard]] QString errorText() const;
    [[nodiscard]] Result<RepairRequest> request() const;

public Q_SLOTS:
    void submit();

Q_SIGNALS:
    // Reasons or count arrived (tests wait on it).
    void sourceRead();

private:
    QWidget* buildFilter();
    void readSource();
    void refresh();

    QPointer<NamespaceSession> m_source;
    QString m_entityPath;
    SubQueue m_subQueue;
    RepairSubmit m_submit;
    qint64 m_count = -1;

    QRadioButton* m_all = nullptr;
    QRadioButton* m_filtered = nullptr;
    QWidget* m_filter = nullptr;
    QComboBox* m_reason = nullptr;
    QCheckBox* m_fromCheck = nullptr;
    QDateTimeEdit* m_from = nullptr;
    QCheckBox* m_beforeCheck = nullptr;
    QDateTimeEdit* m_before = nullptr;
    QLineEdit* m_sql = nullptr;
    QLabel* m_sqlError = nullptr;
    QLineEdit* m_text = nullptr;
    RepairTargetBox* m_target = nullptr;
    QLabel* m_summary = nullptr;
    QLabel* m_error = nullptr;
    QPushButton* m_button = nullptr;
};

} // namespace busbar
