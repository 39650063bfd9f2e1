// busbar-emulator: a local Service Bus namespace (design.md §3). Prints one line per endpoint
// once it listens, machine-parsable ("amqp: Endpoint=...", "admin: http://..."), and stops
// cleanly on SIGINT/SIGTERM.
#include "emulator/broker/Broker.h"
#include "emulator/seed/DemoSeeder.h"
#include "emulator/server/EmulatorServer.h"
#include "emulator/server/ShutdownSignals.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QLoggingCategory>

#include <cstdio>

using namespace busbar;
using namespace busbar::emulator;

namespace {

void printLine(const QString& line) {
    std::fputs(qPrintable(line + QLatin1Char('\n')), stdout);
    std::fflush(stdout);
}

bool portValue(const QCommandLineParser& parser, const QStringList& names, int& port) {
    for (const QString& name : names) {
        if (parser.isSet(name)) {
            bool ok = false;
            const int value = parser.value(name).toInt(&ok);
            if (!ok || value < -1 || value > 65535) {
                std::fprintf(stderr,
                             "busbar-emulator: --%s wants a port (0 = any free port, -1 = off)\n",
                             qPrintable(name));
                return false;
            }
            port = value;
        }
    }
    return true;
}

void applyLogLevel(const QString& level) {
    const QString l = level.toLower();
    if (l == QLatin1String("debug") || l == QLatin1String("trace")) {
        QLoggingCategory::setFilterRules(QStringLiteral("busbar.*.debug=true"));
    } else if (l == QLatin1String("warning") || l == QLatin1String("error")) {
        QLoggingCategory::setFilterRules(QStringLiteral("busbar.*.info=false"));
    }
}

} // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("busbar-emulator"));
    QCoreApplication::setApplicationVersion(QStringLiteral(BUSBAR_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("A local Azure Service Bus namespace for development and tests."));
    parser.addHelpOption();
    parser.addVersionOption();
    const auto value = [](const QStringList& names, const char* help, const char* name) {
        return QCommandLineOption(names, QString::fromLatin1(help), QString::fromLatin1(name));
    };
    parser.addOptions({
        value({QStringLiteral("config")}, "Config.json in the Microsoft emulator's format.",
              "file"),
        value({QStringLiteral("data")}, "Directory for the durable message store.", "dir"),
        QCommandLineOption(QStringLiteral("in-memory"),
                           QStringLiteral("Keep messages in memory only.")),
        value({QStringLiteral("amqp-port"), QStringLiteral("port")},
              "Plain AMQP port (default 5672).", "n"),
        value({QStringLiteral("tls-port")}, "AMQP over TLS port (off by default).", "n"),
        value({QStringLiteral("ws-port")}, "AMQP over WebSockets port (off by default).", "n"),
        value({QStringLiteral("wss-port")}, "AMQP over WebSockets with TLS port (off by default).",
              "n"),
        value({QStringLiteral("http-port"), QStringLiteral("admin-port")},
              "HTTP admin API port (default 5300).", "n"),
        value({QStringLiteral("https-port")}, "HTTPS admin API port (off by default).", "n"),
        value({QStringLiteral("tls-cert")}, "PEM certificate for TLS, WSS and HTTPS.", "file"),
        value({QStringLiteral("tls-key")}, "PEM private key for TLS and HTTPS.", "file"),
        value({QStringLiteral("log-level")}, "debug, info (default) or warning.", "level"),
        QCommandLineOption(QStringLiteral("show-keys"),
                           QStringLiteral("Print SAS keys in connection strings.")),
        QCommandLineOption(QStringLiteral("seed-demo"),
                           QStringLiteral("Fill the first namespace with demo messages.")),
    });
    parser.process(app);

    if (parser.isSet(QStringLiteral("log-level"))) {
        applyLogLevel(parser.value(QStringLiteral("log-level")));
    }
    EmulatorOptions options;
    options.configPath = parser.value(QStringLiteral("config"));
    options.dataDirectory = parser.value(QStringLiteral("data"));
    options.inMemory = parser.isSet(QStringLiteral("in-memory"));
    options.tlsCertificatePath = parser.value(QStringLiteral("tls-cert"));
    options.tlsKeyPath = parser.value(QStringLiteral("tls-key"));
    options.seedDemo = parser.isSet(QStringLiteral("seed-demo"));
    if (!portValue(parser, {QStringLiteral("amqp-port")}, options.amqpPort) ||
        !portValue(parser, {QStringLiteral("tls-port")}, options.tlsPort) ||
        !portValue(parser, {QStringLiteral("ws-port")}, options.wsPort) ||
        !portValue(parser, {QStringLiteral("wss-port")}, options.wssPort) ||
        !portValue(parser, {QStringLiteral("http-port")}, options.httpPort) ||
        !portValue(parser, {QStringLiteral("https-port")}, options.httpsPort)) {
        return 2;
    }

    EmulatorServer server;
    if (VoidResult started = server.start(options); !started) {
        std::fprintf(stderr, "busbar-emulator: %s\n", qPrintable(started.error().toString()));
        return 1;
    }

    const bool showKeys = parser.isSet(QStringLiteral("show-keys"));
    printLine(QStringLiteral("amqp: ") + server.connectionString(0, showKeys));
    for (int i = 1; i < server.namespaceCount(); ++i) {
        printLine(
            QStringLiteral("amqp[%1]: ").arg(server.namespaceConfig(i).name) +
            server.connectionString(i, showKeys)
                .replace(QStringLiteral("sb://localhost:"),
                         QStringLiteral("sb://%1.localhost:").arg(server.namespaceConfig(i).name)));
    }
    if (server.tlsPort() != 0) {
        printLine(QStringLiteral("amqp-tls: amqps://localhost:%1/").arg(server.tlsPort()));
    }
    if (server.wsPort() != 0) {
        printLine(QStringLiteral("amqp-ws: ws://localhost:%1/$servicebus/websocket")
                      .arg(server.wsPort()));
    }
    if (server.wssPort() != 0) {
        printLine(QStringLiteral("amqp-wss: wss://localhost:%1/$servicebus/websocket")
                      .arg(server.wssPort()));
    }
    if (server.httpPort() != 0) {
        printLine(QStringLiteral("admin: ") + server.adminUrl().toString());
    }
    if (server.httpsPort() != 0) {
        printLine(QStringLiteral("admin-tls: https://localhost:%1/").arg(server.httpsPort()));
    }

    if (options.seedDemo && server.broker(0)) {
        seedDemoNamespace(*server.broker(0), [](VoidResult result) {
            if (result) {
                printLine(QStringLiteral("seeded: demo"));
            } else {
                std::fprintf(stderr, "busbar-emulator: demo seeding failed: %s\n",
                             qPrintable(result.error().toString()));
            }
        });
    }

    ShutdownSignals signals;
    QObject::connect(&signals, &ShutdownSignals::shutdownRequested, &app, [&server] {
        server.stop();
        QCoreApplication::quit();
    });
    return QCoreApplication::exec();
}
