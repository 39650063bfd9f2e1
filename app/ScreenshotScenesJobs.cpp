// The "jobs" scene: a finished replay and a bigger one paused mid-way in the jobs panel.
#include "app/ScreenshotScenes.h"
#include "core/jobs/JobManager.h"
#include "core/jobs/ResubmitJob.h"
#include "core/servicebus/ServiceBusClient.h"
#include "core/servicebus/WhenFinished.h"
#include "ui/explorer/ExplorerController.h"
#include "ui/explorer/NamespaceSession.h"
#include "ui/jobs/JobsModel.h"
#include "ui/jobs/JobsPanel.h"
#include "ui/main/MainWindow.h"
#include "ui/messages/EntityMessagesView.h"
#include "ui/messages/MessageTableView.h"
#include "ui/repair/RepairRequest.h"

#include <QDockWidget>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTreeView>

#include <algorithm>
#include <chrono>
#include <memory>

namespace busbar {

namespace {

using namespace std::chrono_literals;

// Enough dead letters that a replay of them takes a moment, so it can be paused mid-way.
constexpr int kNotificationDeadLetters = 600;
constexpr int kBatch = 100;
// The paused replay is asked to stop once this share of it is done; progress is reported
// every 100 ms, so it stops somewhat later.
constexpr double kPauseAt = 0.3;

const QString kNotifications = QStringLiteral("notifications");

OutgoingMessage notification(int index) {
    static const char* const kChannels[] = {"push", "email", "sms"};
    const QString channel = QString::fromLatin1(kChannels[index % 3]);
    OutgoingMessage message;
    message.messageId = QStringLiteral("notify-%1").arg(20000 + index);
    message.subject = QStringLiteral("notification.%1").arg(channel);
    message.contentType = QStringLiteral("application/json");
    message.body = QJsonDocument(QJsonObject{
                                     {QStringLiteral("customerId"),
                                      QStringLiteral("C-%1").arg(1000 + index % 97)},
                                     {QStringLiteral("channel"), channel},
                                     {QStringLiteral("template"), QStringLiteral("order-shipped")},
                                 })
                       .toJson(QJsonDocument::Compact);
    message.setApplicationProperty(QStringLiteral("channel"), channel);
    return message;
}

} // namespace

void ScreenshotScenes::jobs() {
    if (m_window.jobManager() == nullptr) {
        fail(QStringLiteral("the window has no job manager"));
        return;
    }
    // The dock at a height that shows both rows and their buttons.
    if (auto* dock = m_window.findChild<QDockWidget*>(QStringLiteral("jobsDock"));
        dock != nullptr) {
        dock->show();
        dock->raise();
        m_window.resizeDocks({dock}, {170}, Qt::Vertical);
    }
    JobManager* manager = m_window.jobManager();
    recheckOn(manager, &JobManager::jobChanged);
    recheckOn(manager, &JobManager::jobFinished);
    fillNotificationDeadLetters(kNotificationDeadLetters, [this, manager] {
        // First a small replay that runs to the end: the demo's dead orders.
        Job* done = startReplay(QStringLiteral("orders"), -1);
        waitFor(
            QStringLiteral("the replay of orders"), [done] { return done->isFinished(); },
            [this, manager] {
                Job* big = startReplay(kNotifications, kNotificationDeadLetters);
                connect(big, &Job::progressChanged, this, [big](const JobProgress& progress) {
                    if (big->state() == JobState::Running && progress.total > 0 &&
                        progress.done >= qint64(double(progress.total) * kPauseAt)) {
                        big->pause();
                    }
                });
                waitFor(
                    QStringLiteral("the replay of notifications to pause"),
                    [big] { return big->state() == JobState::Paused || big->isFinished(); },
                    [this, manager, big] {
                        JobsPanel* panel = m_window.jobsPanel();
                        panel->model()->flush();
                        panel->selectJob(manager->jobIds().constLast());
                        if (big->isFinished()) {
                            // Still a true picture, just not the one the docs describe.
                            std::fputs("busbar: the replay finished before it could be paused\n",
                                       stderr);
                        }
                        // Above the panel: what is left to replay, and the tree's counts now.
                        m_window.explorer()->refresh();
                        openDeadLetters(kNotifications, [this](EntityMessagesView* view) {
                            view->table()->selectRow(0);
                            shoot();
                        });
                    });
            });
    });
}

Job* ScreenshotScenes::startReplay(const QString& entity, qint64 count) {
    // What the replay dialog hands RepairActions for "all dead letters back to the entity",
    // started the way RepairActions starts it (without asking: nobody is there to answer).
    RepairRequest request;
    request.source = m_session;
    request.targetDescription = entity;
    request.options.sourceEntity = entity;
    request.options.sourceSubQueue = SubQueue::DeadLetter;
    request.options.selection = MessageSelection::all();
    request.count = count;
    // Tiny batches: many short steps, so the pause (taken between two) lands mid-way.
    request.options.batchSize = 2;
    request.replay = true;

    JobManager* manager = m_window.jobManager();
    JobDescription description;
    description.kind = QStringLiteral("resubmit");
    description.title = request.summary();
    description.sourceConnectionId = m_session->id();
    description.options = request.options.toJson();
    description.journalPath = manager->newJournalPath(description.kind);
    auto* job = new ResubmitJob(m_session->client(), m_session->client(), request.options,
                                description.journalPath);
    manager->start(job, description);
    return job;
}

void ScreenshotScenes::fillNotificationDeadLetters(int count, Step then) {
    // Sent, then received in peek-lock and dead-lettered the way a consumer gives up on a
    // message: the broker's own path into the dead-letter queue.
    m_waitingFor = QStringLiteral("notifications to be sent");
    QList<OutgoingMessage> messages;
    messages.reserve(count);
    for (int i = 0; i < count; ++i) {
        messages.append(notification(i));
    }
    whenFinished(
        m_session->client()->send(kNotifications, messages), this,
        [this, count, then = std::move(then)](const VoidResult& sent) mutable {
            if (!sent) {
                fail(QStringLiteral("sending notifications failed: %1").arg(sent.error().message));
                return;
            }
            deadLetterReceived(count, std::move(then));
        });
}

void ScreenshotScenes::deadLetterReceived(int left, Step then) {
    if (left <= 0) {
        then();
        return;
    }
    m_waitingFor = QStringLiteral("notifications to be dead-lettered (%1 left)").arg(left);
    ServiceBusClient* client = m_session->client();
    whenFinished(
        client->receive(kNotifications, SubQueue::None, ReceiveMode::PeekLock,
                        std::min(kBatch, left), 5s),
        this,
        [this, client, left,
         then = std::move(then)](const Result<ServiceBusClient::Messages>& received) mutable {
            if (!received || received->isEmpty()) {
                fail(QStringLiteral("receiving notifications failed: %1")
                         .arg(received ? QStringLiteral("none came") : received.error().message));
                return;
            }
            auto pending = std::make_shared<int>(int(received->size()));
            auto failed = std::make_shared<bool>(false);
            const int next = left - int(received->size());
            auto shared = std::make_shared<Step>(std::move(then));
            for (const ServiceBusMessage& message : *received) {
                whenFinished(client->deadLetter(kNotifications, SubQueue::None, message,
                                                QStringLiteral("DeliveryFailed"),
                                                QStringLiteral("The push gateway answered 503 "
                                                               "Service Unavailable.")),
                             this, [this, pending, failed, next, shared](const VoidResult& done) {
                                 if (!done) {
                                     *failed = true;
                                 }
                                 if (--*pending > 0) {
                                     return;
                                 }
                                 if (*failed) {
                                     fail(QStringLiteral("dead-lettering notifications failed"));
                                     return;
                                 }
                                 deadLetterReceived(next, std::move(*shared));
                             });
            }
        });
}

} // namespace busbar
