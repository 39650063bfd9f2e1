#include "ui/messages/MessageFilterProxy.h"

#include "core/filter/MessageFilterContext.h"
#include "ui/messages/MessageListModel.h"

#include <QDateTime>
#include <QFutureWatcher>
#include <QHash>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>

namespace busbar {

namespace {

char asciiLower(char c) {
    return c >= 'A' && c <= 'Z' ? char(c + ('a' - 'A')) : c;
}

// Case-insensitive search of an ASCII needle (already lower case) in UTF-8 bytes: bytes of a
// multi-byte character are all >= 0x80 and never match an ASCII byte.
bool containsAscii(QUtf8StringView haystack, const QByteArray& needle) {
    const qsizetype n = needle.size();
    const qsizetype h = haystack.size();
    const char* data = haystack.data();
    for (qsizetype i = 0; i + n <= h; ++i) {
        qsizetype j = 0;
        while (j < n && asciiLower(data[i + j]) == needle.at(j)) {
            ++j;
        }
        if (j == n) {
            return true;
        }
    }
    return false;
}

bool containsText(const AmqpMap& map, const QString& needle) {
    for (const auto& [key, value] : map.entries) {
        if (key.toString().contains(needle, Qt::CaseInsensitive) ||
            value.toString().contains(needle, Qt::CaseInsensitive)) {
            return true;
        }
    }
    return false;
}

// What a filter can know of a row whose full message is not cached.
FilterContext contextFromSummary(const MessageSummary& row) {
    FilterContext context;
    QVariantMap& sys = context.systemProperties;
    sys.insert(QStringLiteral("SequenceNumber"), row.sequenceNumber);
    sys.insert(QStringLiteral("DeliveryCount"), qint64(row.deliveryCount));
    sys.insert(QStringLiteral("Size"), row.size);
    if (!row.messageId.isEmpty()) {
        sys.insert(QStringLiteral("MessageId"), row.messageId);
    }
    if (!row.subject.isEmpty()) {
        sys.insert(QStringLiteral("Label"), row.subject);
    }
    if (!row.contentType.isEmpty()) {
        sys.insert(QStringLiteral("ContentType"), row.contentType);
    }
    if (!row.sessionId.isEmpty()) {
        sys.insert(QStringLiteral("SessionId"), row.sessionId);
    }
    if (row.enqueuedMs != 0) {
        sys.insert(QStringLiteral("EnqueuedTimeUtc"),
                   QDateTime::fromMSecsSinceEpoch(row.enqueuedMs, Qt::UTC));
    }
    if (row.scheduledMs != 0) {
        sys.insert(QStringLiteral("ScheduledEnqueueTimeUtc"),
                   QDateTime::fromMSecsSinceEpoch(row.scheduledMs, Qt::UTC));
    }
    // The broker keeps these two as application properties of a dead-lettered message.
    if (!row.deadLetterReason.isEmpty()) {
        context.userProperties.insert(QStringLiteral("DeadLetterReason"), row.deadLetterReason);
    }
    if (!row.deadLetterDescription.isEmpty()) {
        context.userProperties.insert(QStringLiteral("DeadLetterErrorDescription"),
                                      row.deadLetterDescription);
    }
    return context;
}

bool matchesText(const MessageRowView& rows, const MessageRow& row,
                 const MessageFilterProxy::Spec& spec, const ServiceBusMessage* full) {
    constexpr MessageRow::Text kFields[] = {
        MessageRow::MessageId, MessageRow::Subject,          MessageRow::ContentType,
        MessageRow::SessionId, MessageRow::DeadLetterReason, MessageRow::DeadLetterDescription};
    for (const MessageRow::Text field : kFields) {
        const QUtf8StringView value = rows.textView(row, field);
        if (value.isEmpty()) {
            continue;
        }
        if (spec.textAscii.isEmpty() ? value.toString().contains(spec.text, Qt::CaseInsensitive)
                                     : containsAscii(value, spec.textAscii)) {
            return true;
        }
    }
    bool isNumber = false;
    const qint64 number = spec.text.toLongLong(&isNumber);
    if (isNumber && number == row.sequenceNumber) {
        return true;
    }
    if (!full) {
        return false;
    }
    const AmqpMessage& amqp = full->amqp;
    if (containsText(amqp.applicationProperties, spec.text) ||
        amqpIdToText(amqp.properties.correlationId).contains(spec.text, Qt::CaseInsensitive) ||
        amqp.properties.to.contains(spec.text, Qt::CaseInsensitive) ||
        amqp.properties.replyTo.contains(spec.text, Qt::CaseInsensitive)) {
        return true;
    }
    const QByteArray body = amqp.bodyKind == AmqpMessage::BodyKind::Data
                                ? amqp.dataPayload()
                                : amqp.bodyValue().toString().toUtf8();
    return spec.textAscii.isEmpty()
               ? QString::fromUtf8(body).contains(spec.text, Qt::CaseInsensitive)
               : containsAscii(QUtf8StringView(body), spec.textAscii);
}

// Strict weak order of two rows on a column (ascending).
bool rowLess(const MessageRowView& rows, int column, int left, int right) {
    const MessageRow& a = rows.row(left);
    const MessageRow& b = rows.row(right);
    const auto text = [&](MessageRow::Text field) {
        return QAnyStringView::compare(rows.textView(a, field), rows.textView(b, field),
                                       Qt::CaseInsensitive) < 0;
    };
    switch (column) {
    case MessageListModel::MessageId:
        return text(MessageRow::MessageId);
    case MessageListModel::EnqueuedTime:
        return a.enqueuedMs < b.enqueuedMs;
    case MessageListModel::Subject:
        return text(MessageRow::Subject);
    case MessageListModel::ContentType:
        return text(MessageRow::ContentType);
    case MessageListModel::Size:
        return a.size < b.size;
    case MessageListModel::DeliveryCount:
        return a.deliveryCount < b.deliveryCount;
    case MessageListModel::SessionId:
        return text(MessageRow::SessionId);
    case MessageListModel::DeadLetterReason:
        return text(MessageRow::DeadLetterReason);
    case MessageListModel::DeadLetterDescription:
        return text(MessageRow::DeadLetterDescription);
    case MessageListModel::State:
        return a.state < b.state;
    case MessageListModel::SequenceNumber:
    default:
        return a.sequenceNumber < b.sequenceNumber;
    }
}

} // namespace

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
    m_resortWanted = false;
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
            setBusy(false);
        }));
        m_connections.append(connect(m_model, &QAbstractItemModel::modelReset, this,
                                     &MessageFilterProxy::onSourceReset));
        if (!async) {
            const int rows = m_model->rowCount();
            m_map = acceptedRows(
                m_model->rows(), 0, rows, m_spec,
                [this](qint64 seq) { return m_model->cache().peek(seq); }, nullptr);
            sortRows(m_model->rows(), m_map, m_sortColumn, m_sortOrder, nullptr);
            m_covered = rows;
            rebuildReverse();
        }
    }
    endResetModel();
    setBusy(false);
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
    m_resortWanted = false;
    endResetModel();
    setBusy(false);
    if (m_model && m_model->rowCount() > 0) {
        mapAppended(0, m_model->rowCount());
    }
}

