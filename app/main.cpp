#include "app/CommandLine.h"
#include "app/EmbeddedLocalNamespace.h"
#include "app/ScreenshotScenes.h"
#include "core/settings/KeychainSecretStore.h"
#include "core/settings/ProxyApplier.h"
#include "core/settings/Settings.h"
#include "ui/explorer/ExplorerController.h"
#include "ui/log/QtLogBridge.h"
#include "ui/main/MainWindow.h"
#include "ui/widgets/MessageBoxConfirmationPrompt.h"

#include <QApplication>
#include <QDir>
#include <QIcon>
#include <QPixmap>
#include <QStandardPaths>
#include <QTimer>

#include <cstdio>
#include <memory>

namespace {

void print(std::FILE* stream, const QString& text) {
    std::fputs(text.toLocal8Bit().constData(), stream);
    std::fflush(stream);
}

} // namespace

int main(int argc, char** argv) {
    // Parsed before QApplication exists: --help and --version must work without a display.
    QStringList arguments;
    arguments.reserve(argc);
    for (int i = 0; i < argc; ++i) {
        arguments.append(QString::fromLocal8Bit(argv[i]));
    }
    const busbar::CommandLineRequest request = busbar::CommandLine::parse(arguments);
    switch (request.action) {
    case busbar::CommandLineRequest::Action::ShowHelp:
        print(stdout, busbar::CommandLine::helpText());
        return busbar::CommandLine::exitCode(request);
    case busbar::CommandLineRequest::Action::ShowVersion:
        print(stdout, busbar::CommandLine::versionText());
        return busbar::CommandLine::exitCode(request);
    case busbar::CommandLineRequest::Action::Fail:
        print(stderr, QStringLiteral("busbar: %1\n\n").arg(request.error) +
                          busbar::CommandLine::helpText());
        return busbar::CommandLine::exitCode(request);
    case busbar::CommandLineRequest::Action::Run:
        break;
    }

    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Busbar"));
    QApplication::setApplicationName(QStringLiteral("Busbar"));
    QApplication::setApplicationVersion(QStringLiteral(BUSBAR_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("io.github.busbar.Busbar"));

    const auto settings = request.settingsFile.isEmpty()
                              ? std::make_unique<busbar::Settings>(QApplication::organizationName(),
                                                                   QApplication::applicationName())
                              : std::make_unique<busbar::Settings>(request.settingsFile);
    busbar::KeychainSecretStore secrets;
    // Settings ▸ Network, now and whenever it changes: before any connection is opened.
    const busbar::ProxyApplier proxyApplier(*settings, &secrets);
    busbar::MessageBoxConfirmationPrompt confirmation;

    QString localData;
    if (!request.localInMemory) {
        localData = !request.localDataDirectory.isEmpty()
                        ? request.localDataDirectory
                        : QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation))
                              .filePath(QStringLiteral("local-namespace"));
    }
    busbar::EmbeddedLocalNamespace localNamespace(localData);

    busbar::UiServices services;
    services.settings = settings.get();
    services.secrets = &secrets;
    services.confirmation = &confirmation;
    services.localNamespace = &localNamespace;
    busbar::MainWindow window(services);
    const busbar::QtLogBridge logBridge(window.logPanel());
    QApplication::setWindowIcon(window.windowIcon());
    window.show();

    busbar::ExplorerController* explorer = window.explorer();
    if (!request.noLocal && explorer != nullptr) {
        if (!request.openEntity.isEmpty()) {
            explorer->selectEntityWhenLoaded(busbar::ExplorerController::kLocalId,
                                             request.openEntity);
        }
        explorer->openLocalNamespace();
    }
    if (!request.screenshotScene.isEmpty()) {
        // A documented scene set up in the real window first (scripts/screenshots.sh).
        auto* scenes =
            new busbar::ScreenshotScenes(window, request.screenshotScene, request.screenshotFile,
                                         request.screenshotDelayMs, &window);
        QObject::connect(scenes, &busbar::ScreenshotScenes::finished, &app,
                         [](int exitCode) { QApplication::exit(exitCode); });
        scenes->start();
    } else if (!request.screenshotFile.isEmpty()) {
        // A real render of the real window, for docs/screenshots (scripts/screenshots.sh).
        QTimer::singleShot(request.screenshotDelayMs, &window, [&window, &request] {
            const bool saved = window.grab().save(request.screenshotFile, "PNG");
            print(saved ? stdout : stderr,
                  saved
                      ? QStringLiteral("busbar: saved %1\n").arg(request.screenshotFile)
                      : QStringLiteral("busbar: could not save %1\n").arg(request.screenshotFile));
            QApplication::exit(saved ? 0 : 1);
        });
    }
    return QApplication::exec();
}
