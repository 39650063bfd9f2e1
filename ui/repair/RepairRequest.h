#pragma once

#include "core/jobs/ResubmitOptions.h"
#include "ui/repair/ResubmitEdits.h"

#include <QCoreApplication>
#include <QPointer>
#include <QString>

#include <functional>

namespace busbar {

class NamespaceSession;

// What a repair dialog asks for once the user pressed its button: a ResubmitJob's options
// (source, selection, target entity, id and dead-letter handling), the edits, and the two
// namespaces. RepairActions confirms it and turns it into a job.
struct RepairRequest {
    QPointer<NamespaceSession> source;
    QPointer<NamespaceSession> target; // the source's namespace unless the user chose another
    QString targetDescription;         // "orders", or "orders in prod"
    ResubmitOptions options;
    ResubmitEdits edits;
    qint64 count = -1; // messages concerned when known; -1: "all" without a number
    bool replay = false;

    // "Resubmit 3 messages from orders (dead-letter) to orders".
    [[nodiscard]] QString summary() const;
};

// Handed to the dialogs: confirms and starts the job; false when nothing started (declined,
// or the namespace went away), and the dialog stays open.
using RepairSubmit = std::function<bool(const RepairRequest&)>;

// "dead-letter", "transfer dead-letter" or "active".
[[nodiscard]] QString subQueueLabel(SubQueue subQueue);
// Where dead letters of `entityPath` go back to by default: the dead-letter source the
// messages name when they all agree, else the entity itself, or its topic for a subscription
// (a subscription cannot be sent to).
[[nodiscard]] QString defaultRepairTarget(const QString& entityPath,
                                          const QStringList& deadLetterSources = {});

} // namespace busbar
