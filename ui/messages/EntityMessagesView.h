#pragma once

#include "core/admin/EntityDescriptions.h"
#include "core/servicebus/ServiceBusMessage.h"
#include "core/servicebus/ServiceBusTypes.h"

#include <QWidget>

#include <array>
#include <optional>

class QAction;
class QLabel;
class QSplitter;
class QTabBar;
class QToolBar;

namespace busbar {

class BackgroundWorkIndicator;
class DeadLetterReasonFacet;
class MessageFilterProxy;
class MessageInspector;
class MessageListModel;
class MessagePagingBar;
class MessageSearchBar;
class MessageTableView;
class PeekPager;
class ServiceBusClient;

// The content of one entity tab: sub-views Active, Dead-letter, Transfer dead-letter,
// Scheduled and Deferred, each with its count; a sortable table over the current sub-view
// with a text / SQL search, a facet of dead-letter reasons, and the inspector below.
// The entity's main queue is peeked once and split by state (Active, Scheduled, Deferred);
// each dead-letter queue has its own model and pager. Usage:
//   auto* view = new EntityMessagesView(client, QStringLiteral("orders"), parent);
//   workspace->openTab(view, view->entityPath());
// The client must outlive the view. Nothing is peeked before the view is first shown
// (or start() is called).
class EntityMessagesView final : public QWidget {
    Q_OBJECT
public:
    enum SubView { Active, DeadLetter, TransferDeadLetter, Scheduled, Deferred, SubViewCount };
    // Bulk jobs on this entity, offered in a small toolbar and the table's context menu:
    // Resubmit… (the selection) and Replay… (all or a filter) in dead-letter views, Export
    // selected… and Purge… everywhere. The view only asks; the host runs the job.
    enum BulkAction { Resubmit, Replay, ExportSelected, Purge, BulkActionCount };

    EntityMessagesView(ServiceBusClient* client, QString entityPath, QWidget* parent = nullptr);
    ~EntityMessagesView() override;

    [[nodiscard]] QString entityPath() const { return m_entityPath; }
    // Loads the first page of every queue (once; later calls do nothing).
    void start();
    void setSubView(SubView view);
    [[nodiscard]] SubView subView() const { return m_subView; }
    // The count a sub-view's tab shows (loaded messages in that state or queue).
    [[nodiscard]] int subViewCount(SubView view) const;
    // The broker's own counts (the tree's last read of the entity), shown beside what is
    // loaded: "Dead-letter (1,000,000 · 250 loaded)". The service does not report deferred
    // messages, so Deferred shows a broker count only when it is non-zero (the emulator's).
    void setBrokerCounts(const MessageCountDetails& counts);
    // What the broker says a sub-view holds; empty before setBrokerCounts or when unknown.
    [[nodiscard]] std::optional<qint64> brokerCount(SubView view) const;

    [[nodiscard]] MessageListModel* model(SubView view) const;
    [[nodiscard]] PeekPager* pager(SubView view) const;
    [[nodiscard]] MessageFilterProxy* proxy() const { return m_proxy; }
    [[nodiscard]] MessageTableView* table() const { return m_table; }
    [[nodiscard]] MessageInspector* inspector() const { return m_inspector; }
    [[nodiscard]] MessageSearchBar* searchBar() const { return m_search; }
    [[nodiscard]] DeadLetterReasonFacet* reasonFacet() const { return m_facet; }
    [[nodiscard]] QTabBar* subViewTabs() const { return m_tabs; }
    // "Sorting…" / "Filtering…" beside the search box while the proxy's worker runs (above
    // its threshold only); hidden otherwise.
    [[nodiscard]] QWidget* workIndicator() const;
    [[nodiscard]] QString workText() const;
    [[nodiscard]] QString errorText() const;
    // Which queue the current sub-view browses (for actions on the selection).
    [[nodiscard]] SubQueue currentSubQueue() const;
    // Sequence numbers of the selected rows, in view order.
    [[nodiscard]] QList<qint64> selectedSequenceNumbers() const;
    // The message the inspector shows, if any.
    [[nodiscard]] std::optional<ServiceBusMessage> currentMessage() const;
    // For the window's Ctrl+F: puts the cursor in this tab's search box.
    void focusSearch();
    // Shows the bulk actions; hidden until a host that can run jobs asks for them.
    void setBulkActionsEnabled(bool enabled);
    [[nodiscard]] QAction* bulkAction(BulkAction which) const { return m_bulk[which]; }
    // Peeks every queue again from the start (after a job changed them); nothing before
    // start().
    void reload();

Q_SIGNALS:
    void resubmitRequested(busbar::SubQueue subQueue, const QList<qint64>& sequenceNumbers);
    void replayRequested(busbar::SubQueue subQueue);
    void exportSelectedRequested(busbar::SubQueue subQueue, const QList<qint64>& sequenceNumbers);
    void purgeRequested(busbar::SubQueue subQueue);

protected:
    void showEvent(QShowEvent* event) override;

private:
    struct Source {
        MessageListModel* model = nullptr;
        PeekPager* pager = nullptr;
    };
    enum SourceIndex { MainQueue, DeadLetterQueue, TransferDeadLetterQueue, SourceCount };

    [[nodiscard]] static SourceIndex sourceOf(SubView view);
    [[nodiscard]] const Source& currentSource() const { return m_sources[sourceOf(m_subView)]; }
    void buildSource(SourceIndex index, SubQueue subQueue);
    void updateCounts();
    void applySearch(const QString& query, bool sql);
    void noteUncachedRows();
    void showMessage(qint64 sequenceNumber);
    void showError(const QString& message);
    void showWork();
    // EntityMessagesViewActions.cpp
    QToolBar* buildBulkActions();
    void updateBulkActions();
    void showTableMenu(const QPoint& position);

    ServiceBusClient* m_client;
    QString m_entityPath;
    std::array<Source, SourceCount> m_sources{};
    SubView m_subView = Active;
    bool m_started = false;
    std::optional<MessageCountDetails> m_brokerCounts;

    QTabBar* m_tabs = nullptr;
    MessagePagingBar* m_paging = nullptr;
    MessageSearchBar* m_search = nullptr;
    QLabel* m_error = nullptr;
    BackgroundWorkIndicator* m_work = nullptr;
    MessageFilterProxy* m_proxy = nullptr;
    MessageTableView* m_table = nullptr;
    DeadLetterReasonFacet* m_facet = nullptr;
    MessageInspector* m_inspector = nullptr;
    QSplitter* m_tableSplitter = nullptr;
    QToolBar* m_bulkBar = nullptr;
    std::array<QAction*, BulkActionCount> m_bulk{};
    bool m_bulkEnabled = false;
};

} // namespace busbar
