#pragma once

#include "ui/widgets/ConfirmationPrompt.h"

#include <QList>
#include <QQueue>

namespace busbar {

// A ConfirmationPrompt for tests: answers from a queue filled in advance and records every
// request, so a test can assert both what was asked and what happened after the answer.
// When the queue is empty it answers "no", the safe default for a destructive action.
class ScriptedConfirmationPrompt final : public ConfirmationPrompt {
public:
    void enqueueAnswer(bool confirmed);
    [[nodiscard]] bool confirm(QWidget* parent, const ConfirmationRequest& request) override;

    [[nodiscard]] const QList<ConfirmationRequest>& requests() const { return m_requests; }
    [[nodiscard]] qsizetype pendingAnswers() const { return m_answers.size(); }

private:
    QQueue<bool> m_answers;
    QList<ConfirmationRequest> m_requests;
};

} // namespace busbar
