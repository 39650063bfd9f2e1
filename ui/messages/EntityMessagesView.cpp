#include "ui/messages/EntityMessagesView.h"

#include "core/filter/SqlFilter.h"
#include "ui/messages/BackgroundWorkIndicator.h"
#include "ui/messages/DeadLetterReasonFacet.h"
#include "ui/messages/MessageFilterProxy.h"
#include "ui/messages/MessageInspector.h"
#include "ui/messages/MessageListModel.h"
#include "ui/messages/MessagePagingBar.h"
#include "ui/messages/MessageSearchBar.h"
#include "ui/messages/MessageTableView.h"
#include "ui/messages/PeekPager.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QSplitter>
#include <QTabBar>
#include <QToolBar>
#include <QVBoxLayout>

namespace busbar {

EntityMessagesView::EntityMessagesView(ServiceBusClient* client, QString entityPath,
                                       QWidget* parent)
    : QWidget(parent)
    , m_client(client)
    , m_entityPath(std::move(entityPath)) {
    setObjectName(QStringLiteral("entityMessagesView"));
    buildSource(MainQueue, SubQueue::None);
    buildSource(DeadLetterQueue, SubQueue::DeadLetter);
    buildSource(TransferDeadLetterQueue, SubQueue::TransferDeadLetter);

    auto* layout = new QVBoxLayout(this);
    m_tabs = new QTabBar(this);
    m_tabs->setObjectName(QStringLiteral("subViewTabs"));
    m_tabs->setAccessibleName(tr("Sub-views"));
    m_tabs->setExpanding(false);
    for (int i = 0; i < SubViewCount; ++i) {
        m_tabs->addTab(QString());
    }
    layout->addWidget(m_tabs);
    layout->addWidget(buildBulkActions());
    m_paging = new MessagePagingBar(this);
    layout->addWidget(m_paging);
    m_search = new MessageSearchBar(this);
    // Beside the search box, so the table does not jump when it comes and goes.
    m_work = new BackgroundWorkIndicator(this);
    auto* searchRow = new QHBoxLayout;
    searchRow->addWidget(m_search, 1);
    searchRow->addWidget(m_work, 0, Qt::AlignTop);
    layout->addLayout(searchRow);
    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("errorBanner"));
    m_error->setWordWrap(true);
    m_error->setBackgroundRole(QPalette::ToolTipBase);
    m_error->setAutoFillBackground(true);
    m_error->hide();
    layout->addWidget(m_error);

    auto* vertical = new QSplitter(Qt::Vertical, this);
    vertical->setObjectName(QStringLiteral("messageSplitter"));
    m_tableSplitter = new QSplitter(Qt::Horizontal, vertical);
    m_tableSplitter->setObjectName(QStringLiteral("tableSplitter"));
    m_proxy = new MessageFilterProxy(this);
    connect(m_proxy, &MessageFilterProxy::workChanged, this, &EntityMessagesView::showWork);
    m_table = new MessageTableView(m_tableSplitter);
    m_table->setModel(m_proxy);
    m_table->applyDefaultColumns();
    m_facet = new DeadLetterReasonFacet(m_tableSplitter);
    m_tableSplitter->setStretchFactor(0, 4);
    m_tableSplitter->setStretchFactor(1, 1);
    m_inspector = new MessageInspector(vertical);
    vertical->setStretchFactor(0, 3);
    vertical->setStretchFactor(1, 2);
    layout->addWidget(vertical, 1);

    connect(m_tabs, &QTabBar::currentChanged, this,
            [this](int index) { setSubView(static_cast<SubView>(index)); });
    connect(m_search, &MessageSearchBar::searchRequested, this, &EntityMessagesView::applySearch);
    connect(m_table, &MessageTableView::currentMessageChanged, this,
            &EntityMessagesView::showMessage);
    connect(m_facet, &DeadLetterReasonFacet::reasonChosen, m_proxy,
            &MessageFilterProxy::setReasonFilter);
    connect(m_paging, &MessagePagingBar::refreshRequested, this,
            [this] { currentSource().pager->start(0); });
    connect(m_paging, &MessagePagingBar::loadAllRequested, this, [this] {
        m_paging->setLoadingAll(true);
        currentSource().pager->loadAll();
    });
    connect(m_paging, &MessagePagingBar::cancelRequested, this,
            [this] { currentSource().pager->cancel(); });
    connect(m_paging, &MessagePagingBar::peekFromRequested, this,
            [this](qint64 sequenceNumber) { currentSource().pager->start(sequenceNumber); });
    connect(m_paging, &MessagePagingBar::jumpToTimeRequested, this,
            [this](const QDateTime& time) { currentSource().pager->jumpToTime(time); });

    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &EntityMessagesView::updateBulkActions);
    m_table->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_table, &QWidget::customContextMenuRequested, this,
            &EntityMessagesView::showTableMenu);

    setSubView(Active);
    updateCounts();
}

