#include "ui/log/LogPanel.h"

#include <QApplication>
#include <QClipboard>
#include <QFile>
#include <QListWidget>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTest>

using namespace busbar;

class tst_LogPanel : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void linesCarryTimeLevelAndText() {
        LogPanel panel;
        const QDateTime when(QDate(2026, 1, 2), QTime(3, 4, 5, 6));
        panel.append(LogLevel::Warning, QStringLiteral("lock lost"), when);
        QCOMPARE(panel.entryCount(), 1);
        const QString line = panel.allText();
        QVERIFY(line.startsWith(when.toString(Qt::ISODateWithMs)));
        QVERIFY(line.contains(QStringLiteral("warning")));
        QVERIFY(line.endsWith(QStringLiteral("lock lost")));
    }

    void theListIsReadOnly() {
        LogPanel panel;
        panel.append(LogLevel::Info, QStringLiteral("x"));
        QCOMPARE(panel.listView()->editTriggers(), QAbstractItemView::NoEditTriggers);
    }

    void credentialsAreRedacted() {
        LogPanel panel;
        panel.append(LogLevel::Error, QStringLiteral("bad: Endpoint=sb://a/;SharedAccessKeyName=k;"
                                                     "SharedAccessKey=c2VjcmV0LWtleS12YWx1ZQ=="));
        QVERIFY(!panel.allText().contains(QStringLiteral("c2VjcmV0LWtleS12YWx1ZQ")));
        QVERIFY(panel.allText().contains(QStringLiteral("SharedAccessKeyName=k")));
    }

    void oldestLinesGoFirstPastTheCap() {
        LogPanel panel;
        for (int i = 0; i < LogPanel::kMaxEntries + 5; ++i) {
            panel.append(LogLevel::Debug, QStringLiteral("line %1").arg(i));
        }
        QCOMPARE(panel.entryCount(), LogPanel::kMaxEntries);
        QVERIFY(panel.listView()->item(0)->text().endsWith(QStringLiteral("line 5")));
    }

    void copyTakesSelectionOrEverything() {
        LogPanel panel;
        panel.append(LogLevel::Info, QStringLiteral("first"));
        panel.append(LogLevel::Info, QStringLiteral("second"));
        panel.append(LogLevel::Info, QStringLiteral("third"));
        panel.findChild<QPushButton*>(QStringLiteral("logCopyButton"))->click();
        QCOMPARE(QApplication::clipboard()->text(), panel.allText());
        QCOMPARE(panel.allText().count(QLatin1Char('\n')), 2);

        panel.listView()->item(2)->setSelected(true);
        panel.listView()->item(0)->setSelected(true);
        panel.copyToClipboard();
        const QString copied = QApplication::clipboard()->text();
        QVERIFY(copied.contains(QStringLiteral("first")));
        QVERIFY(!copied.contains(QStringLiteral("second")));
        QVERIFY(copied.indexOf(QStringLiteral("first")) < copied.indexOf(QStringLiteral("third")));
    }

    void saveWritesEveryLine() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        LogPanel panel;
        panel.append(LogLevel::Info, QStringLiteral("one"));
        panel.append(LogLevel::Error, QStringLiteral("two"));
        const QString path = dir.filePath(QStringLiteral("busbar.log"));
        QVERIFY(panel.saveTo(path));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly | QIODevice::Text));
        QCOMPARE(QString::fromUtf8(file.readAll()), panel.allText() + QLatin1Char('\n'));
    }

    void saveToAnUnwritablePlaceFails() {
        LogPanel panel;
        panel.append(LogLevel::Info, QStringLiteral("one"));
        const auto saved = panel.saveTo(QStringLiteral("/nonexistent-dir/busbar.log"));
        QVERIFY(!saved);
        QVERIFY(saved.error().message.contains(QStringLiteral("/nonexistent-dir/busbar.log")));
    }

    void clearEmpties() {
        LogPanel panel;
        panel.append(LogLevel::Info, QStringLiteral("one"));
        panel.findChild<QPushButton*>(QStringLiteral("logClearButton"))->click();
        QCOMPARE(panel.entryCount(), 0);
    }
};

QTEST_MAIN(tst_LogPanel)
#include "tst_LogPanel.moc"
