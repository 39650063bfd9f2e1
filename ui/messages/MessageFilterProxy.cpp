#include "ui/messages/MessageFilterProxy.h"

#include "ui/messages/MessageListModel.h"

#include <QFutureWatcher>
#include <QHash>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>

namespace busbar {

MessageFilterProxy::MessageFilterProxy(QObject* parent)
    : QAbstractProxyModel(parent) {}

MessageFilterProxy::~MessageFilterProxy() {
    if (m_cancel) {
        m_cancel->store(true);
    }
}

void MessageFilterProxy::setMessageModel(MessageListModel* model) {
    setSourceModel(model);
}

void MessageFilterProxy::setSourceModel(QAbstractItemModel* model) {
    beginResetModel();
    for (const QMetaObject::Connection& connection : std::as_const(m_connections)) {
        disconnect(connection);
    }
    m_connections.clear();
    ++m_generation;
    if (m_cancel) {
        m_cancel->store(true);
    }
    QAbstractProxyModel::setSourceModel(model);
    m_model = qobject_cast<MessageListModel*>(model);
    m_map.clear();
    m_reverse.clear();
    m_covered = 0;
    m_asyncScheduled = false;
    const bool async = m_model && m_model->rowCount() > m_asyncThreshold;
    if (m_model) {
        m_connections.append(connect(m_model, &QAbstractItemModel::rowsInserted, this,
                                     [this](const QModelIndex& parent, int first, int last) {
                                         if (!parent.isValid()) {
                                             mapAppended(first, last + 1);
                                         }
                                     }));
        m_connections.append(connect(m_model, &QAbstractItemModel::modelAboutToBeReset, this,
                                     [this] { beginResetModel(); }));
        // A source destroyed first (its parent deletes children in creation order) leaves
        // nothing to map: say so before a view asks for a row of it.
        m_connections.append(connect(m_model, &QObject::destroyed, this, [this] {
            beginResetModel();
            ++m_generation;
            m_map.clear();
            m_reverse.clear();
            m_covered = 0;
            m_model = nullptr;
            endResetModel();
            settled();
        }));
        m_connections.append(connect(m_model, &QAbstractItemModel::modelReset, this,
                                     &MessageFilterProxy::onSourceReset));
        // The model only appends and resets today; anything else (rows removed or moved,
        // cells edited) is taken as a reset, or a re-filter, so the mapping never goes stale.
        const auto beginReset = [this] {
            beginResetModel();
        };
        m_connections.append(
            connect(m_model, &QAbstractItemModel::rowsAboutToBeRemoved, this, beginReset));
        m_connections.append(connect(m_model, &QAbstractItemModel::rowsRemoved, this,
                                     &MessageFilterProxy::onSourceReset));
        m_connections.append(
            connect(m_model, &QAbstractItemModel::rowsAboutToBeMoved, this, beginReset));
        m_connections.append(connect(m_model, &QAbstractItemModel::rowsMoved, this,
                                     &MessageFilterProxy::onSourceReset));
        m_connections.append(
            connect(m_model, &QAbstractItemModel::layoutAboutToBeChanged, this, beginReset));
        m_connections.append(connect(m_model, &QAbstractItemModel::layoutChanged, this,
                                     &MessageFilterProxy::onSourceReset));
        m_connections.append(connect(m_model, &QAbstractItemModel::dataChanged, this,
                                     &MessageFilterProxy::invalidate));
        if (!async) {
            m_covered = m_model->rowCount();
            m_map = mappingNow(m_covered);
            rebuildReverse();
        }
    }
    endResetModel();
    settled();
    if (async) {
        invalidate();
    }
}

void MessageFilterProxy::onSourceReset() {
    ++m_generation;
    if (m_cancel) {
        m_cancel->store(true);
    }
    m_asyncScheduled = false;
    m_map.clear();
    m_reverse.clear();
    m_covered = 0;
    endResetModel();
    settled();
    if (m_model && m_model->rowCount() > 0) {
        mapAppended(0, m_model->rowCount());
    }
}

void MessageFilterProxy::setStateFilter(std::optional<MessageState> state) {
    m_filter.state = state;
    m_filterChanged = true;
    invalidate();
}

void MessageFilterProxy::setReasonFilter(std::optional<QString> reason) {
    m_filter.reasonUtf8 = reason ? std::optional<QByteArray>(reason->toUtf8()) : std::nullopt;
    m_filterChanged = true;
    invalidate();
}

void MessageFilterProxy::setTextFilter(const QString& text) {
    m_filter.setText(text);
    m_filterChanged = true;
    invalidate();
}

void MessageFilterProxy::setSqlFilter(std::optional<SqlFilter> filter) {
    m_filter.sql = std::move(filter);
    m_filterChanged = true;
    invalidate();
}

void MessageFilterProxy::sort(int column, Qt::SortOrder order) {
    m_sortColumn = column;
    m_sortOrder = order;
    m_sortChanged = true;
    invalidate();
}

bool MessageFilterProxy::inSourceOrder() const {
    return m_sortColumn < 0 ||
           (m_sortColumn == MessageListModel::SequenceNumber && m_sortOrder == Qt::AscendingOrder);
}

// --- computing and applying the mapping --------------------------------------------------

MessageRowFilter::FullMessage MessageFilterProxy::cachedMessage() const {
    return [this](qint64 sequenceNumber) {
        return m_model->cache().peek(sequenceNumber);
    };
}

std::vector<int> MessageFilterProxy::mappingNow(int rows) const {
    std::vector<int> map =
        m_filter.acceptedRows(m_model->rows(), 0, rows, cachedMessage(), nullptr);
    MessageRowFilter::sortRows(m_model->rows(), map, m_sortColumn, m_sortOrder, nullptr);
    return map;
}

void MessageFilterProxy::invalidate() {
    ++m_generation; // whatever a worker is computing is out of date
    if (m_cancel) {
        m_cancel->store(true);
    }
    if (!m_model) {
        return;
    }
    const int rows = m_model->rowCount();
    if (rows <= m_asyncThreshold) {
        m_asyncScheduled = false;
        apply(mappingNow(rows), rows);
        settled();
        return;
    }
    setWork(pendingWork());
    if (!m_asyncScheduled) {
        // Setters called together (a sub-view switch sets three) start one worker.
        m_asyncScheduled = true;
        QTimer::singleShot(0, this, &MessageFilterProxy::startAsync);
    }
}

void MessageFilterProxy::startAsync() {
    if (!m_asyncScheduled || !m_model) {
        return;
    }
    m_asyncScheduled = false;
    const quint64 generation = ++m_generation;
    m_cancel = std::make_shared<std::atomic_bool>(false);
    MessageRowView rows = m_model->rows().snapshot();
    const int covered = rows.size();
    std::vector<std::shared_ptr<const ServiceBusMessage>> cached;
    if (m_filter.needsFullMessages()) {
        cached = m_model->cache().contents();
    }
    auto future =
        QtConcurrent::run([rows = std::move(rows), filter = m_filter, cached = std::move(cached),
                           column = m_sortColumn, order = m_sortOrder, cancel = m_cancel] {
            QHash<qint64, const ServiceBusMessage*> bySequence;
            bySequence.reserve(qsizetype(cached.size()));
            for (const auto& message : cached) {
                bySequence.insert(message->sequenceNumber, message.get());
            }
            std::vector<int> map = filter.acceptedRows(
                rows, 0, rows.size(),
                [&bySequence](qint64 seq) { return bySequence.value(seq, nullptr); }, cancel.get());
            MessageRowFilter::sortRows(rows, map, column, order, cancel.get());
            return map;
        });
    auto* watcher = new QFutureWatcher<std::vector<int>>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, generation, covered] {
        watcher->deleteLater();
        if (generation != m_generation) {
            return; // a newer filter, sort or model took over
        }
        std::vector<int> map = watcher->future().takeResult();
        settled();
        apply(std::move(map), covered);
        // Rows appended while the worker ran.
        if (m_model && m_model->rowCount() > m_covered) {
            mapAppended(m_covered, m_model->rowCount());
        }
    });
    watcher->setFuture(future);
}

