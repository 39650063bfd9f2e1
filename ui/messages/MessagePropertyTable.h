#pragma once

#include "core/amqp/AmqpTypes.h"

#include <QTableWidget>

namespace busbar {

struct ServiceBusMessage;

// A read-only name / type / value table for one group of message properties.
class MessagePropertyTable final : public QTableWidget {
    Q_OBJECT
public:
    struct Row {
        QString name;
        QString type;
        QString value;
    };

    explicit MessagePropertyTable(QWidget* parent = nullptr);

    void setRows(const QList<Row>& rows);
    [[nodiscard]] QString valueOf(const QString& name) const; // empty when absent

    // The broker's and the AMQP properties section's fields, by their SDK names.
    [[nodiscard]] static QList<Row> systemRows(const ServiceBusMessage& message);
    // Each entry with its AMQP type.
    [[nodiscard]] static QList<Row> mapRows(const AmqpMap& map);
};

} // namespace busbar
