#include "ui/send/ApplicationPropertiesTable.h"

#include <QComboBox>
#include <QHeaderView>

namespace busbar {

ApplicationPropertiesTable::ApplicationPropertiesTable(QWidget* parent)
    : QTableWidget(0, 3, parent) {
    setObjectName(QStringLiteral("applicationProperties"));
    setAccessibleName(tr("Application properties"));
    setHorizontalHeaderLabels({tr("Name"), tr("Type"), tr("Value")});
    horizontalHeader()->setStretchLastSection(true);
    verticalHeader()->hide();
    setSelectionBehavior(QAbstractItemView::SelectRows);
    connect(this, &QTableWidget::itemChanged, this, &ApplicationPropertiesTable::propertiesChanged);
}

QList<TypedProperty> ApplicationPropertiesTable::properties() const {
    QList<TypedProperty> result;
    for (int row = 0; row < rowCount(); ++row) {
        TypedProperty property;
        property.name = item(row, 0) ? item(row, 0)->text() : QString();
        if (const auto* type = qobject_cast<QComboBox*>(cellWidget(row, 1))) {
            property.type = PropertyType(type->currentIndex());
        }
        property.value = item(row, 2) ? item(row, 2)->text() : QString();
        result.append(property);
    }
    return result;
}

void ApplicationPropertiesTable::setProperties(const QList<TypedProperty>& properties) {
    setRowCount(0);
    for (const TypedProperty& property : properties) {
        addProperty(property);
    }
    Q_EMIT propertiesChanged();
}

int ApplicationPropertiesTable::addProperty(const TypedProperty& property) {
    QSignalBlocker blocker(this);
    const int row = rowCount();
    insertRow(row);
    setItem(row, 0, new QTableWidgetItem(property.name));
    auto* type = new QComboBox(this);
    type->setObjectName(QStringLiteral("propertyType%1").arg(row));
    type->setAccessibleName(tr("Type of property %1").arg(row + 1));
    type->addItems(TypedProperty::typeNames());
    type->setCurrentIndex(int(property.type));
    connect(type, &QComboBox::currentIndexChanged, this,
            &ApplicationPropertiesTable::propertiesChanged);
    setCellWidget(row, 1, type);
    setItem(row, 2, new QTableWidgetItem(property.value));
    blocker.unblock();
    Q_EMIT propertiesChanged();
    return row;
}

void ApplicationPropertiesTable::removeSelected() {
    const auto rows = selectionModel()->selectedRows();
    QList<int> indexes;
    for (const QModelIndex& index : rows) {
        indexes.append(index.row());
    }
    std::sort(indexes.begin(), indexes.end(), std::greater<>());
    for (const int row : indexes) {
        removeRow(row);
    }
    if (!indexes.isEmpty()) {
        Q_EMIT propertiesChanged();
    }
}

} // namespace busbar
