#include "ui/entities/DescriptionEditorBase.h"

#include <QFormLayout>

namespace busbar {

DescriptionEditorBase::DescriptionEditorBase(AdminClient* admin, Mode mode, QWidget* parent)
    : EntityEditorBase(admin, mode, parent) {}

void DescriptionEditorBase::addGeneralGroup(const QString& namePlaceholder) {
    auto* general = group(tr("General"));
    m_name->setPlaceholderText(namePlaceholder);
    m_status = addStatus(general);
    m_userMetadata = addText(general, "userMetadata", tr("&User metadata:"), tr("up to 1024"));
}

QFormLayout* DescriptionEditorBase::addMessagesGroup(Milliseconds ttl) {
    auto* messages = group(tr("Messages"));
    m_ttl = addDuration(messages, "defaultMessageTimeToLive", tr("Default message &TTL:"), ttl,
                        tr("at least 1s"));
    return messages;
}

void DescriptionEditorBase::addSizeLimits(QFormLayout* form, int maxSizeInMegabytes,
                                          qint64 maxMessageSizeInKilobytes) {
    m_maxSize = addInt(form, "maxSizeInMegabytes", tr("Max si&ze (MB):"), maxSizeInMegabytes, 1,
                       81920, tr("default 1024 · 1024–5120 (Standard)"));
    m_maxMessageSize =
        addInt(form, "maxMessageSizeInKilobytes", tr("Max &message (KB):"),
               int(maxMessageSizeInKilobytes), 1, 102400, tr("default 256 · Premium up to 102400"));
}

void DescriptionEditorBase::addDeadLetterOnExpiry(QFormLayout* form, bool defaultValue) {
    m_deadLetterOnExpiry = addBool(form, "deadLetteringOnMessageExpiration",
                                   tr("Dead-letter expired messages"), defaultValue);
}

void DescriptionEditorBase::addDuplicateDetection(QFormLayout* form, bool detect,
                                                  Milliseconds window) {
    m_duplicateDetection = addBool(form, "requiresDuplicateDetection",
                                   tr("Duplicate detection (fixed at creation)"), detect);
    m_duplicateWindow = addDuration(form, "duplicateDetectionHistoryTimeWindow",
                                    tr("Duplicate &window:"), window, tr("20s to 7d"));
}

void DescriptionEditorBase::addLocksGroup(Milliseconds lockDuration, int maxDeliveryCount) {
    auto* locks = group(tr("Locks && delivery"));
    m_lockDuration =
        addDuration(locks, "lockDuration", tr("&Lock duration:"), lockDuration, tr("5s to 5m"));
    m_maxDeliveryCount = addInt(locks, "maxDeliveryCount", tr("Max &delivery count:"),
                                maxDeliveryCount, 1, 2000000000, tr("default 10 · at least 1"));
}

void DescriptionEditorBase::addSessionsGroup(bool requiresSession) {
    auto* sessions = group(tr("Sessions"));
    m_requiresSession = addBool(sessions, "requiresSession",
                                tr("Requires sessions (fixed at creation)"), requiresSession);
}

void DescriptionEditorBase::addForwardingGroup() {
    auto* forwarding = group(tr("Forwarding"));
    m_forwardTo = addText(forwarding, "forwardTo", tr("&Forward to:"), tr("a queue or topic"));
    m_forwardDeadLetteredTo = addText(forwarding, "forwardDeadLetteredMessagesTo",
                                      tr("Forward dead-&lettered to:"), tr("a queue or topic"));
}

QFormLayout* DescriptionEditorBase::addAdvancedGroup(Milliseconds autoDeleteOnIdle, bool batched) {
    auto* advanced = group(tr("Advanced"));
    m_autoDeleteOnIdle = addDuration(advanced, "autoDeleteOnIdle", tr("&Auto-delete on idle:"),
                                     autoDeleteOnIdle, tr("at least 5m"));
    m_batched = addBool(advanced, "enableBatchedOperations", tr("Batched operations"), batched);
    return advanced;
}

void DescriptionEditorBase::addPartitioningAndExpress(QFormLayout* form, bool partitioning,
                                                      bool express) {
    m_partitioning =
        addBool(form, "enablePartitioning", tr("Partitioning (fixed at creation)"), partitioning);
    m_express = addBool(form, "enableExpress", tr("Express"), express);
}

void DescriptionEditorBase::finishBuilding() {
    if (mode() == Mode::Edit) {
        setNameEditable(false);
        for (QCheckBox* fixed : {m_duplicateDetection, m_requiresSession, m_partitioning}) {
            if (fixed != nullptr) {
                fixed->setEnabled(false);
            }
        }
    }
    watchFields();
}

void DescriptionEditorBase::trackDelete(QFuture<VoidResult> future, const QString& name,
                                        const QString& doing, const QString& done) {
    track<void>(future, doing, [this, name, done](const VoidResult&) {
        showStatus(done);
        Q_EMIT deleted(name);
    });
}

} // namespace busbar
