#include "ui/widgets/ScriptedConfirmationPrompt.h"

namespace busbar {

void ScriptedConfirmationPrompt::enqueueAnswer(bool confirmed) {
    m_answers.enqueue(confirmed);
}

bool ScriptedConfirmationPrompt::confirm(QWidget* /*parent*/, const ConfirmationRequest& request) {
    m_requests.append(request);
    return m_answers.isEmpty() ? false : m_answers.dequeue();
}

} // namespace busbar
