// Entities opened with "Open Entity by Path…" are kept with the saved connection: after a
// disconnect and a reconnect they are in the tree again and peek; "Forget Opened Entity" drops
// one for the next opening; and a subscription shown by path is merged with its row when its
// topic's own list loads, not shown twice.
#include "core/auth/ConnectionString.h"
#include "core/settings/SavedConnection.h"
#include "tests/gui/explorer/ExplorerWindowFixture.h"
#include "ui/connections/OpenEntityDialog.h"
#include "ui/explorer/NamespaceDock.h"
#include "ui/messages/EntityMessagesView.h"
#include "ui/messages/MessageListModel.h"

#include <QAction>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QTemporaryDir>

using namespace busbar;
using namespace busbar::test;

namespace {

const QString kAudit = QStringLiteral("events/Subscriptions/audit");

} // namespace

class tst_OpenedEntitiesKept : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() {
        emulator::NamespaceConfig ns;
        for (const char* name : {"first", "second"}) {
            QueueDescription queue;
            queue.name = QString::fromLatin1(name);
            ns.queues.append(queue);
        }
        emulator::TopicConfig topic;
        topic.description.name = QStringLiteral("events");
        for (const char* name : {"audit", "billing"}) {
            emulator::SubscriptionConfig sub;
            sub.description.topicName = QStringLiteral("events");
            sub.description.name = QString::fromLatin1(name);
            topic.subscriptions.append(sub);
        }
        ns.topics.append(topic);
        m_fixture.startWithListenOnlyKey(
            ns,
            {{QStringLiteral("second"), {QStringLiteral("second-1"), QStringLiteral("second-2")}}});
    }

    void cleanup() { m_fixture.closeWindow(); }

    // The settings file: no key until something was opened by path (files written before
    // read as none), the paths round-trip, and the list stays free of duplicates.
    void theSettingsKeepPathsOnly() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString file = dir.filePath(QStringLiteral("kept.ini"));
        const auto parsed = ConnectionString::parse(m_fixture.listenOnlyString({}));
        QVERIFY(parsed.has_value());
        SavedConnection saved =
            savedConnectionFor(*parsed, QStringLiteral("c1"), QStringLiteral("c"));
        {
            Settings settings(file);
            QVERIFY(settings.saveConnection(saved).has_value());
            QVERIFY(settings.savedConnection(QStringLiteral("c1"))->openedEntities.isEmpty());
        }
        {
            QSettings raw(file, QSettings::IniFormat);
            QVERIFY(!raw.value(QStringLiteral("connections/1/openedEntities")).isValid());
            QVERIFY(raw.value(QStringLiteral("connections/1/id")).isValid());
        }
        QVERIFY(rememberOpenedEntity(saved, QStringLiteral("orders")));
        QVERIFY(!rememberOpenedEntity(saved, QStringLiteral("ORDERS")));
        QVERIFY(rememberOpenedEntity(saved, kAudit));
        {
            Settings settings(file);
            QVERIFY(settings.saveConnection(saved).has_value());
        }
        Settings reread(file);
        const QStringList expected{QStringLiteral("orders"), kAudit};
        QCOMPARE(reread.savedConnection(QStringLiteral("c1"))->openedEntities, expected);
        QVERIFY(forgetOpenedEntity(saved, QStringLiteral("Orders")));
        QVERIFY(!forgetOpenedEntity(saved, QStringLiteral("orders")));
        QCOMPARE(saved.openedEntities, QStringList{kAudit});
    }

    void anOpenedQueueIsShownAgainAfterAReconnectUntilForgotten() {
        m_fixture.openWindow();
        saveConnection(m_fixture.listenOnlyString({}));
        openListenOnly();
        QVERIFY(!m_fixture.entity(QStringLiteral("second")).isValid());

        OpenEntityDialog* dialog = openDialog();
        QVERIFY(dialog != nullptr);
        dialog->findChild<QLineEdit*>(QStringLiteral("openEntityNameEdit"))
            ->setText(QStringLiteral("second"));
        dialog->findChild<QPushButton*>(QStringLiteral("openEntityOkButton"))->click();
        QTRY_VERIFY(m_fixture.entity(QStringLiteral("second")).isValid());
        // Kept with the saved connection (the path only), in the settings file itself.
        QCOMPARE(m_fixture.m_settings->savedConnection(kEmulatorId)->openedEntities,
                 QStringList{QStringLiteral("second")});
        {
            Settings reread(m_fixture.m_settings->fileName());
            QCOMPARE(reread.savedConnection(kEmulatorId)->openedEntities,
                     QStringList{QStringLiteral("second")});
        }

        reconnect();
        QVERIFY(m_fixture.entity(QStringLiteral("second")).isValid());
        auto* view = qobject_cast<EntityMessagesView*>(
            m_fixture.m_window->explorer()->openEntity(kEmulatorId, QStringLiteral("second")));
        QVERIFY(view != nullptr);
        QTRY_COMPARE(view->model(EntityMessagesView::Active)->rowCount(), 2);

        // Forgotten: still shown now, but not at the next opening.
        QAction* forget =
            entityAction(QStringLiteral("second"), QStringLiteral("menuForgetOpenedEntity"));
        QVERIFY(forget != nullptr);
        forget->trigger();
        delete forget->parent();
        QVERIFY(m_fixture.m_settings->savedConnection(kEmulatorId)->openedEntities.isEmpty());
        QCOMPARE(entityAction(QStringLiteral("second"), QStringLiteral("menuForgetOpenedEntity")),
                 nullptr);
        reconnect();
        QVERIFY(!m_fixture.entity(QStringLiteral("second")).isValid());
    }

    // The admin list works (root key): the kept subscription is shown at once, before any
    // list, and stays one row once its topic's subscriptions are listed beside it.
    void aKeptSubscriptionIsMergedWithItsTopicsList() {
        m_fixture.openWindow();
        saveConnection(m_fixture.m_endpoints.connectionString, {kAudit});
        QVERIFY(m_fixture.openNamespace(kEmulatorId, QStringLiteral("emulator")) != nullptr);
        QVERIFY(m_fixture.entity(kAudit).isValid()); // restored without waiting for a list

        NamespaceTreeModel* model = m_fixture.m_window->explorer()->model();
        const QModelIndex topic = m_fixture.entity(QStringLiteral("events"));
        if (model->canFetchMore(topic)) {
            model->fetchMore(topic); // the user expands the topic
        }
        QTRY_VERIFY(m_fixture.entity(QStringLiteral("events/Subscriptions/billing")).isValid());
        QTRY_VERIFY(!m_fixture.entity(QStringLiteral("events"))
                         .data(NamespaceTreeModel::LoadingRole)
                         .toBool());
        // The topics list too (read beside the queues list): it keeps the topic's row.
        QTRY_VERIFY(m_fixture.entity(QStringLiteral("first")).isValid());
        QTRY_VERIFY(!m_fixture.entity(QStringLiteral("events"))
                         .parent()
                         .data(NamespaceTreeModel::LoadingRole)
                         .toBool());
        QCOMPARE(childNames(m_fixture.entity(QStringLiteral("events"))),
                 (QStringList{QStringLiteral("audit"), QStringLiteral("billing")}));
        QCOMPARE(childNames(m_fixture.entity(QStringLiteral("events")).parent())
                     .count(QStringLiteral("events")),
                 1);

        // Opened by path again (another case): the listed row, not a third one.
        const QModelIndex again =
            model->addEntityByPath(kEmulatorId, QStringLiteral("events/subscriptions/AUDIT"));
        QCOMPARE(again, m_fixture.entity(kAudit));
        QCOMPARE(childNames(m_fixture.entity(QStringLiteral("events"))),
                 (QStringList{QStringLiteral("audit"), QStringLiteral("billing")}));
    }

