#pragma once

#include "core/common/Result.h"
#include "core/servicebus/ServiceBusMessage.h"
#include "core/servicebus/ServiceBusTypes.h"

#include <QDateTime>
#include <QObject>
#include <QPointer>
#include <QString>

#include <functional>
#include <optional>

namespace busbar {

class MessageListModel;
class ServiceBusClient;

// Pages one queue (or sub-queue) into a MessageListModel by sequence number with peek: the
// first page on start(), the next whenever the view scrolls to the end (the model's
// fetchMore), every page back to back with loadAll() (cancellable), from a sequence number,
// or from the first message enqueued at or after a time (jumpToTime: a galloping then binary
// search over sequence numbers, one-message peeks). Never blocks; results arrive through the
// client's futures and are continued on this object's thread.
class PeekPager final : public QObject {
    Q_OBJECT
public:
    PeekPager(ServiceBusClient* client, QString entityPath, SubQueue subQueue,
              MessageListModel* model, QObject* parent = nullptr);

    void setPageSize(int size) { m_pageSize = qMax(1, size); }
    [[nodiscard]] int pageSize() const { return m_pageSize; }
    // Load-all asks for larger pages: fewer round trips, the model still appends in batches.
    void setLoadAllPageSize(int size) { m_loadAllPageSize = qMax(1, size); }

    [[nodiscard]] QString entityPath() const { return m_entityPath; }
    [[nodiscard]] SubQueue subQueue() const { return m_subQueue; }
    [[nodiscard]] bool isLoading() const { return m_loading; }
    [[nodiscard]] bool isLoadingAll() const { return m_loadingAll; }
    [[nodiscard]] bool atEnd() const { return m_atEnd; }
    [[nodiscard]] qint64 nextSequenceNumber() const { return m_nextSequence; }

    // Clears the model and loads the first page from `fromSequenceNumber`.
    void start(qint64 fromSequenceNumber = 0);
    // Loads the next page unless one is on its way or the end was reached.
    void fetchNextPage();
    // Loads page after page until the end or cancel().
    void loadAll();
    // Stops load-all and a running jump; a page already asked for is dropped.
    void cancel();
    // Finds the first message enqueued at or after `time`, then start()s from it.
    void jumpToTime(const QDateTime& time);

    // One full message by sequence number (the inspector's fallback when the cache misses).
    using MessageCallback = std::function<void(Result<ServiceBusMessage>)>;
    void fetchMessage(qint64 sequenceNumber, QObject* context, MessageCallback callback);

Q_SIGNALS:
    void loadingChanged(bool loading);
    void pageLoaded(int count);
    void atEndReached();
    void loadAllProgress(qint64 loaded);
    void loadAllFinished(bool cancelled);
    void jumpResolved(qint64 sequenceNumber); // -1 when no message is that recent
    void errorOccurred(const QString& message);

private:
    void requestPage(int maxCount);
    void onPage(quint64 generation, Result<QList<ServiceBusMessage>> page);
    void setLoading(bool loading);
    void finishLoadAll(bool cancelled);

    // jumpToTime's search state.
    struct Jump {
        qint64 targetMs = 0;
        qint64 low = -1;  // sequence number of a message enqueued before the target
        qint64 high = -1; // exclusive bound of the unexplored range; -1 while galloping
        qint64 step = 1;
        std::optional<qint64> candidate; // earliest message known at or after the target
    };
    using ProbeCallback = std::function<void(std::optional<ServiceBusMessage>)>;
    void probe(qint64 fromSequenceNumber, ProbeCallback callback);
    void jumpStep();
    void finishJump(std::optional<qint64> found);

    ServiceBusClient* m_client;
    QString m_entityPath;
    SubQueue m_subQueue;
    QPointer<MessageListModel> m_model;
    int m_pageSize = 250;
    int m_loadAllPageSize = 1000;
    qint64 m_nextSequence = 0;
    qint64 m_loaded = 0;
    quint64 m_generation = 0; // bumped by start()/cancel(): late answers are dropped
    bool m_loading = false;
    bool m_loadingAll = false;
    bool m_atEnd = false;
    std::optional<Jump> m_jump;
};

} // namespace busbar
