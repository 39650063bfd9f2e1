#pragma once

#include "core/admin/AtomSerializer.h"
#include "core/admin/DescriptionExtras.h"
#include "core/admin/EntityDescriptions.h"
#include "core/admin/EntityValidator.h"
#include "ui/entities/EntityEditorBase.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLineEdit>
#include <QSpinBox>

namespace busbar {

// The property groups the queue, topic and subscription editors share (status, TTL, sizes,
// dead-lettering, duplicate detection, locks, sessions, forwarding, auto-delete, batching,
// partitioning, express) and their load/save/delete plumbing. A subclass builds the groups
// its entity has, in its own order, adds its own fields, and reads or shows its description
// through readShared()/showShared(), which touch only the fields that entity has.
class DescriptionEditorBase : public EntityEditorBase {
    Q_OBJECT
protected:
    DescriptionEditorBase(AdminClient* admin, Mode mode, QWidget* parent);

    // "General": the name's placeholder, status and user metadata.
    void addGeneralGroup(const QString& namePlaceholder);
    // "Messages" with the default TTL first; returns the form for the fields that follow.
    QFormLayout* addMessagesGroup(Milliseconds ttl);
    void addSizeLimits(QFormLayout* form, int maxSizeInMegabytes, qint64 maxMessageSizeInKilobytes);
    void addDeadLetterOnExpiry(QFormLayout* form, bool defaultValue);
    void addDuplicateDetection(QFormLayout* form, bool detect, Milliseconds window);
    void addLocksGroup(Milliseconds lockDuration, int maxDeliveryCount);
    void addSessionsGroup(bool requiresSession);
    void addForwardingGroup();
    // "Advanced" with auto-delete on idle and batched operations; returns its form.
    QFormLayout* addAdvancedGroup(Milliseconds autoDeleteOnIdle, bool batched);
    void addPartitioningAndExpress(QFormLayout* form, bool partitioning, bool express);
    // Last step of a constructor: in edit mode the name and what the service fixes at
    // creation (duplicate detection, sessions, partitioning) become read-only.
    void finishBuilding();

    // Reads the shared fields into `d` (name trimmed); duration parse errors go to `problems`.
    template <typename D>
    void readShared(D& d, QStringList* problems) const;
    template <typename D>
    void showShared(const D& d);
    // The name problem (if any) and the core validator's findings, appended to `problems`.
    template <typename D>
    static void appendChecks(const D& d, const QString& nameProblem, QStringList* problems);

    // Loads: keeps the extras, shows the description through `show`, marks loaded.
    template <typename D>
    void trackLoad(QFuture<Result<AtomItem<D>>> future, const QString& doing,
                   std::function<void(const D&)> show);
    // Creates or updates: keeps the extras, status `savedText(name)`, Q_EMIT saved(name).
    template <typename D>
    void trackSave(QFuture<Result<AtomItem<D>>> future, const QString& doing,
                   std::function<QString(const QString&)> savedText);
    void trackDelete(QFuture<VoidResult> future, const QString& name, const QString& doing,
                     const QString& done);

