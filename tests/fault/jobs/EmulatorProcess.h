#pragma once

#include <QProcess>
#include <QRegularExpression>
#include <QString>
#include <QStringList>
#include <QTest>

namespace busbar::test {

// The real busbar-emulator as a child process (BUSBAR_EMULATOR names the binary), on
// ephemeral ports, so a test can kill it with SIGKILL and start it again on the same data.
// The connection string comes from the "amqp: Endpoint=..." line it prints once listening.
class EmulatorProcess final {
public:
    EmulatorProcess() {
        m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        QObject::connect(&m_process, &QProcess::readyReadStandardOutput, &m_process, [this] {
            m_output += m_process.readAllStandardOutput();
            static const QRegularExpression amqp(QStringLiteral("^\\s*amqp:\\s*(Endpoint=\\S+)"),
                                                 QRegularExpression::MultilineOption);
            const auto match = amqp.match(QString::fromUtf8(m_output));
            if (match.hasMatch() && m_connectionString.isEmpty()) {
                m_connectionString = match.captured(1);
            }
        });
    }
    ~EmulatorProcess() { kill(); }
    EmulatorProcess(const EmulatorProcess&) = delete;
    EmulatorProcess& operator=(const EmulatorProcess&) = delete;

    bool start(const QString& dataDirectory, const QString& configPath) {
        m_connectionString.clear();
        m_output.clear();
        const QString exe = qEnvironmentVariable("BUSBAR_EMULATOR");
        if (exe.isEmpty()) {
            qWarning("BUSBAR_EMULATOR is not set: run through ctest");
            return false;
        }
        m_process.start(exe,
                        {QStringLiteral("--data"), dataDirectory, QStringLiteral("--amqp-port"),
                         QStringLiteral("0"), QStringLiteral("--http-port"), QStringLiteral("0"),
                         QStringLiteral("--show-keys"), QStringLiteral("--config"), configPath});
        return QTest::qWaitFor(
                   [this] {
                       return !m_connectionString.isEmpty() ||
                              m_process.state() == QProcess::NotRunning;
                   },
                   30000) &&
               !m_connectionString.isEmpty();
    }

    // SIGKILL: no shutdown, nothing flushed beyond what the store already made durable.
    void kill() {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_process.waitForFinished(10000);
        }
    }

    [[nodiscard]] QString connectionString() const { return m_connectionString; }

private:
    QProcess m_process;
    QByteArray m_output;
    QString m_connectionString;
};

} // namespace busbar::test
