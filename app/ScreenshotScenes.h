#pragma once

#include <QObject>
#include <QPixmap>
#include <QPointer>
#include <QString>
#include <QTimer>

#include <functional>

namespace busbar {

class EntityMessagesView;
class Job;
class MainWindow;
class NamespaceSession;

// `busbar --screenshot-scene <name> --screenshot <file>`: drives the real window, once the
// Local namespace is connected and seeded, into one of the scenes the docs show
// (CommandLine::screenshotScenes()), then saves the window with any dialog it opened painted
// where it sits (a dialog is a window of its own, which grabbing the main window misses) and
// quits. Every step waits for the signal that says its work is done; only the final grab
// waits a fixed delay, for painting to settle. A documentation tool, not a user feature.
class ScreenshotScenes final : public QObject {
    Q_OBJECT
public:
    ScreenshotScenes(MainWindow& window, QString scene, QString file, int settleDelayMs,
                     QObject* parent = nullptr);
    ~ScreenshotScenes() override;

    // Waits for the Local namespace (opened by main), sets the scene up and shoots.
    void start();

Q_SIGNALS:
    // 0 once the file is saved; 1 when the scene could not be set up or saved.
    void finished(int exitCode);

private:
    using Step = std::function<void()>;

    void deadLetters();
    void locked();
    void repair();
    void sessions();
    // ScreenshotScenesJobs.cpp
    void jobs();
    void fillNotificationDeadLetters(int count, Step then);
    void deadLetterReceived(int left, Step then);
    Job* startReplay(const QString& entity, qint64 count);

    // Opens `entity` on its Dead-letter tab and calls `then` once its dead letters are loaded.
    void openDeadLetters(const QString& entity, std::function<void(EntityMessagesView*)> then);
    // Runs `then` once `ready()` holds: checked now and whenever recheck() is called (hook
    // it to the signals that can change the answer). One wait at a time.
    void waitFor(const QString& what, std::function<bool()> ready, Step then);
    void recheck();
    template <typename Sender, typename Signal>
    void recheckOn(Sender* sender, Signal signal) {
        // Queued: the emitter has finished updating itself when the condition is read.
        connect(sender, signal, this, &ScreenshotScenes::recheck, Qt::QueuedConnection);
    }
    // Grabs after the settle delay, saves and finishes.
    void shoot();
    void fail(const QString& why);
    [[nodiscard]] QPixmap compose() const;

    MainWindow& m_window;
    QString m_scene;
    QString m_file;
    int m_settleDelayMs;
    QPointer<NamespaceSession> m_session;
    QPointer<QWidget> m_page;   // the scene's tab, brought to the front before the grab
    QPointer<QWidget> m_dialog; // a dialog the scene opened, painted over the window
    QString m_waitingFor;
    std::function<bool()> m_ready;
    Step m_then;
    QTimer m_deadline;
    bool m_finished = false;
};

} // namespace busbar
