#pragma once

#include <QObject>

namespace busbar {

class LogPanel;

// Shows Qt log messages (qInfo, qWarning, qCritical in any category, from any thread) in a
// LogPanel, so problems the core reports through logging categories reach the user.
// Installs a message handler while it lives and still calls the previous one, so console
// output is unchanged. Debug messages stay on the console only. One bridge at a time.
class QtLogBridge final : public QObject {
    Q_OBJECT
public:
    explicit QtLogBridge(LogPanel* panel, QObject* parent = nullptr);
    ~QtLogBridge() override;

    QtLogBridge(const QtLogBridge&) = delete;
    QtLogBridge& operator=(const QtLogBridge&) = delete;

private:
    static void handle(QtMsgType type, const QMessageLogContext& context, const QString& text);

    QtMessageHandler m_previous = nullptr;
};

} // namespace busbar
