// The bulk jobs wired into the real main window (its own JobManager) against the in-process
// emulator: the tree's entity menu opens Replay dead letters…, Purge…, Export messages… and
// Import messages…; a dead-letter tab's Resubmit… moves the selected message through a job
// the window's JobManager runs; Export selected… and Purge… open their dialogs; the Active
// tab offers no resubmit.
#include "core/jobs/ResubmitJob.h"
#include "ui/explorer/NamespaceDock.h"
#include "ui/explorer/NamespaceTreeModel.h"
#include "ui/main/MainActions.h"
#include "ui/main/Workspace.h"
#include "ui/messages/EntityMessagesView.h"
#include "ui/messages/MessageFilterProxy.h"
#include "ui/messages/MessageListModel.h"
#include "ui/messages/MessageTableView.h"
#include "ui/repair/MessageEditPane.h"
#include "ui/repair/ReplayDialog.h"
#include "ui/repair/ResubmitDialog.h"

#include <QAction>
#include <QDockWidget>
#include <QMenu>
#include <QPushButton>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTreeView>

#include "RepairTestSupport.h"

using namespace busbar;
using namespace busbar::test;

class tst_RepairWiring : public QObject {
    Q_OBJECT

private:
    RepairFixture m_fixture;

    // Opens the tree's context menu on `path` and returns it (the caller deletes it).
    QMenu* treeMenu(const QString& path) {
        QTreeView* tree = m_fixture.window()->namespaceDock()->treeView();
        const QModelIndex source =
            m_fixture.window()->explorer()->model()->indexOfEntity(QStringLiteral("emu"), path);
        if (!source.isValid()) {
            return nullptr;
        }
        const QModelIndex proxy =
            m_fixture.window()->namespaceDock()->filterModel()->mapFromSource(source);
        tree->scrollTo(proxy);
        Q_EMIT tree->customContextMenuRequested(tree->visualRect(proxy).center());
        return tree->findChild<QMenu*>(QStringLiteral("namespaceTreeMenu"));
    }

    static QAction* actionNamed(QMenu* menu, const QString& name) {
        for (QAction* action : menu->actions()) {
            if (action->objectName() == name) {
                return action;
            }
        }
        return nullptr;
    }

private Q_SLOTS:
    void initTestCase() {
        emulator::NamespaceConfig ns;
        for (const char* name : {"tree", "tab"}) {
            ns.queues.append(queueNamed(QString::fromLatin1(name)));
        }
        const QString error = m_fixture.start(ns);
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }

    void cleanup() { m_fixture.closeWindow(); }

    void theTreeMenuOpensTheBulkJobDialogs() {
        NamespaceSession* session = m_fixture.openWindow();
        QVERIFY(session != nullptr);
        ExplorerController* explorer = m_fixture.window()->explorer();
        QVERIFY(explorer->repairActions() != nullptr); // the window has a JobManager
        QVERIFY(explorer->maintenanceActions() != nullptr);
        QTRY_VERIFY(explorer->model()
                        ->indexOfEntity(QStringLiteral("emu"), QStringLiteral("tree"))
                        .isValid());

        const struct {
            const char* action;
            const char* dialog;
        } expected[] = {{"menuReplayDeadLetters", "replayDialog"},
                        {"menuPurge", "purgeDialog"},
                        {"menuExport", "exportDialog"},
                        {"menuImport", "importDialog"}};
        for (const auto& row : expected) {
            QMenu* menu = treeMenu(QStringLiteral("tree"));
            QVERIFY(menu != nullptr);
            QAction* action = actionNamed(menu, QString::fromLatin1(row.action));
            QVERIFY2(action != nullptr, row.action);
            action->trigger();
            delete menu;
            auto* dialog = m_fixture.window()->findChild<QDialog*>(QString::fromLatin1(row.dialog));
            QVERIFY2(dialog != nullptr, row.dialog);
            QVERIFY(dialog->isVisible());
            if (auto* replay = qobject_cast<ReplayDialog*>(dialog); replay != nullptr) {
                QVERIFY(replay->windowTitle().contains(QStringLiteral("tree")));
            }
            dialog->close(); // deletes itself
            QTRY_VERIFY(m_fixture.window()->findChild<QDialog*>(QString::fromLatin1(row.dialog)) ==
                        nullptr);
        }
    }

