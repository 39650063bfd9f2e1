// RuleEditor against the emulator: SQL checked as typed with the error position, SQL and
// correlation rules created (checked with AdminClient::getRule), a rule edited and deleted.
#include "ui/entities/RuleEditor.h"
#include "ui/send/ApplicationPropertiesTable.h"
#include "ui/widgets/ScriptedConfirmationPrompt.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>

#include "AdminTestSupport.h"

using namespace busbar;
using namespace busbar::test;

class tst_RuleEditor : public QObject {
    Q_OBJECT

private:
    AdminFixture m_fixture;
    const QString m_topic = QStringLiteral("t1");
    const QString m_subscription = QStringLiteral("s1");

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

    void badSqlShowsTheErrorWithItsPosition() {
        RuleEditor editor(m_fixture.admin.get(), EntityEditorBase::Mode::Create, m_topic,
                          m_subscription);
        editor.show();
        child<QLineEdit>(&editor, "name")->setText(QStringLiteral("big"));
        auto* sql = child<QPlainTextEdit>(&editor, "sqlExpression");
        auto* error = child<QLabel>(&editor, "sqlError");
        auto* save = child<QPushButton>(&editor, "save");
        sql->setPlainText(QStringLiteral("amount > 100"));
        QVERIFY(save->isEnabled());
        QVERIFY(error->isHidden());

        sql->setPlainText(QStringLiteral("amount > (100 AND"));
        QVERIFY(!save->isEnabled());
        QVERIFY(!error->isHidden()); // on the Filter tab, which is not the current one
        QVERIFY2(error->text().contains(QStringLiteral("at position")), qPrintable(error->text()));
        QVERIFY(child<QLabel>(&editor, "banner")->text().contains(QStringLiteral("SQL filter:")));

        sql->setPlainText(QStringLiteral("amount > 100"));
        child<QPlainTextEdit>(&editor, "actionExpression")->setPlainText(QStringLiteral("SET = 1"));
        QVERIFY(!save->isEnabled());
        QVERIFY(!child<QLabel>(&editor, "actionError")->isHidden());
        QVERIFY(child<QLabel>(&editor, "actionError")->text().contains(QStringLiteral("position")));
    }

    void createsSqlAndCorrelationRules() {
        RuleEditor sqlEditor(m_fixture.admin.get(), EntityEditorBase::Mode::Create, m_topic,
                             m_subscription);
        child<QLineEdit>(&sqlEditor, "name")->setText(QStringLiteral("expensive"));
        child<QPlainTextEdit>(&sqlEditor, "sqlExpression")
            ->setPlainText(QStringLiteral("amount > 100"));
        child<QPlainTextEdit>(&sqlEditor, "actionExpression")
            ->setPlainText(QStringLiteral("SET sys.Label = 'big'"));
        QSignalSpy saved(&sqlEditor, &EntityEditorBase::saved);
        QTest::mouseClick(child<QPushButton>(&sqlEditor, "save"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(saved.count(), 1, 15000);
        auto rule =
            await(m_fixture.admin->getRule(m_topic, m_subscription, QStringLiteral("expensive")));
        QVERIFY2(rule, rule ? "" : qPrintable(describe(rule.error())));
        QCOMPARE(rule->description.filterKind, FilterKind::Sql);
        QCOMPARE(rule->description.sqlExpression, QStringLiteral("amount > 100"));
        QCOMPARE(rule->description.actionExpression, QStringLiteral("SET sys.Label = 'big'"));

        RuleEditor correlation(m_fixture.admin.get(), EntityEditorBase::Mode::Create, m_topic,
                               m_subscription);
        child<QLineEdit>(&correlation, "name")->setText(QStringLiteral("by-correlation"));
        child<QComboBox>(&correlation, "filterKind")->setCurrentIndex(int(FilterKind::Correlation));
        child<QLineEdit>(&correlation, "correlationId")->setText(QStringLiteral("c-1"));
        child<QLineEdit>(&correlation, "label")->setText(QStringLiteral("created"));
        child<ApplicationPropertiesTable>(&correlation, "correlationProperties")
            ->addProperty({QStringLiteral("region"), PropertyType::String, QStringLiteral("eu")});
        QSignalSpy correlationSaved(&correlation, &EntityEditorBase::saved);
        QTest::mouseClick(child<QPushButton>(&correlation, "save"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(correlationSaved.count(), 1, 15000);
        rule = await(
            m_fixture.admin->getRule(m_topic, m_subscription, QStringLiteral("by-correlation")));
        QVERIFY(rule);
        QCOMPARE(rule->description.filterKind, FilterKind::Correlation);
        QCOMPARE(rule->description.correlation.correlationId, QStringLiteral("c-1"));
        QCOMPARE(rule->description.correlation.label, QStringLiteral("created"));
        QCOMPARE(rule->description.correlation.properties.value(QStringLiteral("region")),
                 QVariant(QStringLiteral("eu")));
    }

    void editsAndDeletesARule() {
        RuleDescription seed;
        seed.name = QStringLiteral("editable");
        seed.filterKind = FilterKind::Sql;
        seed.sqlExpression = QStringLiteral("a = 1 OR b = @b");
        seed.filterParameters.insert(QStringLiteral("@b"), 5);
        QVERIFY(await(m_fixture.admin->createRule(m_topic, m_subscription, seed)));

        ScriptedConfirmationPrompt prompt;
        RuleEditor editor(m_fixture.admin.get(), EntityEditorBase::Mode::Edit, m_topic,
                          m_subscription);
        editor.setConfirmationPrompt(&prompt);
        QSignalSpy loaded(&editor, &EntityEditorBase::loaded);
        editor.load(QStringLiteral("editable"));
        QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 15000);
        auto* sql = child<QPlainTextEdit>(&editor, "sqlExpression");
        QCOMPARE(sql->toPlainText(), QStringLiteral("a = 1 OR b = @b"));
        sql->setPlainText(QStringLiteral("a = 2 OR b = @b"));
        QSignalSpy saved(&editor, &EntityEditorBase::saved);
        QTest::mouseClick(child<QPushButton>(&editor, "save"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(saved.count(), 1, 15000);
        auto rule =
            await(m_fixture.admin->getRule(m_topic, m_subscription, QStringLiteral("editable")));
        QVERIFY(rule);
        QCOMPARE(rule->description.sqlExpression, QStringLiteral("a = 2 OR b = @b"));
        // The parameters the editor does not show were kept by the update.
        QCOMPARE(rule->description.filterParameters.value(QStringLiteral("@b")).toInt(), 5);

        prompt.enqueueAnswer(true);
        QSignalSpy deleted(&editor, &EntityEditorBase::deleted);
        QTest::mouseClick(child<QPushButton>(&editor, "delete"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(deleted.count(), 1, 15000);
        QVERIFY(prompt.requests().first().text.contains(QStringLiteral("editable")));
        const auto gone =
            await(m_fixture.admin->getRule(m_topic, m_subscription, QStringLiteral("editable")));
        QCOMPARE(gone.error().code, ErrorCode::EntityNotFound);
    }
};

QTEST_MAIN(tst_RuleEditor)
#include "tst_RuleEditor.moc"
