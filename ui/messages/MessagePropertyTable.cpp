#include "ui/messages/MessagePropertyTable.h"

#include "core/servicebus/ServiceBusMessage.h"
#include "ui/messages/AmqpValueText.h"

#include <QHeaderView>

namespace busbar {

namespace {

QString timeText(const std::optional<QDateTime>& time) {
    return time ? time->toUTC().toString(Qt::ISODateWithMs) : QString();
}

} // namespace

MessagePropertyTable::MessagePropertyTable(QWidget* parent)
    : QTableWidget(0, 3, parent) {
    setHorizontalHeaderLabels({tr("Name"), tr("Type"), tr("Value")});
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setWordWrap(false);
    verticalHeader()->hide();
    horizontalHeader()->setStretchLastSection(true);
    horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    horizontalHeader()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
}

void MessagePropertyTable::setRows(const QList<Row>& rows) {
    setRowCount(0);
    setRowCount(int(rows.size()));
    for (int i = 0; i < rows.size(); ++i) {
        setItem(i, 0, new QTableWidgetItem(rows.at(i).name));
        setItem(i, 1, new QTableWidgetItem(rows.at(i).type));
        auto* value = new QTableWidgetItem(rows.at(i).value);
        value->setToolTip(rows.at(i).value);
        setItem(i, 2, value);
    }
}

QString MessagePropertyTable::valueOf(const QString& name) const {
    for (int i = 0; i < rowCount(); ++i) {
        if (item(i, 0) && item(i, 0)->text() == name) {
            return item(i, 2) ? item(i, 2)->text() : QString();
        }
    }
    return {};
}

QList<MessagePropertyTable::Row> MessagePropertyTable::systemRows(const ServiceBusMessage& m) {
    const AmqpMessage::Properties& p = m.amqp.properties;
    const QString text = QStringLiteral("string");
    const QString time = QStringLiteral("timestamp");
    const QString number = QStringLiteral("long");
    QList<Row> rows{
        {QStringLiteral("SequenceNumber"), number, QString::number(m.sequenceNumber)},
        {QStringLiteral("MessageId"), AmqpValueText::typeName(p.messageId), m.messageId()},
        {QStringLiteral("CorrelationId"), AmqpValueText::typeName(p.correlationId),
         amqpIdToText(p.correlationId)},
        {QStringLiteral("Subject"), text, p.subject},
        {QStringLiteral("ContentType"), QStringLiteral("symbol"), QString::fromUtf8(p.contentType)},
        {QStringLiteral("To"), text, p.to},
        {QStringLiteral("ReplyTo"), text, p.replyTo},
        {QStringLiteral("SessionId"), text, m.sessionId},
        {QStringLiteral("ReplyToSessionId"), text, p.replyToGroupId},
        {QStringLiteral("EnqueuedTimeUtc"), time, timeText(m.enqueuedTime)},
        {QStringLiteral("ScheduledEnqueueTimeUtc"), time, timeText(m.scheduledEnqueueTime)},
        {QStringLiteral("ExpiresAtUtc"), time, timeText(m.expiresAt)},
        {QStringLiteral("LockedUntilUtc"), time, timeText(m.lockedUntil)},
        {QStringLiteral("DeliveryCount"), QStringLiteral("uint"), QString::number(m.deliveryCount)},
        {QStringLiteral("EnqueuedSequenceNumber"), number,
         QString::number(m.enqueueSequenceNumber)},
        {QStringLiteral("Size"), number, QString::number(m.size)},
        {QStringLiteral("TimeToLive"), QStringLiteral("ms"),
         m.amqp.header.ttlMs ? QString::number(*m.amqp.header.ttlMs) : QString()},
        {QStringLiteral("DeadLetterReason"), text, m.deadLetterReason},
        {QStringLiteral("DeadLetterErrorDescription"), text, m.deadLetterDescription},
        {QStringLiteral("DeadLetterSource"), text, m.deadLetterSource},
        {QStringLiteral("Priority"), QStringLiteral("ubyte"),
         QString::number(m.amqp.header.priority)},
        {QStringLiteral("Durable"), QStringLiteral("boolean"),
         m.amqp.header.durable ? QStringLiteral("true") : QStringLiteral("false")},
    };
    // Empty fields are noise in a table a user scans; the JSON export keeps them all.
    rows.removeIf([](const Row& row) { return row.value.isEmpty(); });
    return rows;
}

QList<MessagePropertyTable::Row> MessagePropertyTable::mapRows(const AmqpMap& map) {
    QList<Row> rows;
    rows.reserve(map.entries.size());
    for (const auto& [key, value] : map.entries) {
        rows.append(
            {AmqpValueText::text(key), AmqpValueText::typeName(value), AmqpValueText::text(value)});
    }
    return rows;
}

} // namespace busbar
