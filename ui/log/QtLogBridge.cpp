#include "ui/log/QtLogBridge.h"

#include "ui/log/LogPanel.h"

#include <QMetaObject>
#include <QMutex>
#include <QMutexLocker>
#include <QPointer>

#include <cstring>

namespace busbar {

namespace {

// The handler is a plain function, so the live bridge is found through this pointer. The
// mutex also keeps a message on another thread from racing the bridge's destruction.
QMutex g_mutex;
QtLogBridge* g_bridge = nullptr;
QtMessageHandler g_previous = nullptr;
QPointer<LogPanel> g_panel;

} // namespace

QtLogBridge::QtLogBridge(LogPanel* panel, QObject* parent)
    : QObject(parent) {
    const QMutexLocker lock(&g_mutex);
    Q_ASSERT_X(g_bridge == nullptr, "QtLogBridge", "only one bridge may be installed");
    g_bridge = this;
    g_panel = panel;
    m_previous = qInstallMessageHandler(&QtLogBridge::handle);
    g_previous = m_previous;
}

QtLogBridge::~QtLogBridge() {
    const QMutexLocker lock(&g_mutex);
    qInstallMessageHandler(m_previous);
    g_bridge = nullptr;
    g_previous = nullptr;
    g_panel = nullptr;
}

void QtLogBridge::handle(QtMsgType type, const QMessageLogContext& context, const QString& text) {
    QtMessageHandler previous = nullptr;
    QPointer<LogPanel> panel;
    {
        const QMutexLocker lock(&g_mutex);
        previous = g_previous;
        panel = g_panel;
    }
    if (previous != nullptr) {
        previous(type, context, text);
    }
    LogLevel level = LogLevel::Info;
    switch (type) {
    case QtDebugMsg:
        return;
    case QtInfoMsg:
        level = LogLevel::Info;
        break;
    case QtWarningMsg:
        level = LogLevel::Warning;
        break;
    case QtCriticalMsg:
    case QtFatalMsg:
        level = LogLevel::Error;
        break;
    }
    if (panel.isNull()) {
        return;
    }
    const bool namedCategory =
        context.category != nullptr && std::strcmp(context.category, "default") != 0;
    const QString line =
        namedCategory ? QStringLiteral("[%1] %2").arg(QString::fromUtf8(context.category), text)
                      : text;
    // Always queued: the message may come from any thread, or from inside the panel itself.
    QMetaObject::invokeMethod(
        panel.data(),
        [panel, level, line]() {
            if (!panel.isNull()) {
                panel->append(level, line);
            }
        },
        Qt::QueuedConnection);
}

} // namespace busbar
