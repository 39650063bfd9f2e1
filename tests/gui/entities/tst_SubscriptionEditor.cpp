// SubscriptionEditor against the emulator: create under a topic, limits explained, edit.
#include "ui/entities/SubscriptionEditor.h"

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

class tst_SubscriptionEditor : public QObject {
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

    void createsExplainsAndEdits() {
        SubscriptionEditor creator(m_fixture.admin.get(), EntityEditorBase::Mode::Create,
                                   QStringLiteral("t1"));
        auto* save = child<QPushButton>(&creator, "save");
        auto* banner = child<QLabel>(&creator, "banner");
        child<QLineEdit>(&creator, "name")->setText(QStringLiteral("a/b"));
        QVERIFY(!save->isEnabled()); // a subscription name has no '/'
        QVERIFY(!banner->isHidden());
        child<QLineEdit>(&creator, "name")->setText(QStringLiteral("audit"));
        child<QLineEdit>(&creator, "autoDeleteOnIdle")->setText(QStringLiteral("1m"));
        QVERIFY(!save->isEnabled()); // below the 5 minute minimum
        QVERIFY2(banner->text().contains(QStringLiteral("AutoDeleteOnIdle")),
                 qPrintable(banner->text()));
        child<QLineEdit>(&creator, "autoDeleteOnIdle")->setText(QStringLiteral("1h"));
        child<QLineEdit>(&creator, "lockDuration")->setText(QStringLiteral("20s"));
        child<QCheckBox>(&creator, "requiresSession")->setChecked(true);
        QVERIFY(save->isEnabled());
        QSignalSpy saved(&creator, &EntityEditorBase::saved);
        QTest::mouseClick(save, Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(saved.count(), 1, 15000);
        auto got =
            await(m_fixture.admin->getSubscription(QStringLiteral("t1"), QStringLiteral("audit")));
        QVERIFY2(got, got ? "" : qPrintable(describe(got.error())));
        QCOMPARE(got->description.lockDuration, Milliseconds(20s));
        QCOMPARE(got->description.autoDeleteOnIdle, Milliseconds(1h));
        QVERIFY(got->description.requiresSession);

        SubscriptionEditor editor(m_fixture.admin.get(), EntityEditorBase::Mode::Edit,
                                  QStringLiteral("t1"));
        QSignalSpy loaded(&editor, &EntityEditorBase::loaded);
        editor.load(QStringLiteral("audit"));
        QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 15000);
        QVERIFY(!child<QCheckBox>(&editor, "requiresSession")->isEnabled());
        child<QSpinBox>(&editor, "maxDeliveryCount")->setValue(4);
        QSignalSpy editSaved(&editor, &EntityEditorBase::saved);
        QTest::mouseClick(child<QPushButton>(&editor, "save"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(editSaved.count(), 1, 15000);
        got =
            await(m_fixture.admin->getSubscription(QStringLiteral("t1"), QStringLiteral("audit")));
        QVERIFY(got);
        QCOMPARE(got->description.maxDeliveryCount, 4);
        QCOMPARE(got->description.lockDuration, Milliseconds(20s));
    }
};

QTEST_MAIN(tst_SubscriptionEditor)
#include "tst_SubscriptionEditor.moc"
