#include "ui/repair/ResubmitDialog.h"

#include "core/servicebus/ServiceBusClient.h"
#include "core/servicebus/WhenFinished.h"
#include "ui/explorer/NamespaceSession.h"
#include "ui/repair/BulkEditPane.h"
#include "ui/repair/MessageEditPane.h"
#include "ui/repair/RepairTargetBox.h"

#include <QDialogButtonBox>
#include <QGroupBox>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace busbar {

ResubmitDialog::ResubmitDialog(NamespaceSession* source, const QString& entityPath,
                               SubQueue subQueue, QList<qint64> sequenceNumbers,
                               const std::optional<ServiceBusMessage>& single,
                               const QList<NamespaceSession*>& sessions,
                               const QString& defaultTarget, RepairSubmit submit, QWidget* parent)
    : QDialog(parent)
    , m_source(source)
    , m_entityPath(entityPath)
    , m_subQueue(subQueue)
    , m_sequenceNumbers(std::move(sequenceNumbers))
    , m_submit(std::move(submit)) {
    setObjectName(QStringLiteral("resubmitDialog"));
    setWindowTitle(tr("Resubmit from %1").arg(entityPath));
    auto* layout = new QVBoxLayout(this);
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("repairSummaryLabel"));
    m_summary->setWordWrap(true);
    layout->addWidget(m_summary);
    m_target = new RepairTargetBox(sessions, source, defaultTarget, this);
    layout->addWidget(m_target);

    auto* editBox = new QGroupBox(tr("Edit before resubmitting"), this);
    auto* editLayout = new QVBoxLayout(editBox);
    if (m_sequenceNumbers.size() == 1) {
        m_messagePane = new MessageEditPane(editBox);
        editLayout->addWidget(m_messagePane);
        connect(m_messagePane, &MessageEditPane::changed, this, &ResubmitDialog::refresh);
    } else {
        m_bulkPane = new BulkEditPane(editBox);
        editLayout->addWidget(m_bulkPane);
        connect(m_bulkPane, &BulkEditPane::changed, this, &ResubmitDialog::refresh);
    }
    layout->addWidget(editBox, 1);

    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("repairErrorLabel"));
    m_error->setWordWrap(true);
    m_error->hide();
    layout->addWidget(m_error);
    auto* buttons = new QDialogButtonBox(this);
    m_button = buttons->addButton(tr("&Resubmit…"), QDialogButtonBox::AcceptRole);
    m_button->setObjectName(QStringLiteral("resubmitButton"));
    buttons->addButton(QDialogButtonBox::Cancel)->setObjectName(QStringLiteral("cancelButton"));
    layout->addWidget(buttons);
    connect(m_button, &QPushButton::clicked, this, &ResubmitDialog::submit);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_target, &RepairTargetBox::changed, this, &ResubmitDialog::refresh);

    if (m_messagePane != nullptr) {
        if (single && single->sequenceNumber == m_sequenceNumbers.constFirst() &&
            single->size > 0) {
            m_messagePane->setMessage(*single);
        } else {
            peekSingle();
        }
    }
    refresh();
}

void ResubmitDialog::peekSingle() {
    if (m_source == nullptr) {
        return;
    }
    const qint64 seq = m_sequenceNumbers.constFirst();
    whenFinished(
        m_source->client()->peek(m_entityPath, m_subQueue, seq, 1), this,
        [this, seq](const Result<QList<ServiceBusMessage>>& peeked) {
            if (!peeked) {
                m_error->setText(
                    tr("Could not read message %1: %2").arg(seq).arg(peeked.error().message));
                m_error->show();
                return;
            }
            if (peeked->isEmpty() || peeked->constFirst().sequenceNumber != seq) {
                m_error->setText(tr("Message %1 is no longer there.").arg(seq));
                m_error->show();
                return;
            }
            m_messagePane->setMessage(peeked->constFirst());
            refresh();
        });
}

Result<RepairRequest> ResubmitDialog::request() const {
    RepairRequest request;
    request.source = m_source;
    if (m_source == nullptr) {
        return fail(ErrorCode::InvalidInput, tr("The namespace was closed."));
    }
    request.options.sourceEntity = m_entityPath;
    request.options.sourceSubQueue = m_subQueue;
    request.options.selection = MessageSelection::of(m_sequenceNumbers);
    request.count = m_sequenceNumbers.size();
    QString error;
    if (!m_target->fill(request, error)) {
        return fail(ErrorCode::InvalidInput, error);
    }
    Result<ResubmitEdits> edits =
        m_messagePane != nullptr ? m_messagePane->edits() : m_bulkPane->edits();
    if (!edits) {
        return fail(edits.error());
    }
    request.edits = std::move(*edits);
    return request;
}

void ResubmitDialog::refresh() {
    const Result<RepairRequest> now = request();
    if (now) {
        m_summary->setText(now->summary());
    } else {
        RepairRequest partial;
        partial.options.sourceEntity = m_entityPath;
        partial.options.sourceSubQueue = m_subQueue;
        partial.options.selection = MessageSelection::of({});
        partial.count = m_sequenceNumbers.size();
        partial.targetDescription = QStringLiteral("…");
        m_summary->setText(partial.summary());
    }
    const bool loading = m_messagePane != nullptr && !m_messagePane->hasMessage();
    if (!loading) {
        m_error->setText(now ? QString() : now.error().message);
        m_error->setVisible(!now);
    }
    m_button->setEnabled(now.has_value());
}

QString ResubmitDialog::errorText() const {
    return m_error->isHidden() ? QString() : m_error->text();
}

void ResubmitDialog::submit() {
    const Result<RepairRequest> now = request();
    if (!now) {
        m_error->setText(now.error().message);
        m_error->show();
        return;
    }
    if (m_submit && m_submit(*now)) {
        accept();
    }
}

} // namespace busbar