void MessageFilterProxy::apply(std::vector<int> map, int covered) {
    m_covered = covered;
    if (m_map.empty() || map.empty()) {
        // From or to nothing: plain removes and inserts, no layout change.
        if (!m_map.empty()) {
            beginRemoveRows({}, 0, int(m_map.size()) - 1);
            m_map.clear();
            rebuildReverse();
            endRemoveRows();
        }
        if (!map.empty()) {
            beginInsertRows({}, 0, int(map.size()) - 1);
            m_map = std::move(map);
            rebuildReverse();
            endInsertRows();
        } else {
            rebuildReverse();
        }
        return;
    }
    Q_EMIT layoutAboutToBeChanged();
    // Selection and current index follow their messages; ones filtered out are dropped.
    const QModelIndexList before = persistentIndexList();
    std::vector<int> sources;
    sources.reserve(size_t(before.size()));
    for (const QModelIndex& index : before) {
        sources.push_back(index.row() >= 0 && size_t(index.row()) < m_map.size()
                              ? m_map[size_t(index.row())]
                              : -1);
    }
    m_map = std::move(map);
    rebuildReverse();
    QModelIndexList after;
    after.reserve(before.size());
    for (qsizetype i = 0; i < before.size(); ++i) {
        const int source = sources[size_t(i)];
        const int row =
            source >= 0 && size_t(source) < m_reverse.size() ? m_reverse[size_t(source)] : -1;
        after.append(row >= 0 ? createIndex(row, before[i].column()) : QModelIndex());
    }
    changePersistentIndexList(before, after);
    Q_EMIT layoutChanged();
}

