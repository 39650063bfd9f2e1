#include "emulator/seed/DemoMessages.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <array>

namespace busbar::emulator {

namespace {

constexpr std::array kCustomers{"Contoso Ltd",     "Fabrikam Inc",  "Northwind Traders",
                                "Adventure Works", "Tailspin Toys", "Wide World Importers",
                                "Litware Inc",     "Proseware Inc"};
constexpr std::array kProducts{
    "USB-C dock", "Mechanical keyboard", "27in monitor",      "Noise-cancelling headset",
    "Webcam 4K",  "Laptop stand",        "Thunderbolt cable", "Ergonomic mouse"};
constexpr std::array kRegions{"eu", "us", "apac"};
constexpr std::array kEvents{"order.created", "order.shipped", "payment.received",
                             "order.cancelled"};
constexpr std::array kSupportLines{
    "Hello, my order has not arrived yet.", "Could you share the order number?",
    "It is ORD-1004, placed last Tuesday.", "Thanks, a replacement is on its way."};

QString text(const char* latin1) {
    return QString::fromLatin1(latin1);
}

template <std::size_t N>
QString pick(const std::array<const char*, N>& values, quint32 index) {
    return text(values[index % N]);
}

QString money(double value) {
    return QString::number(value, 'f', 2);
}

AmqpMessage jsonMessage(const QJsonObject& body) {
    AmqpMessage message;
    message.setDataBody(QJsonDocument(body).toJson(QJsonDocument::Compact));
    message.properties.contentType = QByteArrayLiteral("application/json");
    message.properties.present = true;
    return message;
}

} // namespace

DemoMessages::DemoMessages(quint32 seed)
    : m_random(seed) {}

QDateTime DemoMessages::baseTime() {
    return QDateTime(QDate(2026, 1, 12), QTime(9, 0), Qt::UTC);
}

QString DemoMessages::customerName() {
    return pick(kCustomers, m_random.generate());
}

QString DemoMessages::customerId() {
    return QStringLiteral("C-%1").arg(1000 + m_random.bounded(9000));
}

double DemoMessages::price() {
    return double(199 + m_random.bounded(49800)) / 100.0;
}

AmqpMessage DemoMessages::order(int index) {
    const QString orderId = QStringLiteral("ORD-%1").arg(1001 + index);
    const QDateTime created = baseTime().addSecs(qint64(index) * 1800 + m_random.bounded(900));
    QJsonArray lines;
    double total = 0;
    const int lineCount = 1 + int(m_random.bounded(4));
    for (int i = 0; i < lineCount; ++i) {
        const int quantity = 1 + int(m_random.bounded(5));
        const double unitPrice = price();
        total += quantity * unitPrice;
        lines.append(QJsonObject{
            {QStringLiteral("sku"),
             QStringLiteral("SKU-%1").arg(m_random.bounded(100000), 5, 10, QLatin1Char('0'))},
            {QStringLiteral("product"), pick(kProducts, m_random.generate())},
            {QStringLiteral("quantity"), quantity},
            {QStringLiteral("unitPrice"), unitPrice}});
    }
    const QString customer = customerId();
    const QString region = pick(kRegions, m_random.generate());
    AmqpMessage message = jsonMessage(QJsonObject{
        {QStringLiteral("orderId"), orderId},
        {QStringLiteral("customer"),
         QJsonObject{{QStringLiteral("id"), customer}, {QStringLiteral("name"), customerName()}}},
        {QStringLiteral("lines"), lines},
        {QStringLiteral("currency"), QStringLiteral("EUR")},
        {QStringLiteral("total"), money(total).toDouble()},
        {QStringLiteral("createdAt"), created.toString(Qt::ISODateWithMs)}});
    message.properties.messageId = QStringLiteral("order-%1").arg(1001 + index);
    message.properties.correlationId =
        QStringLiteral("checkout-%1").arg(m_random.bounded(1u << 30), 8, 16, QLatin1Char('0'));
    message.properties.subject =
        index % 5 == 4 ? QStringLiteral("order.updated") : QStringLiteral("order.created");
    message.properties.replyTo = QStringLiteral("order-replies");
    message.properties.creationTime = created;
    message.setApplicationProperty(QStringLiteral("customerId"), customer);
    message.setApplicationProperty(QStringLiteral("region"), region);
    message.setApplicationProperty(QStringLiteral("priority"), qint32(1 + m_random.bounded(9)));
    message.setApplicationProperty(QStringLiteral("lineCount"), qint64(lineCount));
    message.setApplicationProperty(QStringLiteral("total"), money(total).toDouble());
    message.setApplicationProperty(QStringLiteral("express"), m_random.bounded(3) == 0);
    message.setApplicationProperty(QStringLiteral("createdAt"), created);
    // Some orders carry an explicit null: the explorer must show it as null, not as missing.
    message.setApplicationProperty(
        QStringLiteral("couponCode"),
        index % 3 == 0 ? QVariant() : QVariant(QStringLiteral("WINTER%1").arg(index)));
    return message;
}

AmqpMessage DemoMessages::invoice(int index) {
    const QString number = QStringLiteral("INV-2026-%1").arg(index + 1, 4, 10, QLatin1Char('0'));
    const QString customer = customerId();
    const QDateTime issued = baseTime().addDays(index % 20).addSecs(m_random.bounded(8 * 3600));
    QString lines;
    double total = 0;
    const int lineCount = 1 + int(m_random.bounded(3));
    for (int i = 0; i < lineCount; ++i) {
        const int quantity = 1 + int(m_random.bounded(10));
        const double unitPrice = price();
        total += quantity * unitPrice;
        lines +=
            QStringLiteral("    <Line sku=\"SKU-%1\" quantity=\"%2\" unitPrice=\"%3\">%4</Line>\n")
                .arg(m_random.bounded(100000), 5, 10, QLatin1Char('0'))
                .arg(quantity)
                .arg(money(unitPrice), pick(kProducts, m_random.generate()));
    }
    const QString xml = QStringLiteral("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                                       "<Invoice xmlns=\"urn:busbar:demo:invoice\" number=\"%1\">\n"
                                       "  <Customer id=\"%2\">%3</Customer>\n"
                                       "  <Issued>%4</Issued>\n"
                                       "  <Lines>\n%5  </Lines>\n"
                                       "  <Total currency=\"EUR\">%6</Total>\n"
                                       "</Invoice>\n")
                            .arg(number, customer, customerName(), issued.toString(Qt::ISODate),
                                 lines, money(total));
    AmqpMessage message;
    message.setDataBody(xml.toUtf8());
    message.properties.present = true;
    message.properties.messageId = number;
    message.properties.subject = QStringLiteral("invoice.issued");
    message.properties.contentType = QByteArrayLiteral("application/xml");
    message.properties.creationTime = issued;
    message.setApplicationProperty(QStringLiteral("customerId"), customer);
    message.setApplicationProperty(QStringLiteral("amount"), money(total).toDouble());
    message.setApplicationProperty(QStringLiteral("currency"), QStringLiteral("EUR"));
    message.setApplicationProperty(QStringLiteral("paid"), index % 4 == 0);
    message.setApplicationProperty(QStringLiteral("dueDate"), issued.addDays(30));
    return message;
}

AmqpMessage DemoMessages::scannedDocument(int index) {
    QByteArray bytes = QByteArrayLiteral("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n");
    const int size = 2048;
    bytes.reserve(size);
    while (bytes.size() < size)
        bytes.append(char(m_random.bounded(256)));
    AmqpMessage message;
    message.setDataBody(bytes);
    message.properties.present = true;
    message.properties.messageId = QStringLiteral("scan-%1").arg(index + 1);
    message.properties.subject = QStringLiteral("invoice.scan");
    message.properties.contentType = QByteArrayLiteral("application/pdf");
    message.setApplicationProperty(QStringLiteral("pages"), qint32(1 + m_random.bounded(4)));
    message.setApplicationProperty(QStringLiteral("fileName"),
                                   QStringLiteral("scan-%1.pdf").arg(index + 1));
    return message;
}

AmqpMessage DemoMessages::supportMessage(const QString& sessionId, int turn) {
    const bool fromCustomer = turn % 2 == 0;
    AmqpMessage message = jsonMessage(QJsonObject{
        {QStringLiteral("conversation"), sessionId},
        {QStringLiteral("turn"), turn},
        {QStringLiteral("from"), fromCustomer ? customerName() : QStringLiteral("Support")},
        {QStringLiteral("text"), pick(kSupportLines, quint32(turn))}});
    message.properties.messageId = QStringLiteral("%1-turn-%2").arg(sessionId).arg(turn + 1);
    message.properties.groupId = sessionId;
    message.properties.groupSequence = quint32(turn + 1);
    message.properties.subject = QStringLiteral("support.message");
    message.properties.replyToGroupId = sessionId;
    message.setApplicationProperty(QStringLiteral("channel"), m_random.bounded(2) == 0
                                                                  ? QStringLiteral("chat")
                                                                  : QStringLiteral("email"));
    message.setApplicationProperty(QStringLiteral("fromCustomer"), fromCustomer);
    return message;
}

AmqpMessage DemoMessages::event(int index) {
    const QString type = pick(kEvents, quint32(index));
    const QString region = pick(kRegions, quint32(index));
    const QDateTime at = baseTime().addSecs(qint64(index) * 600);
    AmqpMessage message = jsonMessage(QJsonObject{
        {QStringLiteral("type"), type},
        {QStringLiteral("orderId"), QStringLiteral("ORD-%1").arg(1001 + m_random.bounded(40))},
        {QStringLiteral("at"), at.toString(Qt::ISODate)},
        {QStringLiteral("region"), region}});
    message.properties.messageId =
        QStringLiteral("event-%1").arg(index + 1, 3, 10, QLatin1Char('0'));
    message.properties.subject = type;
    message.properties.creationTime = at;
    message.setApplicationProperty(QStringLiteral("eventType"), type);
    message.setApplicationProperty(QStringLiteral("region"), region);
    message.setApplicationProperty(QStringLiteral("amount"), price());
    return message;
}

} // namespace busbar::emulator
