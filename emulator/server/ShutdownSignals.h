#pragma once

#include <QObject>

namespace busbar::emulator {

// Turns SIGINT/SIGTERM (POSIX) or Ctrl+C / console close (Windows) into a Qt signal on the
// main thread, so the emulator stops cleanly: listeners closed, stores flushed.
class ShutdownSignals final : public QObject {
    Q_OBJECT
public:
    explicit ShutdownSignals(QObject* parent = nullptr);
    ~ShutdownSignals() override;

Q_SIGNALS:
    void shutdownRequested();
};

} // namespace busbar::emulator
