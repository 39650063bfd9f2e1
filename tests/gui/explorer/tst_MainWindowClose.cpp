// Closing the main window while jobs run asks first (their journals let them resume at the
// next start); without running jobs it closes at once.
#include "core/jobs/JobManager.h"
#include "core/settings/InMemorySecretStore.h"
#include "core/settings/Settings.h"
#include "tests/gui/jobs/TinyJob.h"
#include "ui/main/MainWindow.h"
#include "ui/widgets/ScriptedConfirmationPrompt.h"

#include <QApplication>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace busbar;

class tst_MainWindowClose : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init() {
        QApplication::setQuitOnLastWindowClosed(false);
        QVERIFY(m_dir.isValid());
        m_settings = std::make_unique<Settings>(
            m_dir.filePath(QStringLiteral("settings-%1.ini").arg(++m_counter)));
        m_settings->setAutoRefreshInterval(std::chrono::seconds(0));
        m_prompt = std::make_unique<ScriptedConfirmationPrompt>();
        UiServices services;
        services.settings = m_settings.get();
        services.secrets = &m_secrets;
        services.confirmation = m_prompt.get();
        m_window = std::make_unique<MainWindow>(services);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    }

    void cleanup() {
        if (JobManager* jobs = m_window->jobManager(); jobs != nullptr) {
            for (const QString& id : jobs->jobIds()) {
                jobs->job(id)->cancel();
            }
            QTRY_COMPARE(jobs->runningCount(), 0);
        }
        m_window.reset();
        m_settings.reset();
    }

    void withoutRunningJobsItClosesWithoutAsking() {
        QVERIFY(m_window->close());
        QVERIFY(!m_window->isVisible());
        QVERIFY(m_prompt->requests().isEmpty());
    }

    void withARunningJobItAsksAndStaysOpenWhenDeclined() {
        JobManager* jobs = m_window->jobManager();
        QVERIFY(jobs != nullptr);
        JobDescription description;
        description.kind = QStringLiteral("resubmit");
        description.title = QStringLiteral("Slow job");
        description.journalPath = jobs->newJournalPath(description.kind);
        jobs->start(new test::TinyJob(100'000, 0, 20), description);
        QTRY_COMPARE(jobs->runningCount(), 1);

        QVERIFY(!m_window->close()); // the prompt answers "no" by default
        QVERIFY(m_window->isVisible());
        QCOMPARE(m_prompt->requests().size(), 1);
        QCOMPARE(m_prompt->requests().constFirst().text,
                 QStringLiteral("1 job is running; it will be offered for resume at next start."));

        m_prompt->enqueueAnswer(true);
        QVERIFY(m_window->close());
        QVERIFY(!m_window->isVisible());
        QCOMPARE(m_prompt->requests().size(), 2);
    }

    void severalRunningJobsAreCounted() {
        JobManager* jobs = m_window->jobManager();
        QVERIFY(jobs != nullptr);
        for (int i = 0; i < 2; ++i) {
            JobDescription description;
            description.kind = QStringLiteral("export");
            description.title = QStringLiteral("Slow job %1").arg(i);
            description.journalPath = jobs->newJournalPath(description.kind);
            jobs->start(new test::TinyJob(100'000, 0, 20), description);
        }
        QTRY_COMPARE(jobs->runningCount(), 2);
        QVERIFY(!m_window->close());
        QCOMPARE(m_prompt->requests().size(), 1);
        QVERIFY(m_prompt->requests().constFirst().text.startsWith(
            QStringLiteral("2 jobs are running; they will be offered for resume")));
    }

private:
    QTemporaryDir m_dir;
    int m_counter = 0;
    std::unique_ptr<Settings> m_settings;
    InMemorySecretStore m_secrets;
    std::unique_ptr<ScriptedConfirmationPrompt> m_prompt;
    std::unique_ptr<MainWindow> m_window;
};

QTEST_MAIN(tst_MainWindowClose)
#include "tst_MainWindowClose.moc"
