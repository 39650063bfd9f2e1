#pragma once

#include "core/servicebus/ServiceBusMessage.h"
#include "ui/repair/RepairRequest.h"

#include <QDialog>
#include <QList>
#include <QPointer>

#include <optional>

class QLabel;
class QPushButton;

namespace busbar {

class BulkEditPane;
class MessageEditPane;
class NamespaceSession;
class RepairTargetBox;

// Resubmit… for messages selected in a dead-letter view (the "repair dialog"): the target,
// what happens to ids and dead-letter properties, and edits before sending: with one
// message its body and every property, with many the application properties, subject and
// content type of all. Only sequence numbers are kept for a large selection, so 50,000 rows
// cost a list of integers, not 50,000 messages.
class ResubmitDialog final : public QDialog {
    Q_OBJECT
public:
    // `single`: the one selected message when the caller has it in full; otherwise (one
    // sequence number) the dialog peeks it.
    ResubmitDialog(NamespaceSession* source, const QString& entityPath, SubQueue subQueue,
                   QList<qint64> sequenceNumbers, const std::optional<ServiceBusMessage>& single,
                   const QList<NamespaceSession*>& sessions, const QString& defaultTarget,
                   RepairSubmit submit, QWidget* parent = nullptr);

    [[nodiscard]] RepairTargetBox* targetBox() const { return m_target; }
    // Null with several messages.
    [[nodiscard]] MessageEditPane* messagePane() const { return m_messagePane; }
    // Null with one message.
    [[nodiscard]] BulkEditPane* bulkPane() const { return m_bulkPane; }
    [[nodiscard]] QString errorText() const;
    // The request the button would submit now; an error when something is invalid.
    [[nodiscard]] Result<RepairRequest> request() const;

public Q_SLOTS:
    void submit();

private:
    void peekSingle();
    void refresh();

    QPointer<NamespaceSession> m_source;
    QString m_entityPath;
    SubQueue m_subQueue;
    QList<qint64> m_sequenceNumbers;
    RepairSubmit m_submit;

    RepairTargetBox* m_target = nullptr;
    MessageEditPane* m_messagePane = nullptr;
    BulkEditPane* m_bulkPane = nullptr;
    QLabel* m_summary = nullptr;
    QLabel* m_error = nullptr;
    QPushButton* m_button = nullptr;
};

} // namespace busbar
