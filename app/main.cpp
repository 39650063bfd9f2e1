#include "app/CommandLine.h"
#include "core/settings/KeychainSecretStore.h"
#include "core/settings/Settings.h"
#include "ui/log/QtLogBridge.h"
#include "ui/main/MainWindow.h"
#include "ui/widgets/MessageBoxConfirmationPrompt.h"

#include <QApplication>
#include <QIcon>

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
    busbar::MessageBoxConfirmationPrompt confirmation;

    busbar::MainWindow window({settings.get(), &secrets, &confirmation});
    const busbar::QtLogBridge logBridge(window.logPanel());
    QApplication::setWindowIcon(window.windowIcon());
    window.show();
    return QApplication::exec();
}
