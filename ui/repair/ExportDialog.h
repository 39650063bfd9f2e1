#pragma once

#include "core/common/Result.h"
#include "core/jobs/ExportJob.h"
#include "core/servicebus/ServiceBusTypes.h"

#include <QDialog>
#include <QList>
#include <QPointer>

class QCheckBox;
class QComboBox;
class QDateTimeEdit;
class QLabel;
class QLineEdit;
class QPushButton;
class QRadioButton;

namespace busbar {

class JsonLinesFileField;
class NamespaceSession;

// Export… : which messages of the entity (the selected ones when there are, the whole
// sub-queue, or those matching a dead-letter reason, time range, SQL expression and text)
// and the JSON Lines file to write. The SQL is checked as it is typed. The dialog only
// collects and checks the choice: exportRequested() hands it to MaintenanceActions, which
// asks before replacing an existing file and starts the job.
class ExportDialog final : public QDialog {
    Q_OBJECT
public:
    ExportDialog(NamespaceSession* session, const QString& entityPath, SubQueue subQueue,
                 const QList<qint64>& selected, QWidget* parent = nullptr);

    [[nodiscard]] const QString& entityPath() const { return m_entityPath; }
    // The options as entered, or what is wrong with them (said so the user can fix it).
    [[nodiscard]] Result<ExportOptions> options() const;
    [[nodiscard]] QString outputPath() const;

    void showError(const QString& message);

Q_SIGNALS:
    void exportRequested();

private:
    QWidget* buildFilterBox();
    void updateModes();
    void validateSql();
    void requestExport();

    QPointer<NamespaceSession> m_session;
    QString m_entityPath;
    QList<qint64> m_selected;

    QComboBox* m_subQueue = nullptr;
    QRadioButton* m_selectedMode = nullptr;
    QRadioButton* m_allMode = nullptr;
    QRadioButton* m_filterMode = nullptr;
    QWidget* m_filterBox = nullptr;
    QLineEdit* m_reason = nullptr;
    QCheckBox* m_fromSet = nullptr;
    QDateTimeEdit* m_from = nullptr;
    QCheckBox* m_beforeSet = nullptr;
    QDateTimeEdit* m_before = nullptr;
    QLineEdit* m_sql = nullptr;
    QLabel* m_sqlError = nullptr;
    QLineEdit* m_text = nullptr;
    JsonLinesFileField* m_path = nullptr;
    QLabel* m_banner = nullptr;
    QPushButton* m_export = nullptr;
};

} // namespace busbar