void MessageFilterProxy::mapAppended(int first, int last) {
    if (!m_model || isBusy() || last <= m_covered) {
        return; // a worker's answer is on its way: it maps these rows when it lands
    }
    first = m_covered;
    std::vector<int> accepted =
        m_filter.acceptedRows(m_model->rows(), first, last, cachedMessage(), nullptr);
    m_covered = last;
    m_reverse.resize(size_t(last), -1);
    if (accepted.empty()) {
        return;
    }
    const int count = int(accepted.size());
    if (m_sortColumn == MessageListModel::SequenceNumber && m_sortOrder == Qt::DescendingOrder) {
        beginInsertRows({}, 0, count - 1);
        m_map.insert(m_map.begin(), accepted.rbegin(), accepted.rend());
        rebuildReverse();
        endInsertRows();
        return;
    }
    const int at = int(m_map.size());
    beginInsertRows({}, at, at + count - 1);
    for (const int source : accepted) {
        m_reverse[size_t(source)] = int(m_map.size());
        m_map.push_back(source);
    }
    endInsertRows();
    if (!inSourceOrder()) {
        // Placed at the end for now; sorted in place (small) or by the next worker.
        invalidate();
    }
}

void MessageFilterProxy::rebuildReverse() {
    m_reverse.assign(size_t(m_covered), -1);
    for (size_t row = 0; row < m_map.size(); ++row) {
        m_reverse[size_t(m_map[row])] = int(row);
    }
}

MessageFilterProxy::Work MessageFilterProxy::pendingWork() const {
    if (m_filterChanged) {
        return Work::Filtering;
    }
    if (m_sortChanged) {
        return Work::Sorting;
    }
    // Nothing asked for: rows changed. Out of sequence order they wait for a sort; in it,
    // only the filter has anything to do.
    return inSourceOrder() ? Work::Filtering : Work::Sorting;
}

void MessageFilterProxy::settled() {
    m_filterChanged = false;
    m_sortChanged = false;
    setWork(Work::None);
}

void MessageFilterProxy::setWork(Work work) {
    if (m_work == work) {
        return;
    }
    const bool wasBusy = isBusy();
    m_work = work;
    Q_EMIT workChanged(work);
    if (wasBusy != isBusy()) {
        Q_EMIT busyChanged(isBusy());
    }
}

// --- QAbstractProxyModel -----------------------------------------------------------------

QModelIndex MessageFilterProxy::index(int row, int column, const QModelIndex& parent) const {
    if (parent.isValid() || row < 0 || column < 0 || size_t(row) >= m_map.size() ||
        column >= columnCount()) {
        return {};
    }
    return createIndex(row, column);
}

QModelIndex MessageFilterProxy::parent(const QModelIndex& /*child*/) const {
    return {};
}

int MessageFilterProxy::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_map.size());
}

int MessageFilterProxy::columnCount(const QModelIndex& parent) const {
    return parent.isValid() || !m_model ? 0 : m_model->columnCount();
}

bool MessageFilterProxy::hasChildren(const QModelIndex& parent) const {
    return !parent.isValid() && !m_map.empty();
}

QVariant MessageFilterProxy::headerData(int section, Qt::Orientation orientation, int role) const {
    // Columns are the source's; the base class would map them through row 0, absent when
    // the filter leaves no row.
    if (orientation == Qt::Horizontal && m_model) {
        return m_model->headerData(section, orientation, role);
    }
    return QAbstractItemModel::headerData(section, orientation, role);
}

QModelIndex MessageFilterProxy::mapToSource(const QModelIndex& proxyIndex) const {
    if (!m_model || !proxyIndex.isValid() || proxyIndex.model() != this ||
        size_t(proxyIndex.row()) >= m_map.size()) {
        return {};
    }
    return m_model->index(m_map[size_t(proxyIndex.row())], proxyIndex.column());
}

QModelIndex MessageFilterProxy::mapFromSource(const QModelIndex& sourceIndex) const {
    if (!m_model || !sourceIndex.isValid() || sourceIndex.model() != m_model ||
        size_t(sourceIndex.row()) >= m_reverse.size()) {
        return {};
    }
    const int row = m_reverse[size_t(sourceIndex.row())];
    return row < 0 ? QModelIndex() : createIndex(row, sourceIndex.column());
}

} // namespace busbar
