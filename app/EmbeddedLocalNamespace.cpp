#include "app/EmbeddedLocalNamespace.h"

#include <QDir>
#include <QMutexLocker>
#include <QtConcurrent/QtConcurrentRun>

namespace busbar {

const QString EmbeddedLocalNamespace::kDemoConfigResource =
    QStringLiteral(":/emulator/demo-config.json");

EmbeddedLocalNamespace::EmbeddedLocalNamespace(QString dataDirectory, QString configPath)
    : m_dataDirectory(std::move(dataDirectory))
    , m_configPath(configPath.isEmpty() ? kDemoConfigResource : std::move(configPath)) {}

EmbeddedLocalNamespace::~EmbeddedLocalNamespace() {
    // The worker uses m_emulator; let it finish before the emulator goes.
    m_starting.waitForFinished();
    m_emulator.stop();
}

QFuture<Result<LocalNamespaceEndpoints>> EmbeddedLocalNamespace::start() {
    QMutexLocker lock(&m_mutex);
    if (m_started) {
        return QtFuture::makeReadyFuture(Result<LocalNamespaceEndpoints>(*m_started));
    }
    if (m_starting.isRunning()) {
        return m_starting;
    }
    m_starting = QtConcurrent::run([this] { return startBlocking(); });
    return m_starting;
}

Result<LocalNamespaceEndpoints> EmbeddedLocalNamespace::startBlocking() {
    emulator::EmulatorOptions options = emulator::InProcessEmulator::ephemeralOptions();
    options.configPath = m_configPath;
    options.inMemory = m_dataDirectory.isEmpty();
    if (!options.inMemory) {
        if (!QDir().mkpath(m_dataDirectory)) {
            return fail(ErrorCode::InvalidInput,
                        QStringLiteral("Cannot create the folder %1.")
                            .arg(QDir::toNativeSeparators(m_dataDirectory)));
        }
        options.dataDirectory = m_dataDirectory;
    }
    auto started = m_emulator.start(options);
    if (!started) {
        return fail(started.error());
    }
    // Seeding leaves a namespace that already holds demo messages alone, so a durable
    // Local namespace keeps what the user did with it.
    QFuture<VoidResult> seeded = m_emulator.seedDemo();
    seeded.waitForFinished();
    if (seeded.resultCount() == 0 || !seeded.result()) {
        const QString why = seeded.resultCount() == 0 ? QStringLiteral("cancelled")
                                                      : seeded.result().error().message;
        return fail(ErrorCode::Internal,
                    QStringLiteral("The demo messages could not be added: %1").arg(why));
    }
    LocalNamespaceEndpoints endpoints{started->connectionString, started->adminUrl};
    QMutexLocker lock(&m_mutex);
    m_started = endpoints;
    return endpoints;
}

} // namespace busbar
