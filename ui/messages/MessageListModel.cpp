#include "ui/messages/MessageListModel.h"

#include <QApplication>
#include <QDateTime>
#include <QLocale>
#include <QPalette>
#include <QStyle>
#include <QTimer>

#include <algorithm>

namespace busbar {

namespace {

// Interning only pays for short, repeated texts; a set of unique values would only grow.
constexpr qsizetype kMaxInternedLength = 256;
constexpr qsizetype kMaxInternedTexts = 8192;

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
    return parent.isValid() ? 0 : int(m_rows.size());
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

QVariant MessageListModel::displayData(const MessageSummary& row, int column) const {
    switch (column) {
    case SequenceNumber:
        return row.sequenceNumber;
    case MessageId:
        return row.messageId;
    case EnqueuedTime:
        return localTime(row.state == MessageState::Scheduled && row.scheduledMs != 0
                             ? row.scheduledMs
                             : row.enqueuedMs);
    case Subject:
        return row.subject;
    case ContentType:
        return row.contentType;
    case Size:
        return QLocale().formattedDataSize(row.size, 1, QLocale::DataSizeTraditionalFormat);
    case DeliveryCount:
        return row.deliveryCount;
    case SessionId:
        return row.sessionId;
    case DeadLetterReason:
        return row.deadLetterReason;
    case DeadLetterDescription:
        return row.deadLetterDescription;
    case State:
        return m_deadLettered ? tr("Dead-lettered") : stateName(row.state);
    default:
        return {};
    }
}

QVariant MessageListModel::sortData(const MessageSummary& row, int column) const {
    switch (column) {
    case SequenceNumber:
        return row.sequenceNumber;
    case EnqueuedTime:
        return row.enqueuedMs;
    case Size:
        return row.size;
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
    const MessageSummary& row = m_rows.at(size_t(index.row()));
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
            return row.deadLetterDescription.isEmpty() ? QVariant() : row.deadLetterDescription;
        }
        return {};
    case Qt::DecorationRole:
        return index.column() == State ? stateDecoration(row.state) : QVariant();
    case Qt::ForegroundRole:
        return stateForeground(row.state);
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
        return row.deadLetterReason;
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

QString MessageListModel::intern(const QString& text) {
    if (text.isEmpty() || text.size() > kMaxInternedLength) {
        return text;
    }
    if (const auto found = m_interned.constFind(text); found != m_interned.constEnd()) {
        return *found;
    }
    if (m_interned.size() < kMaxInternedTexts) {
        m_interned.insert(text);
    }
    return text;
}

void MessageListModel::appendMessages(const QList<ServiceBusMessage>& messages) {
    if (messages.isEmpty()) {
        return;
    }
    m_pending.reserve(m_pending.size() + messages.size());
    for (const ServiceBusMessage& message : messages) {
        MessageSummary s = MessageSummary::fromMessage(message);
        s.subject = intern(s.subject);
        s.contentType = intern(s.contentType);
        s.sessionId = intern(s.sessionId);
        s.deadLetterReason = intern(s.deadLetterReason);
        s.deadLetterDescription = intern(s.deadLetterDescription);
        s.messageId.squeeze();
        m_pending.append(std::move(s));
        m_cache.insert(message);
    }
    scheduleFlush();
}

void MessageListModel::scheduleFlush() {
    if (m_flushScheduled) {
        return;
    }
    m_flushScheduled = true;
    QTimer::singleShot(0, this, [this] { flushPending(); });
}

void MessageListModel::flushPending() {
    m_flushScheduled = false;
    if (m_pending.isEmpty()) {
        return;
    }
    const int first = int(m_rows.size());
    beginInsertRows({}, first, first + int(m_pending.size()) - 1);
    m_rows.reserve(m_rows.size() + size_t(m_pending.size()));
    for (MessageSummary& s : m_pending) {
        ++m_stateCounts[std::clamp(int(s.state), 0, 2)];
        if (!s.deadLetterReason.isEmpty()) {
            ++m_reasonCounts[s.deadLetterReason];
        }
        m_rows.push_back(std::move(s));
    }
    m_pending.clear();
    m_pending.squeeze();
    endInsertRows();
    Q_EMIT countsChanged();
}

void MessageListModel::clear() {
    m_pending.clear();
    m_cache.clear();
    m_reasonCounts.clear();
    m_interned.clear();
    std::fill(std::begin(m_stateCounts), std::end(m_stateCounts), 0);
    if (!m_rows.empty()) {
        beginResetModel();
        m_rows.clear();
        m_rows.shrink_to_fit();
        endResetModel();
    }
    Q_EMIT countsChanged();
}

int MessageListModel::rowOfSequenceNumber(qint64 sequenceNumber) const {
    const auto found = std::lower_bound(
        m_rows.begin(), m_rows.end(), sequenceNumber,
        [](const MessageSummary& row, qint64 seq) { return row.sequenceNumber < seq; });
    if (found == m_rows.end() || found->sequenceNumber != sequenceNumber) {
        return -1;
    }
    return int(found - m_rows.begin());
}

int MessageListModel::countInState(MessageState state) const {
    return m_stateCounts[std::clamp(int(state), 0, 2)];
}

} // namespace busbar
