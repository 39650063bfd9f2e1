#pragma once

#include "core/jobs/MessageSelection.h"
#include "core/servicebus/ServiceBusTypes.h"

#include <QJsonObject>
#include <QString>

#include <chrono>

namespace busbar {

// What a ResubmitJob does; written to its journal as the job definition.
struct ResubmitOptions {
    QString sourceEntity;
    SubQueue sourceSubQueue = SubQueue::DeadLetter;
    MessageSelection selection;
    QString targetEntity; // empty: the source entity itself (dead-letter repair)
    bool regenerateMessageIds = false;
    bool stripDeadLetterProperties = true;
    // Non-selected messages the scan locks are deferred (and stay so) instead of being held
    // locked, renewed, and returned to the queue at the end.
    bool leaveUnselectedDeferred = false;
    int batchSize = 40; // messages locked per step
    int sendChunk = 10; // messages per send call; batchSize/sendChunk sends in flight
    std::chrono::milliseconds receiveWait{1000};

    [[nodiscard]] QString target() const {
        return targetEntity.isEmpty() ? sourceEntity : targetEntity;
    }
    [[nodiscard]] QJsonObject toJson() const;
    static ResubmitOptions fromJson(const QJsonObject& json);
};

} // namespace busbar