EntityMessagesView::~EntityMessagesView() = default;

void EntityMessagesView::buildSource(SourceIndex index, SubQueue subQueue) {
    Source& source = m_sources[index];
    source.model = new MessageListModel(this);
    source.model->setDeadLettered(subQueue != SubQueue::None);
    source.pager = new PeekPager(m_client, m_entityPath, subQueue, source.model, this);
    connect(source.model, &MessageListModel::countsChanged, this,
            &EntityMessagesView::updateCounts);
    connect(source.pager, &PeekPager::pageLoaded, this, &EntityMessagesView::updateCounts);
    connect(source.pager, &PeekPager::loadAllFinished, this, [this, index] {
        if (sourceOf(m_subView) == index) {
            m_paging->setLoadingAll(false);
        }
    });
    connect(source.pager, &PeekPager::errorOccurred, this, &EntityMessagesView::showError);
    connect(source.pager, &PeekPager::jumpResolved, this, [this, index](qint64 sequenceNumber) {
        if (sequenceNumber < 0 && sourceOf(m_subView) == index) {
            showError(tr("No message was enqueued at or after that time."));
        }
    });
}

EntityMessagesView::SourceIndex EntityMessagesView::sourceOf(SubView view) {
    switch (view) {
    case DeadLetter:
        return DeadLetterQueue;
    case TransferDeadLetter:
        return TransferDeadLetterQueue;
    case Active:
    case Scheduled:
    case Deferred:
    case SubViewCount:
        break;
    }
    return MainQueue;
}

MessageListModel* EntityMessagesView::model(SubView view) const {
    return m_sources[sourceOf(view)].model;
}

PeekPager* EntityMessagesView::pager(SubView view) const {
    return m_sources[sourceOf(view)].pager;
}

void EntityMessagesView::showEvent(QShowEvent* event) {
    QWidget::showEvent(event);
    start();
}

void EntityMessagesView::start() {
    if (m_started) {
        return;
    }
    m_started = true;
    for (const Source& source : m_sources) {
        source.pager->start(0);
    }
}

void EntityMessagesView::setSubView(SubView view) {
    if (view < 0 || view >= SubViewCount) {
        return;
    }
    m_subView = view;
    {
        const QSignalBlocker blocker(m_tabs);
        m_tabs->setCurrentIndex(view);
    }
    const Source& source = currentSource();
    if (m_proxy->messageModel() != source.model) {
        m_proxy->setMessageModel(source.model);
    }
    switch (view) {
    case Active:
        m_proxy->setStateFilter(MessageState::Active);
        break;
    case Scheduled:
        m_proxy->setStateFilter(MessageState::Scheduled);
        break;
    case Deferred:
        m_proxy->setStateFilter(MessageState::Deferred);
        break;
    case DeadLetter:
    case TransferDeadLetter:
    case SubViewCount:
        m_proxy->setStateFilter(std::nullopt);
        break;
    }
    const bool deadLetters = source.model->isDeadLettered();
    m_facet->setVisible(deadLetters);
    m_facet->selectReason(std::nullopt);
    m_proxy->setReasonFilter(std::nullopt);
    m_paging->setLoadingAll(source.pager->isLoadingAll());
    m_inspector->clear();
    m_error->hide();
    updateCounts();
    updateBulkActions();
}

int EntityMessagesView::subViewCount(SubView view) const {
    const MessageListModel* m = model(view);
    switch (view) {
    case Active:
        return m->countInState(MessageState::Active);
    case Scheduled:
        return m->countInState(MessageState::Scheduled);
    case Deferred:
        return m->countInState(MessageState::Deferred);
    case DeadLetter:
    case TransferDeadLetter:
    case SubViewCount:
        break;
    }
    return m->rowCount();
}

void EntityMessagesView::setBrokerCounts(const MessageCountDetails& counts) {
    m_brokerCounts = counts;
    updateCounts();
}

std::optional<qint64> EntityMessagesView::brokerCount(SubView view) const {
    if (!m_brokerCounts.has_value()) {
        return std::nullopt;
    }
    switch (view) {
    case Active:
        return m_brokerCounts->activeMessageCount;
    case DeadLetter:
        return m_brokerCounts->deadLetterMessageCount;
    case TransferDeadLetter:
        return m_brokerCounts->transferDeadLetterMessageCount;
    case Scheduled:
        return m_brokerCounts->scheduledMessageCount;
    case Deferred:
        if (m_brokerCounts->deferredMessageCount > 0) {
            return m_brokerCounts->deferredMessageCount;
        }
        break;
    case SubViewCount:
        break;
    }
    return std::nullopt;
}

