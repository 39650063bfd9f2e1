#include "app/ScreenshotScenes.h"

#include "ui/explorer/ExplorerController.h"
#include "ui/explorer/NamespaceSession.h"
#include "ui/locks/LockedMessagesModel.h"
#include "ui/locks/LockedMessagesView.h"
#include "ui/main/MainWindow.h"
#include "ui/main/Workspace.h"
#include "ui/messages/EntityMessagesView.h"
#include "ui/messages/MessageFilterProxy.h"
#include "ui/messages/MessageListModel.h"
#include "ui/messages/MessageTableView.h"
#include "ui/messages/PeekPager.h"
#include "ui/sessions/SessionsView.h"

#include <QAction>
#include <QApplication>
#include <QDialog>
#include <QDockWidget>
#include <QItemSelectionModel>
#include <QPainter>
#include <QTabWidget>
#include <QTableView>

#include <cstdio>

namespace busbar {

namespace {

// Long enough for the slowest set-up (filling a dead-letter queue for the jobs scene) on a
// loaded CI machine; a scene that is not ready by then will not be.
constexpr int kSceneTimeoutMs = 90'000;
constexpr int kLockedMessages = 10;
constexpr int kRenewedLocks = 3;

const QString kOrders = QStringLiteral("orders");

void printError(const QString& text) {
    std::fputs(text.toLocal8Bit().constData(), stderr);
    std::fflush(stderr);
}

// Selects `rows` of `table` as whole rows, the first one current (what a click and
// shift-click do).
void selectRows(QTableView* table, const QList<int>& rows) {
    QAbstractItemModel* model = table->model();
    QItemSelectionModel* selection = table->selectionModel();
    if (model == nullptr || selection == nullptr || rows.isEmpty()) {
        return;
    }
    selection->setCurrentIndex(model->index(rows.constFirst(), 0),
                               QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    for (int row : rows) {
        selection->select(model->index(row, 0),
                          QItemSelectionModel::Select | QItemSelectionModel::Rows);
    }
}

// The first row showing `text` in any column, or -1.
int rowContaining(const QAbstractItemModel* model, const QString& text) {
    for (int row = 0; row < model->rowCount(); ++row) {
        for (int column = 0; column < model->columnCount(); ++column) {
            if (model->index(row, column).data().toString().contains(text)) {
                return row;
            }
        }
    }
    return -1;
}

} // namespace

ScreenshotScenes::ScreenshotScenes(MainWindow& window, QString scene, QString file,
                                   int settleDelayMs, QObject* parent)
    : QObject(parent)
    , m_window(window)
    , m_scene(std::move(scene))
    , m_file(std::move(file))
    , m_settleDelayMs(settleDelayMs) {
    m_deadline.setSingleShot(true);
    m_deadline.setInterval(kSceneTimeoutMs);
    connect(&m_deadline, &QTimer::timeout, this,
            [this] { fail(QStringLiteral("timed out waiting for %1").arg(m_waitingFor)); });
}

ScreenshotScenes::~ScreenshotScenes() = default;

void ScreenshotScenes::start() {
    ExplorerController* explorer = m_window.explorer();
    if (explorer == nullptr) {
        fail(QStringLiteral("the window has no explorer"));
        return;
    }
    m_deadline.start();
    m_waitingFor = QStringLiteral("the Local namespace");
    explorer->whenConnected(
        ExplorerController::kLocalId, this, [this](NamespaceSession* session, const QString& why) {
            if (session == nullptr) {
                fail(QStringLiteral("the Local namespace did not open: %1").arg(why));
                return;
            }
            m_session = session;
            if (m_scene != QLatin1String("jobs")) {
                // Room for the scene: the empty jobs panel and the log would only take space.
                for (const QString& name :
                     {QStringLiteral("jobsDock"), QStringLiteral("logDock")}) {
                    if (auto* dock = m_window.findChild<QDockWidget*>(name); dock != nullptr) {
                        dock->hide();
                    }
                }
            }
            if (m_scene == QLatin1String("dead-letters")) {
                deadLetters();
            } else if (m_scene == QLatin1String("locked")) {
                locked();
            } else if (m_scene == QLatin1String("repair")) {
                repair();
            } else if (m_scene == QLatin1String("jobs")) {
                jobs();
            } else if (m_scene == QLatin1String("sessions")) {
                sessions();
            } else {
                fail(QStringLiteral("unknown scene %1").arg(m_scene));
            }
        });
}

void ScreenshotScenes::openDeadLetters(const QString& entity,
                                       std::function<void(EntityMessagesView*)> then) {
    auto* view = qobject_cast<EntityMessagesView*>(
        m_window.explorer()->openEntity(ExplorerController::kLocalId, entity));
    if (view == nullptr) {
        fail(QStringLiteral("%1 did not open as a messages tab").arg(entity));
        return;
    }
    m_page = view;
    view->setSubView(EntityMessagesView::DeadLetter);
    view->start(); // peeks now, shown or not
    PeekPager* pager = view->pager(EntityMessagesView::DeadLetter);
    MessageListModel* model = view->model(EntityMessagesView::DeadLetter);
    recheckOn(pager, &PeekPager::pageLoaded);
    // A page that comes back empty while a job works the queue is asked for again, as a
    // click on Refresh would.
    auto retries = std::make_shared<int>(5);
    connect(pager, &PeekPager::pageLoaded, this, [view, pager, retries](int count) {
        if (count == 0 && view->proxy()->rowCount() == 0 && --*retries >= 0) {
            QTimer::singleShot(0, pager, [pager] { pager->start(0); });
        }
    });
    connect(pager, &PeekPager::errorOccurred, this, [](const QString& message) {
        printError(QStringLiteral("busbar: peek failed: %1\n").arg(message));
    });
    recheckOn(model, &MessageListModel::countsChanged);
    recheckOn(view->proxy(), &QAbstractItemModel::rowsInserted);
    recheckOn(view->proxy(), &QAbstractItemModel::modelReset);
    waitFor(
        QStringLiteral("the dead letters of %1").arg(entity),
        [view] { return view->proxy()->rowCount() > 0; },
        [view, then = std::move(then)] { then(view); });
}

void ScreenshotScenes::deadLetters() {
    openDeadLetters(kOrders, [this](EntityMessagesView* view) {
        // A rejected order shows its reason, description and JSON body in the inspector.
        const int row = rowContaining(view->proxy(), QStringLiteral("ValidationFailed"));
        selectRows(view->table(), {row < 0 ? 0 : row});
        shoot();
    });
}

void ScreenshotScenes::repair() {
    openDeadLetters(kOrders, [this](EntityMessagesView* view) {
        const int rows = view->proxy()->rowCount();
        QList<int> selected;
        for (int row = 0; row < rows && selected.size() < 3; ++row) {
            selected.append(row);
        }
        selectRows(view->table(), selected);
        // The tab's own Resubmit… action, as a click would trigger it.
        QAction* resubmit = view->bulkAction(EntityMessagesView::Resubmit);
        if (resubmit == nullptr || !resubmit->isEnabled()) {
            fail(QStringLiteral("Resubmit… is not available on the dead-letter tab"));
            return;
        }
        const QWidgetList before = QApplication::topLevelWidgets();
        resubmit->trigger();
        for (QWidget* widget : QApplication::topLevelWidgets()) {
            if (!before.contains(widget) && qobject_cast<QDialog*>(widget) != nullptr &&
                widget->isVisible()) {
                m_dialog = widget;
            }
        }
        if (m_dialog == nullptr) {
            fail(QStringLiteral("the resubmit dialog did not open"));
            return;
        }
        shoot();
    });
}

void ScreenshotScenes::locked() {
    auto* view = qobject_cast<LockedMessagesView*>(
        m_window.explorer()->openLocked(ExplorerController::kLocalId, kOrders));
    if (view == nullptr) {
        fail(QStringLiteral("the Locked view of orders did not open"));
        return;
    }
    m_page = view;
    // Auto-renew stays on (the default): every lock is kept until the app quits.
    auto received = std::make_shared<int>(-1);
    connect(view, &LockedMessagesView::receiveFinished, this,
            [received](int count, const QString&) { *received = count; });
    recheckOn(view, &LockedMessagesView::receiveFinished);
    view->receive(kLockedMessages);
    waitFor(
        QStringLiteral("messages received in peek-lock"), [received] { return *received >= 0; },
        [this, view, received] {
            if (*received == 0) {
                fail(QStringLiteral("no message of orders could be received"));
                return;
            }
            // Renew a few by hand too, so their rows report it in the Result column.
            QList<int> rows;
            for (int row = 0; row < kRenewedLocks && row < view->model()->rowCount(); ++row) {
                rows.append(row * 3);
            }
            selectRows(view->table(), rows);
            auto renewed = std::make_shared<bool>(false);
            connect(view, &LockedMessagesView::actionFinished, this,
                    [renewed] { *renewed = true; });
            recheckOn(view, &LockedMessagesView::actionFinished);
            view->renewSelected();
            waitFor(
                QStringLiteral("the renewals"), [renewed] { return *renewed; },
                [this] { shoot(); });
        });
}

void ScreenshotScenes::sessions() {
    auto* view = qobject_cast<SessionsView*>(m_window.explorer()->openSessions(
        ExplorerController::kLocalId, QStringLiteral("support-sessions")));
    if (view == nullptr) {
        fail(QStringLiteral("the sessions view of support-sessions did not open"));
        return;
    }
    m_page = view;
    auto listed = std::make_shared<bool>(false);
    connect(view, &SessionsView::sessionsListed, this, [listed] { *listed = true; });
    recheckOn(view, &SessionsView::sessionsListed);
    view->refresh();
    waitFor(
        QStringLiteral("the list of sessions"), [listed] { return *listed; },
        [this, view] {
            if (view->sessions().isEmpty()) {
                fail(QStringLiteral("support-sessions lists no session"));
                return;
            }
            recheckOn(view, &SessionsView::sessionAccepted);
            connect(view, &SessionsView::acceptFailed, this, [this](const QString& why) {
                fail(QStringLiteral("accept failed: %1").arg(why));
            });
            view->accept(view->sessions().constFirst());
            waitFor(
                QStringLiteral("the session lock"),
                [view] { return !view->acceptedSession().isEmpty(); },
                [this, view] {
                    auto received = std::make_shared<bool>(false);
                    connect(view, &SessionsView::receiveFinished, this,
                            [received] { *received = true; });
                    recheckOn(view, &SessionsView::receiveFinished);
                    view->receive(10);
                    waitFor(
                        QStringLiteral("the session's messages"), [received] { return *received; },
                        [this] { shoot(); });
                });
        });
}

void ScreenshotScenes::waitFor(const QString& what, std::function<bool()> ready, Step then) {
    m_waitingFor = what;
    m_ready = std::move(ready);
    m_then = std::move(then);
    recheck();
}

void ScreenshotScenes::recheck() {
    if (m_finished || !m_ready || !m_ready()) {
        return;
    }
    m_ready = nullptr;
    const Step then = std::move(m_then);
    m_then = nullptr;
    then();
}

void ScreenshotScenes::shoot() {
    m_waitingFor = QStringLiteral("painting to settle");
    if (QWidget* page = m_page.data(); page != nullptr) {
        // --open-entity may have opened its tab after the scene's.
        m_window.workspace()->tabs()->setCurrentWidget(page);
    }
    if (QWidget* dialog = m_dialog.data(); dialog != nullptr) {
        // Over the middle of the window, as a window manager would place it.
        const QRect frame = m_window.geometry();
        dialog->resize(dialog->size().boundedTo(frame.size() - QSize(80, 80)));
        dialog->move(frame.center() - QPoint(dialog->width() / 2, dialog->height() / 2));
    }
    QTimer::singleShot(m_settleDelayMs, this, [this] {
        if (m_finished) {
            return;
        }
        m_finished = true;
        m_deadline.stop();
        const bool saved = compose().save(m_file, "PNG");
        std::FILE* stream = saved ? stdout : stderr;
        std::fputs((saved ? QStringLiteral("busbar: saved %1 (scene %2)\n").arg(m_file, m_scene)
                          : QStringLiteral("busbar: could not save %1\n").arg(m_file))
                       .toLocal8Bit()
                       .constData(),
                   stream);
        std::fflush(stream);
        Q_EMIT finished(saved ? 0 : 1);
    });
}

void ScreenshotScenes::fail(const QString& why) {
    if (m_finished) {
        return;
    }
    m_finished = true;
    m_deadline.stop();
    printError(QStringLiteral("busbar: screenshot scene %1: %2\n").arg(m_scene, why));
    Q_EMIT finished(1);
}

QPixmap ScreenshotScenes::compose() const {
    QPixmap shot = m_window.grab();
    QWidget* dialog = m_dialog.data();
    if (dialog == nullptr || !dialog->isVisible()) {
        return shot;
    }
    // No window manager draws the dialog's frame under xvfb: a title strip, a border and a
    // soft shadow stand in for it, so it reads as a window above the main one.
    const QPixmap picture = dialog->grab();
    const int titleHeight = dialog->fontMetrics().height() + 10;
    QRect body(dialog->mapToGlobal(QPoint(0, 0)) - m_window.mapToGlobal(QPoint(0, 0)),
               picture.deviceIndependentSize().toSize());
    const QRect frame = body.adjusted(-1, -titleHeight, 1, 1);
    QPainter painter(&shot);
    for (int i = 8; i > 0; --i) {
        painter.fillRect(frame.translated(i / 2, i / 2).adjusted(-i, -i, i, i), QColor(0, 0, 0, 6));
    }
    const QPalette palette = dialog->palette();
    painter.fillRect(frame, palette.color(QPalette::Mid));
    const QRect title(frame.left() + 1, frame.top() + 1, frame.width() - 2, titleHeight - 1);
    painter.fillRect(title, palette.color(QPalette::Window).darker(112));
    QFont font = dialog->font();
    font.setBold(true);
    painter.setFont(font);
    painter.setPen(palette.color(QPalette::WindowText));
    painter.drawText(title.adjusted(10, 0, -10, 0), Qt::AlignVCenter | Qt::AlignLeft,
                     dialog->windowTitle());
    painter.drawPixmap(body.topLeft(), picture);
    return shot;
}

} // namespace busbar
