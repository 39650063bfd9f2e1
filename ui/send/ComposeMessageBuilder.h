#pragma once

#include "core/common/Result.h"
#include "core/servicebus/OutgoingMessage.h"
#include "ui/send/ComposeForm.h"

#include <QList>

namespace busbar {

// Turns a compose form into the messages to send: validates the body, the TTL and every
// typed property first, so nothing is sent when any of it is wrong.
class ComposeMessageBuilder final {
public:
    // The most messages one "send" may produce; beyond it the user wants a job, not a dialog.
    static constexpr int kMaxMessages = 10'000;

    static Result<QList<OutgoingMessage>> build(const ComposeForm& form);
    // The one message of the form with the body given (what every copy starts from).
    static Result<OutgoingMessage> buildOne(const ComposeForm& form, const QByteArray& body);
};

} // namespace busbar