void MessageFilterProxy::setStateFilter(std::optional<MessageState> state) {
    m_spec.state = state;
    invalidate();
}

void MessageFilterProxy::setReasonFilter(std::optional<QString> reason) {
    m_spec.reasonUtf8 = reason ? std::optional<QByteArray>(reason->toUtf8()) : std::nullopt;
    invalidate();
}

void MessageFilterProxy::setTextFilter(const QString& text) {
    m_spec.text = text.trimmed();
    m_spec.textAscii.clear();
    bool ascii = true;
    for (const QChar c : std::as_const(m_spec.text)) {
        ascii = ascii && c.unicode() < 0x80;
    }
    if (ascii) {
        m_spec.textAscii = m_spec.text.toLower().toLatin1();
    }
    invalidate();
}

void MessageFilterProxy::setSqlFilter(std::optional<SqlFilter> filter) {
    m_spec.sql = std::move(filter);
    invalidate();
}

void MessageFilterProxy::sort(int column, Qt::SortOrder order) {
    m_sortColumn = column;
    m_sortOrder = order;
    invalidate();
}

bool MessageFilterProxy::inSourceOrder() const {
    return m_sortColumn < 0 ||
           (m_sortColumn == MessageListModel::SequenceNumber && m_sortOrder == Qt::AscendingOrder);
}

// --- computing a mapping (any thread) ---------------------------------------------------

