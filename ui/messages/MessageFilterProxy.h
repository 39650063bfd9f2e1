#pragma once

#include "core/filter/SqlFilter.h"
#include "core/servicebus/ServiceBusTypes.h"
#include "ui/messages/MessageRowFilter.h"

#include <QAbstractProxyModel>
#include <QByteArray>
#include <QPointer>

#include <atomic>
#include <memory>
#include <optional>
#include <vector>

namespace busbar {

class MessageListModel;

// Sorting and filtering over a MessageListModel: by state (the Scheduled and Deferred
// sub-views), by dead-letter reason (the facet), by plain text, or by a SQL filter expression.
// Text and SQL look at the full message when the model's cache holds it (body text and
// application properties included) and at the row's summary otherwise.
//
// Built for a million rows: filters and sorts read the model's compact rows directly (no
// QVariant or QString per row). Up to asyncThreshold() source rows the mapping is computed at
// once, on the calling thread; above it, on a worker thread over a snapshot of the rows, and
// applied when it lands (busyChanged() says when), so the GUI never waits for a full sort
// or scan. Rows appended to the source are filtered as they arrive and placed at once when
// the order is the sequence number's (or none); in another sort order they join at the end
// and move into place when the next sort lands.
class MessageFilterProxy final : public QAbstractProxyModel {
    Q_OBJECT
public:
    // What a worker pass is doing, for the view's "Sorting…" / "Filtering…" line: Filtering
    // when a filter changed since the last mapping landed, Sorting when only the order did (a
    // pass does both). None while no worker runs: the synchronous small case never leaves it.
    enum class Work { None, Sorting, Filtering };
    Q_ENUM(Work)

    explicit MessageFilterProxy(QObject* parent = nullptr);
    ~MessageFilterProxy() override;

    void setMessageModel(MessageListModel* model);
    [[nodiscard]] MessageListModel* messageModel() const { return m_model; }
    void setSourceModel(QAbstractItemModel* model) override;

    void setStateFilter(std::optional<MessageState> state);
    void setReasonFilter(std::optional<QString> reason);
    void setTextFilter(const QString& text);
    void setSqlFilter(std::optional<SqlFilter> filter);
    [[nodiscard]] bool hasSqlFilter() const { return m_filter.sql.has_value(); }

    // Source rows above which filtering and sorting run on a worker thread.
    void setAsyncThreshold(int rows) { m_asyncThreshold = rows; }
    [[nodiscard]] int asyncThreshold() const { return m_asyncThreshold; }
    // A worker is computing a new order or filter (the rows shown are the previous ones).
    [[nodiscard]] bool isBusy() const { return m_work != Work::None; }
    [[nodiscard]] Work work() const { return m_work; }

    [[nodiscard]] int sortColumn() const { return m_sortColumn; }
    [[nodiscard]] Qt::SortOrder sortOrder() const { return m_sortOrder; }
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

    [[nodiscard]] QModelIndex index(int row, int column,
                                    const QModelIndex& parent = {}) const override;
    [[nodiscard]] QModelIndex parent(const QModelIndex& child) const override;
    [[nodiscard]] int rowCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] int columnCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] bool hasChildren(const QModelIndex& parent = {}) const override;
    [[nodiscard]] QVariant headerData(int section, Qt::Orientation orientation,
                                      int role = Qt::DisplayRole) const override;
    [[nodiscard]] QModelIndex mapToSource(const QModelIndex& proxyIndex) const override;
    [[nodiscard]] QModelIndex mapFromSource(const QModelIndex& sourceIndex) const override;

Q_SIGNALS:
    void busyChanged(bool busy);
    // Every change of work(), including Sorting to Filtering when a pass is superseded.
    void workChanged(busbar::MessageFilterProxy::Work work);

private:
    [[nodiscard]] MessageRowFilter::FullMessage cachedMessage() const;
    // The mapping of source rows [0, rows) computed here and now (GUI thread).
    [[nodiscard]] std::vector<int> mappingNow(int rows) const;
    [[nodiscard]] bool inSourceOrder() const;

    void invalidate();
    void startAsync();
    void apply(std::vector<int> map, int covered);
    void mapAppended(int first, int last);
    void onSourceReset();
    void setWork(Work work);
    // The work a pass started now would be doing.
    [[nodiscard]] Work pendingWork() const;
    // A mapping reflecting the current filter and order is in place.
    void settled();
    void rebuildReverse();

    QPointer<MessageListModel> m_model; // the view's models may die before the proxy
    MessageRowFilter m_filter;          // a copy goes to the worker
    int m_sortColumn = -1;
    Qt::SortOrder m_sortOrder = Qt::AscendingOrder;
    int m_asyncThreshold = 20000;

    std::vector<int> m_map;     // proxy row -> source row
    std::vector<int> m_reverse; // source row -> proxy row, -1 when filtered out
    int m_covered = 0;          // source rows the mapping has looked at
    quint64 m_generation = 0;   // a worker's answer for an older generation is dropped
    std::shared_ptr<std::atomic_bool> m_cancel;
    bool m_asyncScheduled = false;
    Work m_work = Work::None;
    bool m_filterChanged = false; // since the last mapping landed
    bool m_sortChanged = false;
    QList<QMetaObject::Connection> m_connections;
};

} // namespace busbar
