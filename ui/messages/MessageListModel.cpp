#include "ui/messages/MessageListModel.h"

#include <QApplication>
#include <QDateTime>
#include <QFutureWatcher>
#include <QLocale>
#include <QPalette>
#include <QStyle>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>

namespace busbar {

namespace {

// Batches up to this many messages are converted on the GUI thread (well under a millisecond);
// larger ones (load-all pages) go to a worker thread.
constexpr int kInlineConversionLimit = 256;

QString localTime(qint64 ms) {
    if (ms == 0) {
        return {};
    }
    return QLocale().toString(QDateTime::fromMSecsSinceEpoch(ms).toLocalTime(),
                              QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz"));
}

QString utcTime(qint64 ms) {
    if (ms == 0) {
        return {};
    }
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
}

} // namespace

MessageListModel::MessageListModel(QObject* parent)
    : QAbstractTableModel(parent) {}

int MessageListModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : m_store.size();
}

int MessageListModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QString MessageListModel::stateName(MessageState state) {
    switch (state) {
    case MessageState::Deferred:
        return tr("Deferred");
    case MessageState::Scheduled:
        return tr("Scheduled");
    case MessageState::Active:
        break;
    }
    return tr("Active");
}

QVariant MessageListModel::displayData(const MessageRow& row, int column) const {
    switch (column) {
    case SequenceNumber:
        return row.sequenceNumber;
    case MessageId:
        return m_store.text(row, MessageRow::MessageId);
    case EnqueuedTime:
        return localTime(row.messageState() == MessageState::Scheduled && row.scheduledMs != 0
                             ? row.scheduledMs
                             : row.enqueuedMs);
    case Subject:
        return m_store.text(row, MessageRow::Subject);
    case ContentType:
        return m_store.text(row, MessageRow::ContentType);
    case Size:
        return QLocale().formattedDataSize(row.size, 1, QLocale::DataSizeTraditionalFormat);
    case DeliveryCount:
        return row.deliveryCount;
    case SessionId:
        return m_store.text(row, MessageRow::SessionId);
    case DeadLetterReason:
        return m_store.text(row, MessageRow::DeadLetterReason);
    case DeadLetterDescription:
        return m_store.text(row, MessageRow::DeadLetterDescription);
    case State:
        return m_deadLettered ? tr("Dead-lettered") : stateName(row.messageState());
    default:
        return {};
    }
}

QVariant MessageListModel::sortData(const MessageRow& row, int column) const {
    switch (column) {
    case SequenceNumber:
        return row.sequenceNumber;
    case EnqueuedTime:
        return row.enqueuedMs;
    case Size:
        return qint64(row.size);
    case DeliveryCount:
        return row.deliveryCount;
    case State:
        return int(row.state);
    default:
        return displayData(row, column);
    }
}

QVariant MessageListModel::stateDecoration(MessageState state) const {
    const QStyle* style = QApplication::style();
    if (!style) {
        return {};
    }
    if (m_deadLettered) {
        return style->standardIcon(QStyle::SP_MessageBoxWarning);
    }
    switch (state) {
    case MessageState::Scheduled:
        return style->standardIcon(QStyle::SP_FileDialogDetailedView);
    case MessageState::Deferred:
        return style->standardIcon(QStyle::SP_MediaPause);
    case MessageState::Active:
        break;
    }
    return {};
}

QVariant MessageListModel::stateForeground(MessageState state) const {
    // From the palette so dark mode keeps its contrast; no hard-coded colours.
    const QPalette palette = QApplication::palette();
    switch (state) {
    case MessageState::Scheduled:
        return palette.color(QPalette::Active, QPalette::Link);
    case MessageState::Deferred:
        return palette.color(QPalette::Disabled, QPalette::Text);
    case MessageState::Active:
        break;
    }
    return {};
}

QVariant MessageListModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const MessageRow& row = m_store.row(index.row());
    const MessageState state = row.messageState();
    switch (role) {
    case Qt::DisplayRole:
        return displayData(row, index.column());
    case Qt::ToolTipRole:
        if (index.column() == EnqueuedTime) {
            return row.scheduledMs != 0
                       ? tr("Enqueued %1 UTC, scheduled for %2 UTC")
                             .arg(utcTime(row.enqueuedMs), utcTime(row.scheduledMs))
                       : tr("%1 UTC").arg(utcTime(row.enqueuedMs));
        }
        if (index.column() == DeadLetterDescription || index.column() == DeadLetterReason) {
            return row.textLength[MessageRow::DeadLetterDescription] == 0
                       ? QVariant()
                       : QVariant(m_store.text(row, MessageRow::DeadLetterDescription));
        }
        return {};
    case Qt::DecorationRole:
        return index.column() == State ? stateDecoration(state) : QVariant();
    case Qt::ForegroundRole:
        return stateForeground(state);
    case Qt::TextAlignmentRole:
        if (index.column() == SequenceNumber || index.column() == Size ||
            index.column() == DeliveryCount) {
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        }
        return {};
    case SortRole:
        return sortData(row, index.column());
    case SequenceNumberRole:
        return row.sequenceNumber;
    case StateRole:
        return int(row.state);
    case DeadLetterReasonRole:
        return m_store.text(row, MessageRow::DeadLetterReason);
    default:
        return {};
    }
}

