#include "ui/sessions/SessionStateEditor.h"

#include <QSignalSpy>
#include <QTest>

#include "../locks/LocksTestSupport.h"

using namespace busbar;
using namespace busbar::test;

class tst_SessionStateEditor : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() {
        const QString error = m_emulator.start({}, {QStringLiteral("sq")}, std::chrono::minutes(5));
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY(
            m_emulator.sendIds(QStringLiteral("sq"), {QStringLiteral("m1")}, QStringLiteral("s1")));
        const auto accepted = await(m_emulator.client()->acceptSession(
            QStringLiteral("sq"), QStringLiteral("s1"), ReceiveMode::PeekLock));
        QVERIFY2(accepted, qPrintable(accepted ? QString() : accepted.error().toString()));
    }

    void formatsEncodeAndValidate() {
        using F = SessionStateEditor::Format;
        QCOMPARE(*SessionStateEditor::encode(F::Text, QStringLiteral("é")), QByteArray("\xc3\xa9"));
        QCOMPARE(*SessionStateEditor::encode(F::Hex, QStringLiteral("00 ff\n1A")),
                 QByteArray("\x00\xff\x1a", 3));
        QVERIFY(!SessionStateEditor::encode(F::Hex, QStringLiteral("0g")));
        QVERIFY(!SessionStateEditor::encode(F::Hex, QStringLiteral("abc")));
        QVERIFY(SessionStateEditor::encode(F::Json, QStringLiteral("{\"a\": 1}")));
        const auto bad = SessionStateEditor::encode(F::Json, QStringLiteral("{\"a\": }"));
        QVERIFY(!bad);
        QVERIFY(bad.error().message.contains(QStringLiteral("JSON")));
        QCOMPARE(SessionStateEditor::decode(F::Hex, QByteArray("\x01\xab", 2)),
                 QStringLiteral("01 ab"));
    }

    void invalidJsonCannotBeSaved() {
        SessionStateEditor editor(m_emulator.client(), QStringLiteral("sq"), QStringLiteral("s1"));
        editor.setFormat(SessionStateEditor::Format::Json);
        editor.setText(QStringLiteral("{broken"));
        auto* save = editor.findChild<QWidget*>(QStringLiteral("saveState"));
        QVERIFY(save);
        QVERIFY(!save->isEnabled());
        editor.setText(QStringLiteral("[1, 2]"));
        QVERIFY(save->isEnabled());
    }

    void jsonStateRoundTrip() {
        SessionStateEditor editor(m_emulator.client(), QStringLiteral("sq"), QStringLiteral("s1"));
        editor.setFormat(SessionStateEditor::Format::Json);
        editor.setText(QStringLiteral("{\"step\": 3, \"name\": \"repair\"}"));
        QSignalSpy saved(&editor, &SessionStateEditor::saved);
        editor.save();
        QVERIFY(saved.wait(kAwaitMs));
        QCOMPARE(saved.at(0).at(0).toString(), QString());
        // Read back straight from the broker, then through a fresh editor.
        const auto stored =
            await(m_emulator.client()->sessionState(QStringLiteral("sq"), QStringLiteral("s1")));
        QVERIFY(stored);
        QVERIFY(stored->has_value());
        QCOMPARE(**stored, QByteArray("{\"step\": 3, \"name\": \"repair\"}"));

        SessionStateEditor reader(m_emulator.client(), QStringLiteral("sq"), QStringLiteral("s1"));
        reader.setFormat(SessionStateEditor::Format::Hex);
        QSignalSpy loaded(&reader, &SessionStateEditor::loaded);
        reader.load();
        QVERIFY(loaded.wait(kAwaitMs));
        QCOMPARE(loaded.at(0).at(0).toString(), QString());
        QVERIFY(reader.hasState());
        QCOMPARE(*reader.encoded(), **stored);
        reader.setFormat(SessionStateEditor::Format::Text);
        QCOMPARE(reader.text(), QStringLiteral("{\"step\": 3, \"name\": \"repair\"}"));
    }

    void hexStateThenClear() {
        SessionStateEditor editor(m_emulator.client(), QStringLiteral("sq"), QStringLiteral("s1"));
        editor.setFormat(SessionStateEditor::Format::Hex);
        editor.setText(QStringLiteral("de ad be ef 00"));
        QSignalSpy saved(&editor, &SessionStateEditor::saved);
        editor.save();
        QVERIFY(saved.wait(kAwaitMs));
        auto stored =
            await(m_emulator.client()->sessionState(QStringLiteral("sq"), QStringLiteral("s1")));
        QVERIFY(stored && stored->has_value());
        QCOMPARE(**stored, QByteArray("\xde\xad\xbe\xef\x00", 5));

        saved.clear();
        editor.clearState();
        QVERIFY(saved.wait(kAwaitMs));
        QCOMPARE(saved.at(0).at(0).toString(), QString());
        QVERIFY(!editor.hasState());
        QVERIFY(editor.text().isEmpty());
        stored =
            await(m_emulator.client()->sessionState(QStringLiteral("sq"), QStringLiteral("s1")));
        QVERIFY(stored);
        QVERIFY(!stored->has_value());
    }

private:
    LockEmulator m_emulator;
};

QTEST_MAIN(tst_SessionStateEditor)
#include "tst_SessionStateEditor.moc"
