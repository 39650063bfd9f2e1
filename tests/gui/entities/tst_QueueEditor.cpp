// QueueEditor against the emulator's admin endpoint: create, edit and delete a queue through
// the dialog (checked with AdminClient::getQueue), and invalid values explained before
// anything is sent.
#include "ui/entities/QueueEditor.h"
#include "ui/widgets/ScriptedConfirmationPrompt.h"

#include <QCheckBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>

#include "AdminTestSupport.h"

using namespace busbar;
using namespace busbar::test;
using namespace std::chrono_literals;

class tst_QueueEditor : public QObject {
    Q_OBJECT

private:
    AdminFixture m_fixture;

    template <typename T>
    static T* child(QWidget* dialog, const char* name) {
        auto* widget = dialog->findChild<T*>(QLatin1String(name));
        if (widget == nullptr) {
            qFatal("no child %s", name);
        }
        return widget;
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_fixture.start()); }
    void cleanupTestCase() {
        m_fixture.admin.reset();
        m_fixture.emulator.stop();
    }

    void createEditAndDeleteAQueue() {
        QPointer<QueueEditor> creator = QueueEditor::createNew(m_fixture.admin.get());
        creator->show();
        QVERIFY(!child<QPushButton>(creator, "save")->isEnabled()); // no name yet
        child<QLineEdit>(creator, "name")->setText(QStringLiteral("sales/orders"));
        child<QLineEdit>(creator, "lockDuration")->setText(QStringLiteral("30s"));
        child<QLineEdit>(creator, "defaultMessageTimeToLive")->setText(QStringLiteral("PT2H"));
        child<QSpinBox>(creator, "maxDeliveryCount")->setValue(7);
        child<QCheckBox>(creator, "requiresSession")->setChecked(true);
        child<QLineEdit>(creator, "userMetadata")->setText(QStringLiteral("from the editor"));
        QVERIFY(child<QPushButton>(creator, "save")->isEnabled());
        QSignalSpy created(creator.data(), &EntityEditorBase::saved);
        QTest::mouseClick(child<QPushButton>(creator, "save"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(created.count(), 1, 15000);
        QCOMPARE(created.first().at(0).toString(), QStringLiteral("sales/orders"));
        creator->close(); // deletes itself
        QTRY_VERIFY(creator.isNull());

        auto got = await(m_fixture.admin->getQueue(QStringLiteral("sales/orders")));
        QVERIFY2(got, got ? "" : qPrintable(describe(got.error())));
        QCOMPARE(got->description.lockDuration, Milliseconds(30s));
        QCOMPARE(got->description.defaultMessageTimeToLive, Milliseconds(2h));
        QCOMPARE(got->description.maxDeliveryCount, 7);
        QVERIFY(got->description.requiresSession);
        QCOMPARE(got->description.userMetadata, QStringLiteral("from the editor"));

        ScriptedConfirmationPrompt prompt;
        QueueEditor editor(m_fixture.admin.get(), EntityEditorBase::Mode::Edit);
        editor.setConfirmationPrompt(&prompt);
        QSignalSpy loaded(&editor, &EntityEditorBase::loaded);
        editor.load(QStringLiteral("sales/orders"));
        QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 15000);
        QCOMPARE(child<QLineEdit>(&editor, "lockDuration")->text(), QStringLiteral("30s"));
        QVERIFY(child<QLineEdit>(&editor, "name")->isReadOnly());
        QVERIFY(!child<QCheckBox>(&editor, "requiresSession")->isEnabled());
        child<QLineEdit>(&editor, "lockDuration")->setText(QStringLiteral("2m"));
        child<QSpinBox>(&editor, "maxDeliveryCount")->setValue(3);
        QSignalSpy saved(&editor, &EntityEditorBase::saved);
        QTest::mouseClick(child<QPushButton>(&editor, "save"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(saved.count(), 1, 15000);
        got = await(m_fixture.admin->getQueue(QStringLiteral("sales/orders")));
        QVERIFY(got);
        QCOMPARE(got->description.lockDuration, Milliseconds(2min));
        QCOMPARE(got->description.maxDeliveryCount, 3);
        QCOMPARE(got->description.userMetadata, QStringLiteral("from the editor"));

        // Declining deletes nothing; confirming deletes, and the prompt named the queue.
        QSignalSpy deleted(&editor, &EntityEditorBase::deleted);
        prompt.enqueueAnswer(false);
        QTest::mouseClick(child<QPushButton>(&editor, "delete"), Qt::LeftButton);
        QCOMPARE(deleted.count(), 0);
        QVERIFY(await(m_fixture.admin->getQueue(QStringLiteral("sales/orders"))));
        prompt.enqueueAnswer(true);
        QTest::mouseClick(child<QPushButton>(&editor, "delete"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(deleted.count(), 1, 15000);
        QCOMPARE(prompt.requests().size(), 2);
        QVERIFY(prompt.requests().last().title.contains(QStringLiteral("sales/orders")));
        QCOMPARE(prompt.requests().last().typedConfirmation, QStringLiteral("sales/orders"));
        const auto gone = await(m_fixture.admin->getQueue(QStringLiteral("sales/orders")));
        QVERIFY(!gone);
        QCOMPARE(gone.error().code, ErrorCode::EntityNotFound);
    }

    void invalidLockDurationIsExplainedBeforeSending() {
        QueueEditor editor(m_fixture.admin.get(), EntityEditorBase::Mode::Create);
        editor.show();
        child<QLineEdit>(&editor, "name")->setText(QStringLiteral("bad-lock"));
        auto* save = child<QPushButton>(&editor, "save");
        auto* banner = child<QLabel>(&editor, "banner");
        QVERIFY(save->isEnabled());
        QVERIFY(!banner->isVisible());

        child<QLineEdit>(&editor, "lockDuration")->setText(QStringLiteral("10m"));
        QVERIFY(!save->isEnabled());
        QVERIFY(banner->isVisible());
        QVERIFY2(banner->text().contains(QStringLiteral("LockDuration 'PT10M' is out of range")),
                 qPrintable(banner->text()));
        QVERIFY(banner->text().contains(QStringLiteral("PT5M")));

        child<QLineEdit>(&editor, "lockDuration")->setText(QStringLiteral("soon"));
        QVERIFY(!save->isEnabled());
        QVERIFY2(banner->text().contains(QStringLiteral("'soon' is not a duration")),
                 qPrintable(banner->text()));

        child<QLineEdit>(&editor, "lockDuration")->setText(QStringLiteral("PT1M"));
        QVERIFY(save->isEnabled());
        QVERIFY(!banner->isVisible());

        // Nothing reached the service while the value was wrong.
        const auto missing = await(m_fixture.admin->getQueue(QStringLiteral("bad-lock")));
        QCOMPARE(missing.error().code, ErrorCode::EntityNotFound);
    }

    void serviceErrorsShowInTheBanner() {
        QueueEditor editor(m_fixture.admin.get(), EntityEditorBase::Mode::Create);
        editor.show();
        child<QLineEdit>(&editor, "name")->setText(QStringLiteral("basic")); // exists already
        QSignalSpy failed(&editor, &EntityEditorBase::failed);
        QTest::mouseClick(child<QPushButton>(&editor, "save"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 15000);
        QVERIFY(child<QLabel>(&editor, "banner")->isVisible());
        QVERIFY2(failed.first().at(0).toString().contains(QStringLiteral("already exists")),
                 qPrintable(failed.first().at(0).toString()));
    }
};

QTEST_MAIN(tst_QueueEditor)
#include "tst_QueueEditor.moc"