QVariant MessageListModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole || section < 0 ||
        section >= ColumnCount) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    static const char* const kTitles[ColumnCount] = {QT_TR_NOOP("Seq"),
                                                     QT_TR_NOOP("Message ID"),
                                                     QT_TR_NOOP("Enqueued"),
                                                     QT_TR_NOOP("Subject"),
                                                     QT_TR_NOOP("Content type"),
                                                     QT_TR_NOOP("Size"),
                                                     QT_TR_NOOP("Deliveries"),
                                                     QT_TR_NOOP("Session"),
                                                     QT_TR_NOOP("Dead-letter reason"),
                                                     QT_TR_NOOP("Dead-letter description"),
                                                     QT_TR_NOOP("State")};
    return tr(kTitles[section]);
}

bool MessageListModel::canFetchMore(const QModelIndex& parent) const {
    return !parent.isValid() && m_moreAvailable;
}

void MessageListModel::fetchMore(const QModelIndex& parent) {
    if (canFetchMore(parent)) {
        Q_EMIT fetchMoreRequested();
    }
}

void MessageListModel::setMoreAvailable(bool more) {
    m_moreAvailable = more;
}

void MessageListModel::appendMessages(const QList<ServiceBusMessage>& messages) {
    if (messages.isEmpty()) {
        return;
    }
    // A copy of the list shares its messages: the conversion reads them, nothing is parsed.
    m_pending.append(messages);
    m_pendingMessages += int(messages.size());
    for (const ServiceBusMessage& message : messages) {
        m_cache.insert(message);
    }
    scheduleFlush();
}

void MessageListModel::scheduleFlush() {
    if (m_flushScheduled) {
        return;
    }
    m_flushScheduled = true;
    QTimer::singleShot(0, this, [this] {
        m_flushScheduled = false;
        convertPending();
    });
}

void MessageListModel::convertPending() {
    if (m_converting || m_pending.isEmpty()) {
        return; // onConverted() picks up what queued meanwhile
    }
    QList<QList<ServiceBusMessage>> pages = std::exchange(m_pending, {});
    const int count = std::exchange(m_pendingMessages, 0);
    if (count <= kInlineConversionLimit) {
        insertBlock(MessageRowBlock::fromPages(pages));
        return;
    }
    m_converting = true;
    m_convertingMessages = count;
    const quint64 job = ++m_job;
    m_conversion =
        QtConcurrent::run([pages = std::move(pages)] { return MessageRowBlock::fromPages(pages); });
    // One watcher per conversion: a stale finished() (after clear(), or after flushPending()
    // took the result) is recognised by its job number or by m_converting and ignored.
    auto* watcher = new QFutureWatcher<MessageRowBlock>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, job] {
        watcher->deleteLater();
        if (job == m_job && m_converting) {
            takeConversion();
            convertPending(); // what queued meanwhile
        }
    });
    watcher->setFuture(m_conversion);
}

void MessageListModel::takeConversion() {
    m_converting = false;
    m_convertingMessages = 0;
    MessageRowBlock block = m_conversion.takeResult(); // waits if it is still running
    m_conversion = {};
    insertBlock(std::move(block));
}

void MessageListModel::flushPending() {
    if (m_converting) {
        takeConversion();
    }
    if (!m_pending.isEmpty()) {
        QList<QList<ServiceBusMessage>> pages = std::exchange(m_pending, {});
        m_pendingMessages = 0;
        insertBlock(MessageRowBlock::fromPages(pages));
    }
}

void MessageListModel::insertBlock(MessageRowBlock&& block) {
    if (block.rows.empty()) {
        return;
    }
    const int first = m_store.size();
    beginInsertRows({}, first, first + int(block.rows.size()) - 1);
    for (size_t i = 0; i < block.stateCounts.size(); ++i) {
        m_stateCounts[i] += block.stateCounts[i];
    }
    for (auto it = block.reasonCounts.cbegin(); it != block.reasonCounts.cend(); ++it) {
        m_reasonCounts[it.key()] += it.value();
    }
    m_store.append(std::move(block));
    endInsertRows();
    Q_EMIT countsChanged();
}

void MessageListModel::clear() {
    ++m_job;
    m_converting = false;
    m_convertingMessages = 0;
    m_conversion = {};
    m_pending.clear();
    m_pendingMessages = 0;
    m_cache.clear();
    m_reasonCounts.clear();
    std::fill(std::begin(m_stateCounts), std::end(m_stateCounts), 0);
    if (!m_store.isEmpty()) {
        beginResetModel();
        m_store.clear();
        endResetModel();
    }
    Q_EMIT countsChanged();
}

int MessageListModel::rowOfSequenceNumber(qint64 sequenceNumber) const {
    const int row = m_store.lowerBound(sequenceNumber);
    if (row >= m_store.size() || m_store.row(row).sequenceNumber != sequenceNumber) {
        return -1;
    }
    return row;
}

int MessageListModel::countInState(MessageState state) const {
    return m_stateCounts[std::clamp(int(state), 0, 2)];
}

} // namespace busbar