    void aDeadLetterTabResubmitsItsSelectionThroughTheWindowsJobs() {
        NamespaceSession* session = m_fixture.openWindow();
        QVERIFY(session != nullptr);
        ServiceBusClient& client = *session->client();
        const QString queue = QStringLiteral("tab");
        QVERIFY(fillDeadLetterQueue(client, queue, QStringLiteral("tb"), 3, QStringLiteral("n")));
        ExplorerController* explorer = m_fixture.window()->explorer();

        auto* view =
            qobject_cast<EntityMessagesView*>(explorer->openEntity(QStringLiteral("emu"), queue));
        QVERIFY(view != nullptr);
        view->start();
        // The Active tab offers export and purge, not resubmit.
        QVERIFY(!view->bulkAction(EntityMessagesView::Resubmit)->isVisible());
        QVERIFY(!view->bulkAction(EntityMessagesView::Replay)->isVisible());
        QVERIFY(view->bulkAction(EntityMessagesView::Purge)->isVisible());
        QVERIFY(view->bulkAction(EntityMessagesView::ExportSelected)->isVisible());

        view->setSubView(EntityMessagesView::DeadLetter);
        QTRY_COMPARE(view->proxy()->rowCount(), 3);
        QAction* resubmit = view->bulkAction(EntityMessagesView::Resubmit);
        QVERIFY(resubmit->isVisible());
        QVERIFY(!resubmit->isEnabled()); // nothing selected yet
        view->table()->selectRow(1);
        QVERIFY(resubmit->isEnabled());
        // The table's context menu offers the same actions.
        Q_EMIT view->table()->customContextMenuRequested(
            view->table()->visualRect(view->proxy()->index(1, 0)).center());
        auto* menu = view->table()->findChild<QMenu*>(QStringLiteral("messageTableMenu"));
        QVERIFY(menu != nullptr);
        QStringList offered;
        for (const QAction* action : menu->actions()) {
            offered.append(action->objectName());
        }
        delete menu;
        QCOMPARE(
            offered,
            (QStringList{QStringLiteral("resubmitAction"), QStringLiteral("replayAction"),
                         QStringLiteral("exportSelectedAction"), QStringLiteral("purgeAction")}));
        const QList<qint64> selected = view->selectedSequenceNumbers();
        QCOMPARE(selected.size(), 1);
        const auto chosen = await(client.peek(queue, SubQueue::DeadLetter, selected.first(), 1));
        QVERIFY(chosen && chosen->size() == 1);
        const QString chosenId = chosen->constFirst().messageId();

        // Export selected… hands the selection to the export dialog.
        view->bulkAction(EntityMessagesView::ExportSelected)->trigger();
        auto* exportDialog =
            m_fixture.window()->findChild<QDialog*>(QStringLiteral("exportDialog"));
        QVERIFY(exportDialog != nullptr);
        exportDialog->close();

        QSignalSpy started(explorer, &ExplorerController::jobStarted);
        resubmit->trigger();
        auto* dialog =
            m_fixture.window()->findChild<ResubmitDialog*>(QStringLiteral("resubmitDialog"));
        QVERIFY(dialog != nullptr);
        QVERIFY(dialog->messagePane() != nullptr);
        QTRY_VERIFY(dialog->messagePane()->hasMessage());
        m_fixture.prompt()->enqueueAnswer(true);
        auto* button = dialog->findChild<QPushButton*>(QStringLiteral("resubmitButton"));
        QTRY_VERIFY(button->isEnabled());
        button->click();
        QCOMPARE(started.size(), 1);
        const QString id = started.constFirst().constFirst().toString();
        JobManager* jobs = m_fixture.window()->jobManager();
        QVERIFY(jobs != nullptr);
        const auto* job = qobject_cast<const ResubmitJob*>(jobs->job(id));
        QVERIFY(job != nullptr);
        QCOMPARE(job->options().selection.sequenceNumbers, selected);
        // The job shows where it runs: the jobs dock is raised.
        QTRY_VERIFY(
            m_fixture.window()->findChild<QDockWidget*>(QStringLiteral("jobsDock"))->isVisible());
        QVERIFY(waitFinished(job));
        QCOMPARE(job->state(), JobState::Completed);

        const auto active = peekAll(client, queue, SubQueue::None);
        QCOMPARE(active.size(), 1);
        QCOMPARE(active.constFirst().messageId(), chosenId);
        const auto left = peekAll(client, queue, SubQueue::DeadLetter);
        QCOMPARE(left.size(), 2);
        QVERIFY(!idsOf(left).contains(chosenId));
        // The tab peeked again once the job ended: the moved row is gone from its DLQ view.
        QTRY_COMPARE(view->proxy()->rowCount(), 2);

        // The window's Resubmit… (Ctrl+R) acts on the tab in front: its selection.
        QAction* mainResubmit = m_fixture.window()->actions()->action(MainAction::Resubmit);
        QVERIFY(mainResubmit->isEnabled());
        view->table()->selectRow(0);
        mainResubmit->trigger();
        auto* again =
            m_fixture.window()->findChild<ResubmitDialog*>(QStringLiteral("resubmitDialog"));
        QVERIFY(again != nullptr);
        QVERIFY(again->messagePane() != nullptr); // one message selected
        QTRY_VERIFY(again->messagePane()->hasMessage());
        again->close();
        QTRY_VERIFY(m_fixture.window()->findChild<ResubmitDialog*>() == nullptr);
        // Without a selection it replays the tab's dead-letter queue.
        view->table()->clearSelection();
        mainResubmit->trigger();
        auto* replay = m_fixture.window()->findChild<ReplayDialog*>(QStringLiteral("replayDialog"));
        QVERIFY(replay != nullptr);
        replay->close();

        // Purge… asks the maintenance dialog for the sub-queue shown.
        view->bulkAction(EntityMessagesView::Purge)->trigger();
        QVERIFY(m_fixture.window()->findChild<QDialog*>(QStringLiteral("purgeDialog")) != nullptr);
    }
};

QTEST_MAIN(tst_RepairWiring)
#include "tst_RepairWiring.moc"
