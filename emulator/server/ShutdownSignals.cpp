#include "emulator/server/ShutdownSignals.h"

#include <QtGlobal>

#if defined(Q_OS_UNIX)
#include <QSocketNotifier>

#include <csignal>
#include <sys/socket.h>
#include <unistd.h>
#elif defined(Q_OS_WIN)
#include <QCoreApplication>
#include <QPointer>

#include <windows.h>
#endif

namespace busbar::emulator {

#if defined(Q_OS_UNIX)
namespace {
// A signal handler may only do async-signal-safe things: write one byte to a pipe whose
// other end a QSocketNotifier watches on the main thread (the self-pipe trick).
int g_signalPipe[2] = {-1, -1};

void onSignal(int) {
    const char byte = 1;
    [[maybe_unused]] const auto written = ::write(g_signalPipe[1], &byte, 1);
}
} // namespace

ShutdownSignals::ShutdownSignals(QObject* parent)
    : QObject(parent) {
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, g_signalPipe) != 0) {
        return;
    }
    auto* notifier = new QSocketNotifier(g_signalPipe[0], QSocketNotifier::Read, this);
    connect(notifier, &QSocketNotifier::activated, this, [this] {
        char byte = 0;
        [[maybe_unused]] const auto got = ::read(g_signalPipe[0], &byte, 1);
        Q_EMIT shutdownRequested();
    });
    struct sigaction action = {};
    action.sa_handler = onSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    sigaction(SIGINT, &action, nullptr);
    sigaction(SIGTERM, &action, nullptr);
}

ShutdownSignals::~ShutdownSignals() {
    std::signal(SIGINT, SIG_DFL);
    std::signal(SIGTERM, SIG_DFL);
}
#elif defined(Q_OS_WIN)
namespace {
QPointer<ShutdownSignals> g_instance;

BOOL WINAPI onConsoleEvent(DWORD) {
    if (g_instance) {
        QMetaObject::invokeMethod(g_instance.data(), &ShutdownSignals::shutdownRequested,
                                  Qt::QueuedConnection);
    }
    return TRUE;
}
} // namespace

ShutdownSignals::ShutdownSignals(QObject* parent)
    : QObject(parent) {
    g_instance = this;
    SetConsoleCtrlHandler(onConsoleEvent, TRUE);
}

ShutdownSignals::~ShutdownSignals() {
    SetConsoleCtrlHandler(onConsoleEvent, FALSE);
}
#else
ShutdownSignals::ShutdownSignals(QObject* parent)
    : QObject(parent) {}
ShutdownSignals::~ShutdownSignals() = default;
#endif

} // namespace busbar::emulator
