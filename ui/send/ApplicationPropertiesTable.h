#pragma once

#include "ui/send/TypedProperty.h"

#include <QList>
#include <QTableWidget>

namespace busbar {

// The application properties of a message being composed: one row per property with its
// name, a type combo and the value as text. Checking the values is the builder's job; the
// table only edits.
class ApplicationPropertiesTable final : public QTableWidget {
    Q_OBJECT
public:
    explicit ApplicationPropertiesTable(QWidget* parent = nullptr);

    [[nodiscard]] QList<TypedProperty> properties() const;
    void setProperties(const QList<TypedProperty>& properties);
    // Appends a row (blank by default) and returns its index.
    int addProperty(const TypedProperty& property = {});
    void removeSelected();

Q_SIGNALS:
    void propertiesChanged();
};

} // namespace busbar