std::vector<int> MessageFilterProxy::acceptedRows(const MessageRowView& rows, int first, int last,
                                                  const Spec& spec, const FullMessage& full,
                                                  const std::atomic_bool* cancelled) {
    std::vector<int> out;
    const bool everything = !spec.state && !spec.reasonUtf8 && spec.text.isEmpty() && !spec.sql;
    out.reserve(size_t(everything ? last - first : (last - first) / 4 + 16));
    for (int i = first; i < last; ++i) {
        if (cancelled && (i & 0xFFF) == 0 && cancelled->load(std::memory_order_relaxed)) {
            return {};
        }
        if (everything) {
            out.push_back(i);
            continue;
        }
        const MessageRow& row = rows.row(i);
        if (spec.state && row.messageState() != *spec.state) {
            continue;
        }
        if (spec.reasonUtf8 &&
            rows.textView(row, MessageRow::DeadLetterReason) !=
                QUtf8StringView(spec.reasonUtf8->constData(), spec.reasonUtf8->size())) {
            continue;
        }
        const ServiceBusMessage* message =
            spec.needsFullMessages() ? full(row.sequenceNumber) : nullptr;
        if (!spec.text.isEmpty() && !matchesText(rows, row, spec, message)) {
            continue;
        }
        if (spec.sql) {
            const FilterContext context = message ? filterContextFromMessage(message->amqp)
                                                  : contextFromSummary(rows.summary(i));
            QString error;
            if (spec.sql->evaluate(context, &error) != FilterOutcome::Match) {
                continue;
            }
        }
        out.push_back(i);
    }
    return out;
}

void MessageFilterProxy::sortRows(const MessageRowView& rows, std::vector<int>& map, int column,
                                  Qt::SortOrder order, const std::atomic_bool* cancelled) {
    if (column < 0 || (cancelled && cancelled->load())) {
        return; // source order: ascending sequence numbers
    }
    if (column == MessageListModel::SequenceNumber) {
        if (order == Qt::DescendingOrder) {
            std::reverse(map.begin(), map.end());
        }
        return;
    }
    // Stable, so rows with equal keys keep ascending sequence numbers.
    if (order == Qt::AscendingOrder) {
        std::stable_sort(map.begin(), map.end(),
                         [&](int a, int b) { return rowLess(rows, column, a, b); });
    } else {
        std::stable_sort(map.begin(), map.end(),
                         [&](int a, int b) { return rowLess(rows, column, b, a); });
    }
}

// --- applying it (GUI thread) ------------------------------------------------------------

void MessageFilterProxy::invalidate() {
    ++m_generation; // whatever a worker is computing is out of date
    if (m_cancel) {
        m_cancel->store(true);
    }
    m_resortWanted = false;
    if (!m_model) {
        return;
    }
    const int rows = m_model->rowCount();
    if (rows <= m_asyncThreshold) {
        m_asyncScheduled = false;
        std::vector<int> map = acceptedRows(
            m_model->rows(), 0, rows, m_spec,
            [this](qint64 seq) { return m_model->cache().peek(seq); }, nullptr);
        sortRows(m_model->rows(), map, m_sortColumn, m_sortOrder, nullptr);
        apply(std::move(map), rows);
        setBusy(false);
        return;
    }
    setBusy(true);
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
    if (m_spec.needsFullMessages()) {
        cached = m_model->cache().contents();
    }
    auto future =
        QtConcurrent::run([rows = std::move(rows), spec = m_spec, cached = std::move(cached),
                           column = m_sortColumn, order = m_sortOrder, cancel = m_cancel] {
            QHash<qint64, const ServiceBusMessage*> bySequence;
            bySequence.reserve(qsizetype(cached.size()));
            for (const auto& message : cached) {
                bySequence.insert(message->sequenceNumber, message.get());
            }
            std::vector<int> map = acceptedRows(
                rows, 0, rows.size(), spec,
                [&bySequence](qint64 seq) { return bySequence.value(seq, nullptr); }, cancel.get());
            sortRows(rows, map, column, order, cancel.get());
            return map;
        });
    auto* watcher = new QFutureWatcher<std::vector<int>>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, generation, covered] {
        watcher->deleteLater();
        if (generation != m_generation) {
            return; // a newer filter, sort or model took over
        }
        std::vector<int> map = watcher->future().takeResult();
        setBusy(false);
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
    if (!m_model || m_busy || last <= m_covered) {
        return; // a worker's answer is on its way: it maps these rows when it lands
    }
    first = m_covered;
    std::vector<int> accepted = acceptedRows(
        m_model->rows(), first, last, m_spec,
        [this](qint64 seq) { return m_model->cache().peek(seq); }, nullptr);
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

void MessageFilterProxy::setBusy(bool busy) {
    if (m_busy != busy) {
        m_busy = busy;
        Q_EMIT busyChanged(busy);
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
