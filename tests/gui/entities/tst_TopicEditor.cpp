// TopicEditor against the emulator: create a topic with non-default values, edit it (fixed
// properties read-only), and see nothing saved before it was loaded.
#include "ui/entities/TopicEditor.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>

#include "AdminTestSupport.h"

using namespace busbar;
using namespace busbar::test;
using namespace std::chrono_literals;

class tst_TopicEditor : public QObject {
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

    void createsAndEditsATopic() {
        TopicEditor creator(m_fixture.admin.get(), EntityEditorBase::Mode::Create);
        child<QLineEdit>(&creator, "name")->setText(QStringLiteral("events"));
        child<QLineEdit>(&creator, "defaultMessageTimeToLive")->setText(QStringLiteral("1d"));
        child<QCheckBox>(&creator, "supportOrdering")->setChecked(false);
        child<QCheckBox>(&creator, "requiresDuplicateDetection")->setChecked(true);
        child<QLineEdit>(&creator, "duplicateDetectionHistoryTimeWindow")
            ->setText(QStringLiteral("2m"));
        QSignalSpy saved(&creator, &EntityEditorBase::saved);
        QTest::mouseClick(child<QPushButton>(&creator, "save"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(saved.count(), 1, 15000);
        auto got = await(m_fixture.admin->getTopic(QStringLiteral("events")));
        QVERIFY2(got, got ? "" : qPrintable(describe(got.error())));
        QCOMPARE(got->description.defaultMessageTimeToLive, Milliseconds(24h));
        QVERIFY(!got->description.supportOrdering);
        QVERIFY(got->description.requiresDuplicateDetection);
        QCOMPARE(got->description.duplicateDetectionHistoryTimeWindow, Milliseconds(2min));

        TopicEditor editor(m_fixture.admin.get(), EntityEditorBase::Mode::Edit);
        auto* save = child<QPushButton>(&editor, "save");
        QVERIFY(!save->isEnabled()); // nothing loaded yet: saving would reset the topic
        QSignalSpy loaded(&editor, &EntityEditorBase::loaded);
        editor.load(QStringLiteral("events"));
        QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 15000);
        QVERIFY(save->isEnabled());
        QVERIFY(!child<QCheckBox>(&editor, "requiresDuplicateDetection")->isEnabled());
        QCOMPARE(child<QLineEdit>(&editor, "defaultMessageTimeToLive")->text(),
                 QStringLiteral("1d"));
        child<QComboBox>(&editor, "entityStatus")->setCurrentIndex(int(EntityStatus::Disabled));
        child<QLineEdit>(&editor, "userMetadata")->setText(QStringLiteral("edited"));
        QSignalSpy editSaved(&editor, &EntityEditorBase::saved);
        QTest::mouseClick(save, Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(editSaved.count(), 1, 15000);
        got = await(m_fixture.admin->getTopic(QStringLiteral("events")));
        QVERIFY(got);
        QCOMPARE(got->description.status, EntityStatus::Disabled);
        QCOMPARE(got->description.userMetadata, QStringLiteral("edited"));
        QVERIFY(!got->description.supportOrdering); // unchanged fields stay as they were
    }

    void aMissingTopicFailsToLoadAndCannotBeSaved() {
        TopicEditor editor(m_fixture.admin.get(), EntityEditorBase::Mode::Edit);
        QSignalSpy failed(&editor, &EntityEditorBase::failed);
        editor.load(QStringLiteral("no-such-topic"));
        QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 15000);
        QVERIFY(!child<QPushButton>(&editor, "save")->isEnabled());
        QVERIFY(!child<QLabel>(&editor, "banner")->isHidden());
    }
};

QTEST_MAIN(tst_TopicEditor)
#include "tst_TopicEditor.moc"