    DescriptionExtras m_extras;
    QComboBox* m_status = nullptr;
    QLineEdit* m_userMetadata = nullptr;
    QLineEdit* m_ttl = nullptr;
    QSpinBox* m_maxSize = nullptr;
    QSpinBox* m_maxMessageSize = nullptr;
    QCheckBox* m_deadLetterOnExpiry = nullptr;
    QCheckBox* m_duplicateDetection = nullptr;
    QLineEdit* m_duplicateWindow = nullptr;
    QLineEdit* m_lockDuration = nullptr;
    QSpinBox* m_maxDeliveryCount = nullptr;
    QCheckBox* m_requiresSession = nullptr;
    QLineEdit* m_forwardTo = nullptr;
    QLineEdit* m_forwardDeadLetteredTo = nullptr;
    QLineEdit* m_autoDeleteOnIdle = nullptr;
    QCheckBox* m_batched = nullptr;
    QCheckBox* m_partitioning = nullptr;
    QCheckBox* m_express = nullptr;
};

template <typename D>
void DescriptionEditorBase::readShared(D& d, QStringList* problems) const {
    d.name = m_name->text().trimmed();
    d.status = statusOf(m_status);
    d.userMetadata = m_userMetadata->text();
    // Duration problems are listed in form order: TTL, duplicate window, lock, auto-delete.
    d.defaultMessageTimeToLive = durationOf(m_ttl, d.defaultMessageTimeToLive, problems);
    if constexpr (requires { d.maxSizeInMegabytes; }) {
        d.maxSizeInMegabytes = m_maxSize->value();
        d.maxMessageSizeInKilobytes = m_maxMessageSize->value();
    }
    if constexpr (requires { d.deadLetteringOnMessageExpiration; }) {
        d.deadLetteringOnMessageExpiration = m_deadLetterOnExpiry->isChecked();
    }
    if constexpr (requires { d.requiresDuplicateDetection; }) {
        d.requiresDuplicateDetection = m_duplicateDetection->isChecked();
        d.duplicateDetectionHistoryTimeWindow =
            durationOf(m_duplicateWindow, d.duplicateDetectionHistoryTimeWindow, problems);
    }
    if constexpr (requires { d.lockDuration; }) {
        d.lockDuration = durationOf(m_lockDuration, d.lockDuration, problems);
        d.maxDeliveryCount = m_maxDeliveryCount->value();
        d.requiresSession = m_requiresSession->isChecked();
        d.forwardTo = m_forwardTo->text().trimmed();
        d.forwardDeadLetteredMessagesTo = m_forwardDeadLetteredTo->text().trimmed();
    }
    d.autoDeleteOnIdle = durationOf(m_autoDeleteOnIdle, d.autoDeleteOnIdle, problems);
    d.enableBatchedOperations = m_batched->isChecked();
    if constexpr (requires { d.enablePartitioning; }) {
        d.enablePartitioning = m_partitioning->isChecked();
        d.enableExpress = m_express->isChecked();
    }
}

template <typename D>
void DescriptionEditorBase::showShared(const D& d) {
    m_name->setText(d.name);
    setStatus(m_status, d.status);
    m_userMetadata->setText(d.userMetadata);
    setDuration(m_ttl, d.defaultMessageTimeToLive);
    if constexpr (requires { d.maxSizeInMegabytes; }) {
        m_maxSize->setValue(d.maxSizeInMegabytes);
        m_maxMessageSize->setValue(int(d.maxMessageSizeInKilobytes));
    }
    if constexpr (requires { d.deadLetteringOnMessageExpiration; }) {
        m_deadLetterOnExpiry->setChecked(d.deadLetteringOnMessageExpiration);
    }
    if constexpr (requires { d.requiresDuplicateDetection; }) {
        m_duplicateDetection->setChecked(d.requiresDuplicateDetection);
        setDuration(m_duplicateWindow, d.duplicateDetectionHistoryTimeWindow);
    }
    if constexpr (requires { d.lockDuration; }) {
        setDuration(m_lockDuration, d.lockDuration);
        m_maxDeliveryCount->setValue(d.maxDeliveryCount);
        m_requiresSession->setChecked(d.requiresSession);
        m_forwardTo->setText(d.forwardTo);
        m_forwardDeadLetteredTo->setText(d.forwardDeadLetteredMessagesTo);
    }
    setDuration(m_autoDeleteOnIdle, d.autoDeleteOnIdle);
    m_batched->setChecked(d.enableBatchedOperations);
    if constexpr (requires { d.enablePartitioning; }) {
        m_partitioning->setChecked(d.enablePartitioning);
        m_express->setChecked(d.enableExpress);
    }
}

template <typename D>
void DescriptionEditorBase::appendChecks(const D& d, const QString& nameProblem,
                                         QStringList* problems) {
    if (!nameProblem.isEmpty()) {
        problems->append(nameProblem);
    }
    for (const FieldProblem& problem : EntityValidator::check(d)) {
        problems->append(problem.message());
    }
}

template <typename D>
void DescriptionEditorBase::trackLoad(QFuture<Result<AtomItem<D>>> future, const QString& doing,
                                      std::function<void(const D&)> show) {
    track<AtomItem<D>>(future, doing,
                       [this, show = std::move(show)](const Result<AtomItem<D>>& item) {
                           m_extras = item->extras;
                           show(item->description);
                           showStatus(tr("Loaded."));
                           markLoaded();
                           Q_EMIT loaded();
                       });
}

template <typename D>
void DescriptionEditorBase::trackSave(QFuture<Result<AtomItem<D>>> future, const QString& doing,
                                      std::function<QString(const QString&)> savedText) {
    track<AtomItem<D>>(future, doing,
                       [this, savedText = std::move(savedText)](const Result<AtomItem<D>>& item) {
                           m_extras = item->extras;
                           showStatus(savedText(item->description.name));
                           Q_EMIT saved(item->description.name);
                       });
}

} // namespace busbar
