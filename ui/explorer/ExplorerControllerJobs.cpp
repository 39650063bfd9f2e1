// ExplorerController: a connected namespace on request, for resuming jobs of earlier runs.
#include "core/settings/Settings.h"
#include "ui/explorer/ExplorerController.h"
#include "ui/explorer/NamespaceSession.h"
#include "ui/explorer/NamespaceTreeModel.h"

#include <QPointer>
#include <QSet>
#include <QTimer>

#include <chrono>

namespace busbar {

namespace {

// A saved connection may ask for its key; nobody answering must not leave the caller waiting
// forever.
constexpr std::chrono::seconds kConnectTimeout{120};

// Waits for one namespace to connect, re-checking whenever a session appears or changes state.
// Deletes itself once it answered.
class ConnectionWaiter final : public QObject {
public:
    using Done = std::function<void(NamespaceSession*, const QString&)>;

    ConnectionWaiter(ExplorerController* explorer, QString connectionId, QObject* context,
                     Done done)
        : QObject(explorer)
        , m_explorer(explorer)
        , m_id(std::move(connectionId))
        , m_context(context)
        , m_done(std::move(done)) {
        connect(explorer->model(), &QAbstractItemModel::rowsInserted, this, [this] { check(); });
        connect(explorer, &ExplorerController::localNamespaceOpened, this, [this] { check(); });
        QTimer::singleShot(kConnectTimeout, this, [this] {
            answer(nullptr, ExplorerController::tr("Connecting timed out."));
        });
    }

    void check() {
        NamespaceSession* session = m_explorer->session(m_id);
        if (session == nullptr) {
            return;
        }
        if (!m_watched.contains(session)) {
            m_watched.insert(session);
            connect(session, &NamespaceSession::stateChanged, this, [this] { check(); });
            if (session->state() == NamespaceSession::State::Failed ||
                session->state() == NamespaceSession::State::Closed) {
                session->open(); // an earlier attempt failed: try again once
                return;
            }
        }
        switch (session->state()) {
        case NamespaceSession::State::Connected:
            answer(session, {});
            return;
        case NamespaceSession::State::Failed:
            answer(nullptr, session->errorText());
            return;
        case NamespaceSession::State::Closed:
            answer(nullptr, ExplorerController::tr("The namespace was disconnected."));
            return;
        case NamespaceSession::State::Idle:
        case NamespaceSession::State::Connecting:
            return;
        }
    }

    void answer(NamespaceSession* session, const QString& why) {
        if (m_answered) {
            return;
        }
        m_answered = true;
        if (m_context != nullptr) {
            m_done(session, why);
        }
        deleteLater();
    }

private:
    ExplorerController* m_explorer;
    QString m_id;
    QPointer<QObject> m_context;
    Done m_done;
    QSet<NamespaceSession*> m_watched;
    bool m_answered = false;
};

} // namespace

void ExplorerController::whenConnected(
    const QString& connectionId, QObject* context,
    std::function<void(NamespaceSession*, const QString&)> done) {
    auto* waiter = new ConnectionWaiter(this, connectionId, context, std::move(done));
    if (session(connectionId) == nullptr) {
        if (connectionId == kLocalId) {
            if (m_services.localNamespace == nullptr) {
                QTimer::singleShot(0, waiter, [waiter] {
                    waiter->answer(nullptr, tr("The local namespace is not available."));
                });
                return;
            }
            openLocalNamespace();
        } else if (m_services.settings->savedConnection(connectionId)) {
            openSavedConnection(connectionId);
        } else {
            QTimer::singleShot(0, waiter, [waiter] {
                waiter->answer(nullptr, tr("The connection is no longer saved."));
            });
            return;
        }
    }
    // Always answered from the event loop, even when connected already.
    QTimer::singleShot(0, waiter, [waiter] { waiter->check(); });
}

} // namespace busbar
