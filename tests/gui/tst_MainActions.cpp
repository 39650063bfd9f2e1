#include "ui/main/MainActions.h"

#include <QAction>
#include <QTest>

using namespace busbar;

class tst_MainActions : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void shortcutsFollowTheKeyGuide_data() {
        QTest::addColumn<MainAction>("id");
        QTest::addColumn<QKeySequence>("keys");
        QTest::newRow("refresh") << MainAction::Refresh << QKeySequence(Qt::Key_F5);
        QTest::newRow("send") << MainAction::Send << QKeySequence(QKeySequence::New);
        QTest::newRow("receive") << MainAction::Receive << QKeySequence(Qt::CTRL | Qt::Key_L);
        QTest::newRow("resubmit") << MainAction::Resubmit << QKeySequence(Qt::CTRL | Qt::Key_R);
        QTest::newRow("filter") << MainAction::Filter << QKeySequence(QKeySequence::Find);
        QTest::newRow("quit") << MainAction::Quit << QKeySequence(QKeySequence::Quit);
        QTest::newRow("copy") << MainAction::Copy << QKeySequence(QKeySequence::Copy);
        QTest::newRow("complete") << MainAction::Complete
                                  << QKeySequence(Qt::CTRL | Qt::Key_Return);
        QTest::newRow("abandon") << MainAction::Abandon << QKeySequence(Qt::ALT | Qt::Key_A);
        QTest::newRow("dead-letter") << MainAction::DeadLetter << QKeySequence(Qt::ALT | Qt::Key_D);
        QTest::newRow("defer") << MainAction::Defer << QKeySequence(Qt::ALT | Qt::Key_F);
        QTest::newRow("delete") << MainAction::DeleteMessages << QKeySequence(QKeySequence::Delete);
        QTest::newRow("copy as JSON")
            << MainAction::CopyAsJson << QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C);
    }
    void shortcutsFollowTheKeyGuide() {
        QFETCH(MainAction, id);
        QFETCH(QKeySequence, keys);
        QObject owner;
        const MainActions actions(&owner);
        QCOMPARE(actions.action(id)->shortcut(), keys);
    }

    void availabilitySwitchesStateAndTooltip() {
        QObject owner;
        MainActions actions(&owner);
        QAction* send = actions.action(MainAction::Send);
        QVERIFY(!send->isEnabled());
        QCOMPARE(send->toolTip(), MainActions::notAvailableText());
        QCOMPARE(send->statusTip(), MainActions::notAvailableText());
        actions.setAvailable(MainAction::Send, true);
        QVERIFY(send->isEnabled());
        QCOMPARE(send->toolTip(), QStringLiteral("Compose and send a message"));
        actions.setAvailable(MainAction::Send, false);
        QCOMPARE(send->toolTip(), MainActions::notAvailableText());
    }

    void everyActionIsNamedAndOwned() {
        QObject owner;
        const MainActions actions(&owner);
        QStringList names;
        for (int id = 0; id <= static_cast<int>(MainAction::Quit); ++id) {
            QAction* action = actions.action(static_cast<MainAction>(id));
            QVERIFY2(action != nullptr, qPrintable(QString::number(id)));
            QVERIFY(action->objectName().startsWith(QStringLiteral("action")));
            QVERIFY(!action->text().isEmpty());
            QCOMPARE(action->parent(), &actions);
            names.append(action->objectName());
        }
        names.removeDuplicates();
        QCOMPARE(names.size(), static_cast<int>(MainAction::Quit) + 1);
    }
};

QTEST_MAIN(tst_MainActions)
#include "tst_MainActions.moc"