void EntityMessagesView::updateCounts() {
    static const char* const kNames[SubViewCount] = {
        QT_TR_NOOP("Active"), QT_TR_NOOP("Dead-letter"), QT_TR_NOOP("Transfer dead-letter"),
        QT_TR_NOOP("Scheduled"), QT_TR_NOOP("Deferred")};
    for (int i = 0; i < SubViewCount; ++i) {
        const auto view = static_cast<SubView>(i);
        // "+" while the queue has not been peeked to its end: the count is a lower bound.
        const QString more = pager(view)->atEnd() ? QString() : QStringLiteral("+");
        const QString loaded = QLocale().toString(subViewCount(view)) + more;
        const std::optional<qint64> broker = brokerCount(view);
        m_tabs->setTabText(
            i,
            broker.has_value()
                ? tr("%1 (%2 · %3 loaded)").arg(tr(kNames[i]), QLocale().toString(*broker), loaded)
                : tr("%1 %2").arg(tr(kNames[i]), loaded));
    }
    const Source& source = currentSource();
    if (source.model->isDeadLettered()) {
        m_facet->setCounts(source.model->deadLetterReasonCounts());
    }
    m_paging->setLoadedCount(source.model->rowCount(), source.pager->atEnd());
}

void EntityMessagesView::applySearch(const QString& query, bool sql) {
    if (sql && !query.isEmpty()) {
        Result<SqlFilter> parsed = SqlFilter::parse(query);
        if (!parsed) {
            // The table keeps its rows: a half-typed expression should not blank it.
            m_search->setError(tr("Invalid SQL filter: %1").arg(parsed.error().message));
            return;
        }
        m_search->setError({});
        m_proxy->setTextFilter({});
        m_proxy->setSqlFilter(*parsed);
        noteUncachedRows();
        return;
    }
    m_search->setError({});
    m_proxy->setSqlFilter(std::nullopt);
    m_proxy->setTextFilter(sql ? QString() : query);
    noteUncachedRows();
}

void EntityMessagesView::noteUncachedRows() {
    // Rows keep summaries only; bodies and application properties are searched where the
    // cache still holds them. Say so rather than let a miss look like "no such message".
    const MessageListModel* model = currentSource().model;
    const bool searching = !m_search->query().isEmpty();
    const int uncached = model->rowCount() - model->cache().count();
    m_search->setNote(
        searching && uncached > 0
            ? tr("%1 of %2 loaded messages are matched on their summary only "
                 "(body and application properties no longer cached).")
                  .arg(QLocale().toString(uncached), QLocale().toString(model->rowCount()))
            : QString());
}

void EntityMessagesView::showMessage(qint64 sequenceNumber) {
    if (sequenceNumber < 0) {
        m_inspector->clear();
        return;
    }
    const Source& source = currentSource();
    if (std::optional<ServiceBusMessage> cached = source.model->cache().take(sequenceNumber)) {
        m_inspector->setMessage(*cached);
        return;
    }
    m_inspector->showPlaceholder(tr("Loading message %1…").arg(sequenceNumber));
    MessageListModel* model = source.model;
    source.pager->fetchMessage(sequenceNumber, this,
                               [this, model, sequenceNumber](Result<ServiceBusMessage> message) {
                                   if (currentSource().model != model ||
                                       m_table->currentSequenceNumber() != sequenceNumber) {
                                       return; // the user moved on
                                   }
                                   if (!message) {
                                       m_inspector->showPlaceholder(message.error().message);
                                       return;
                                   }
                                   model->cache().insert(*message);
                                   m_inspector->setMessage(*message);
                               });
}

void EntityMessagesView::showError(const QString& message) {
    m_error->setText(message);
    m_error->setVisible(!message.isEmpty());
}

void EntityMessagesView::showWork() {
    // The rows shown meanwhile are the previous pass's; the line says a new one is coming.
    const MessageListModel* model = m_proxy->messageModel();
    m_work->showWork(m_proxy->work(), model != nullptr ? model->rowCount() : 0, m_proxy->isBusy());
}

QWidget* EntityMessagesView::workIndicator() const {
    return m_work;
}

QString EntityMessagesView::workText() const {
    return m_work->text();
}

QString EntityMessagesView::errorText() const {
    return m_error->isHidden() ? QString() : m_error->text();
}

SubQueue EntityMessagesView::currentSubQueue() const {
    return currentSource().pager->subQueue();
}

QList<qint64> EntityMessagesView::selectedSequenceNumbers() const {
    QList<qint64> out;
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    out.reserve(rows.size());
    for (const QModelIndex& row : rows) {
        out.append(row.data(MessageListModel::SequenceNumberRole).toLongLong());
    }
    return out;
}

std::optional<ServiceBusMessage> EntityMessagesView::currentMessage() const {
    return m_inspector->message();
}

void EntityMessagesView::focusSearch() {
    m_search->focusSearch();
}

} // namespace busbar