private:
    void saveConnection(const QString& text, const QStringList& opened = {}) {
        const auto parsed = ConnectionString::parse(text);
        QVERIFY(parsed.has_value());
        SavedConnection saved = savedConnectionFor(*parsed, kEmulatorId, QStringLiteral("kept"));
        saved.openedEntities = opened;
        QVERIFY(m_fixture.m_settings->saveConnection(saved).has_value());
    }

    void openListenOnly() {
        m_fixture.openListenOnly({}, QStringLiteral("kept"));
        const QModelIndex root =
            m_fixture.m_window->explorer()->model()->indexOfConnection(kEmulatorId);
        QTRY_VERIFY(root.data(NamespaceTreeModel::AdminDeniedRole).toBool());
    }

    void reconnect() {
        m_fixture.m_window->explorer()->disconnectNamespace(kEmulatorId);
        QVERIFY(!m_fixture.entity(QStringLiteral("second")).isValid());
        openListenOnly();
    }

    [[nodiscard]] QStringList childNames(const QModelIndex& parent) const {
        const NamespaceTreeModel* model = m_fixture.m_window->explorer()->model();
        QStringList names;
        for (int row = 0; row < model->rowCount(parent); ++row) {
            names.append(
                model->index(row, 0, parent).data(NamespaceTreeModel::NameRole).toString());
        }
        return names;
    }

    // The action `name` of the context menu of the row at `index` (source); null when absent.
    // The menu is the action's parent: the caller deletes it.
    QAction* menuAction(const QModelIndex& index, const QString& name) {
        QTreeView* tree = m_fixture.m_window->namespaceDock()->treeView();
        const QModelIndex proxy =
            m_fixture.m_window->namespaceDock()->filterModel()->mapFromSource(index);
        tree->scrollTo(proxy);
        Q_EMIT tree->customContextMenuRequested(tree->visualRect(proxy).center());
        auto* menu = tree->findChild<QMenu*>(QStringLiteral("namespaceTreeMenu"));
        if (menu == nullptr) {
            return nullptr;
        }
        for (QAction* action : menu->actions()) {
            if (action->objectName() == name && action->parent() == menu) {
                return action;
            }
        }
        delete menu;
        return nullptr;
    }

    QAction* entityAction(const QString& path, const QString& name) {
        return menuAction(m_fixture.entity(path), name);
    }

    OpenEntityDialog* openDialog() {
        QAction* open =
            menuAction(m_fixture.m_window->explorer()->model()->indexOfConnection(kEmulatorId),
                       QStringLiteral("menuOpenEntityByPath"));
        if (open == nullptr) {
            return nullptr;
        }
        open->trigger();
        delete open->parent();
        return m_fixture.m_window->findChild<OpenEntityDialog*>();
    }

    ExplorerWindowFixture m_fixture;
};

QTEST_MAIN(tst_OpenedEntitiesKept)
#include "tst_OpenedEntitiesKept.moc"
