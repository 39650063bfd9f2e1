#pragma once

#include <QDockWidget>

class QAbstractItemModel;
class QLineEdit;
class QSortFilterProxyModel;
class QStandardItemModel;
class QTreeView;

namespace busbar {

// The left dock: namespaces and their entities as a tree, narrowed by a filter box.
// The tree's model comes from outside (the explorer model, once connections exist); until
// then it shows an empty placeholder model.
class NamespaceDock final : public QDockWidget {
    Q_OBJECT
public:
    explicit NamespaceDock(QWidget* parent = nullptr);

    // Shows `model` through the filter; the dock does not take ownership.
    void setSourceModel(QAbstractItemModel* model);
    [[nodiscard]] QAbstractItemModel* sourceModel() const;

    [[nodiscard]] QTreeView* treeView() const { return m_tree; }
    [[nodiscard]] QLineEdit* filterEdit() const { return m_filter; }
    [[nodiscard]] QSortFilterProxyModel* filterModel() const { return m_proxy; }
    // The saved connection of the current row (or of its namespace), empty when none.
    [[nodiscard]] QString currentConnectionId() const;
    // "/…/" filters by regular expression; anything else is a case-insensitive substring.
    [[nodiscard]] static bool isRegexFilter(const QString& text);

Q_SIGNALS:
    void currentConnectionChanged(const QString& connectionId);

public Q_SLOTS:
    // Shows the dock if hidden and puts the cursor in the filter box.
    void focusFilter();

private:
    void applyFilter(const QString& text);
    // While a filter is set, rows that appear later (subscriptions read in the background)
    // are shown expanded down to the topic, like those matched when the filter was typed.
    void expandInserted(const QModelIndex& parent, int first, int last);

    QLineEdit* m_filter = nullptr;
    QTreeView* m_tree = nullptr;
    QSortFilterProxyModel* m_proxy = nullptr;
    QStandardItemModel* m_placeholder = nullptr;
};

} // namespace busbar
