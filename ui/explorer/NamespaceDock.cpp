#include "ui/explorer/NamespaceDock.h"

#include "ui/explorer/NamespaceItemDelegate.h"
#include "ui/explorer/NamespaceTreeModel.h"

#include <QHeaderView>
#include <QLineEdit>
#include <QRegularExpression>
#include <QSortFilterProxyModel>
#include <QStandardItemModel>
#include <QTreeView>
#include <QVBoxLayout>

namespace busbar {

NamespaceDock::NamespaceDock(QWidget* parent)
    : QDockWidget(tr("Namespaces"), parent)
    , m_filter(new QLineEdit(this))
    , m_tree(new QTreeView(this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_placeholder(new QStandardItemModel(this)) {
    setObjectName(QStringLiteral("namespaceDock"));
    setFeatures(QDockWidget::DockWidgetClosable | QDockWidget::DockWidgetMovable |
                QDockWidget::DockWidgetFloatable);

    m_filter->setObjectName(QStringLiteral("namespaceFilter"));
    m_filter->setPlaceholderText(tr("Filter entities (text or /regex/)"));
    m_filter->setClearButtonEnabled(true);
    m_filter->setAccessibleName(tr("Filter entities"));

    // Recursive filtering keeps the namespace and topic above a matching subscription.
    m_proxy->setObjectName(QStringLiteral("namespaceFilterModel"));
    m_proxy->setRecursiveFilteringEnabled(true);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setSourceModel(m_placeholder);

    m_tree->setObjectName(QStringLiteral("namespaceTree"));
    m_tree->setAccessibleName(tr("Namespaces and entities"));
    m_tree->setModel(m_proxy);
    m_tree->setHeaderHidden(true);
    m_tree->setUniformRowHeights(true);
    m_tree->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_tree->setItemDelegate(new NamespaceItemDelegate(m_tree));

    auto* content = new QWidget(this);
    auto* layout = new QVBoxLayout(content);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_filter);
    layout->addWidget(m_tree);
    setWidget(content);

    connect(m_filter, &QLineEdit::textChanged, this, &NamespaceDock::applyFilter);
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this, &NamespaceDock::expandInserted);
    connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this] { Q_EMIT currentConnectionChanged(currentConnectionId()); });
    // A reset (connections added or removed) clears the current row without currentChanged.
    connect(m_proxy, &QAbstractItemModel::modelReset, this,
            [this] { Q_EMIT currentConnectionChanged(currentConnectionId()); });
}

QString NamespaceDock::currentConnectionId() const {
    QModelIndex index = m_tree->currentIndex();
    while (index.isValid() && index.parent().isValid()) {
        index = index.parent();
    }
    return index.data(NamespaceTreeModel::ConnectionIdRole).toString();
}

void NamespaceDock::setSourceModel(QAbstractItemModel* model) {
    m_proxy->setSourceModel(model != nullptr ? model : m_placeholder);
}

QAbstractItemModel* NamespaceDock::sourceModel() const {
    return m_proxy->sourceModel();
}

void NamespaceDock::focusFilter() {
    show();
    raise();
    m_filter->setFocus(Qt::ShortcutFocusReason);
    m_filter->selectAll();
}

bool NamespaceDock::isRegexFilter(const QString& text) {
    return text.size() > 2 && text.startsWith(QLatin1Char('/')) && text.endsWith(QLatin1Char('/'));
}

void NamespaceDock::applyFilter(const QString& raw) {
    const QString text = raw.trimmed();
    if (isRegexFilter(text)) {
        const QRegularExpression pattern(text.mid(1, text.size() - 2),
                                         QRegularExpression::CaseInsensitiveOption);
        if (!pattern.isValid()) {
            // Keep the last good filter; say what is wrong where the user is typing.
            m_filter->setToolTip(
                tr("Not a valid regular expression: %1").arg(pattern.errorString()));
            m_filter->setProperty("invalid", true);
            return;
        }
        m_proxy->setFilterRegularExpression(pattern);
    } else {
        m_proxy->setFilterFixedString(text);
    }
    m_filter->setToolTip({});
    m_filter->setProperty("invalid", false);
    // Matches deep in the tree are useless if their parents stay collapsed.
    if (!text.trimmed().isEmpty()) {
        m_tree->expandAll();
    }
    // Subscriptions of topics never expanded are not in the tree yet: read them (a few lists
    // at a time) so they can match too.
    if (auto* explorer = qobject_cast<NamespaceTreeModel*>(m_proxy->sourceModel());
        explorer != nullptr) {
        if (text.isEmpty()) {
            explorer->stopLoadingAllSubscriptions();
        } else {
            explorer->loadAllSubscriptions();
        }
    }
}

void NamespaceDock::expandInserted(const QModelIndex& parent, int first, int last) {
    if (m_filter->text().trimmed().isEmpty()) {
        return;
    }
    for (QModelIndex up = parent; up.isValid(); up = up.parent()) {
        m_tree->expand(up);
    }
    // A match under rows the filter hid brings in its whole branch as one inserted row (the
    // namespace, or the topic): open it down to the topic.
    using Kind = NamespaceTreeModel::NodeKind;
    const auto open = [this](const auto& self, const QModelIndex& index) -> void {
        const auto kind = static_cast<Kind>(index.data(NamespaceTreeModel::KindRole).toInt());
        // Not a subscription: expanding one would read its rules for nothing.
        if (kind == Kind::Subscription || kind == Kind::Rule || kind == Kind::Queue) {
            return;
        }
        m_tree->expand(index);
        for (int row = 0; row < m_proxy->rowCount(index); ++row) {
            self(self, m_proxy->index(row, 0, index));
        }
    };
    for (int row = first; row <= last; ++row) {
        open(open, m_proxy->index(row, 0, parent));
    }
}

} // namespace busbar
