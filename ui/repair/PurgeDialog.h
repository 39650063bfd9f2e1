#pragma once

#include "core/admin/EntityDescriptions.h"
#include "core/jobs/PurgeJob.h"
#include "core/servicebus/ServiceBusTypes.h"

#include <QDialog>
#include <QPointer>

#include <optional>

class QCheckBox;
class QDateTimeEdit;
class QLabel;
class QPushButton;
class QRadioButton;

namespace busbar {

class NamespaceSession;

// Purge… : which queues of the entity to empty (active, dead-letter or both), optionally only
// messages enqueued before a time, and how many that deletes when the runtime counts say so.
// The counts are read asynchronously from the namespace's admin client; until they arrive
// (or when they cannot be read, or a time limit is set) the count is "unknown". The dialog
// only collects and checks the choice: purgeRequested() hands it to MaintenanceActions, which
// confirms and starts the job.
class PurgeDialog final : public QDialog {
    Q_OBJECT
public:
    PurgeDialog(NamespaceSession* session, const QString& entityPath, SubQueue preselected,
                QWidget* parent = nullptr);

    [[nodiscard]] const QString& entityPath() const { return m_entityPath; }
    [[nodiscard]] PurgeOptions options() const;
    // What the purge deletes as far as the counts tell; nullopt when that is not known.
    [[nodiscard]] std::optional<qint64> knownCount() const;
    // "the active queue", "the dead-letter queue", "the active and dead-letter queues".
    [[nodiscard]] QString subQueuesText() const;

    // Shows (or, with an empty text, hides) the inline error banner.
    void showError(const QString& message);

Q_SIGNALS:
    void purgeRequested();
    // The runtime counts arrived, or could not be read (the count stays unknown).
    void countsLoaded();

private:
    void loadCounts();
    void updateSummary();
    void requestPurge();

    QPointer<NamespaceSession> m_session;
    QString m_entityPath;
    std::optional<MessageCountDetails> m_counts;
    QString m_countsError;

    QRadioButton* m_active = nullptr;
    QRadioButton* m_deadLetter = nullptr;
    QRadioButton* m_both = nullptr;
    QCheckBox* m_onlyBefore = nullptr;
    QDateTimeEdit* m_before = nullptr;
    QLabel* m_count = nullptr;
    QLabel* m_banner = nullptr;
    QPushButton* m_purge = nullptr;
};

} // namespace busbar
