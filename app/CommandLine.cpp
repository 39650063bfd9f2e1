#include "app/CommandLine.h"

#include <QLatin1StringView>

#include <array>

namespace busbar {

namespace {

// Options QGuiApplication and QApplication consume themselves, with whether they take a
// value; accepted with one or two dashes, as Qt does.
struct QtOption {
    QLatin1StringView name;
    bool takesValue = false;
};
constexpr std::array kQtOptions{
    QtOption{QLatin1StringView("platform"), true},
    QtOption{QLatin1StringView("platformpluginpath"), true},
    QtOption{QLatin1StringView("platformtheme"), true},
    QtOption{QLatin1StringView("plugin"), true},
    QtOption{QLatin1StringView("qwindowgeometry"), true},
    QtOption{QLatin1StringView("qwindowicon"), true},
    QtOption{QLatin1StringView("qwindowtitle"), true},
    QtOption{QLatin1StringView("reverse"), false},
    QtOption{QLatin1StringView("session"), true},
    QtOption{QLatin1StringView("display"), true},
    QtOption{QLatin1StringView("geometry"), true},
    QtOption{QLatin1StringView("style"), true},
    QtOption{QLatin1StringView("stylesheet"), true},
    QtOption{QLatin1StringView("widgetcount"), false},
    QtOption{QLatin1StringView("nograb"), false},
    QtOption{QLatin1StringView("dograb"), false},
    QtOption{QLatin1StringView("sync"), false},
};

const QtOption* findQtOption(const QString& argument) {
    QStringView name(argument);
    name = name.mid(name.startsWith(QLatin1StringView("--")) ? 2 : 1);
    for (const auto& option : kQtOptions) {
        if (name == option.name) {
            return &option;
        }
    }
    return nullptr;
}

} // namespace

CommandLineRequest CommandLine::parse(const QStringList& arguments) {
    CommandLineRequest request;
    bool helpAsked = false;
    bool versionAsked = false;
    for (qsizetype i = 1; i < arguments.size(); ++i) {
        const QString& argument = arguments.at(i);
        if (argument == QLatin1String("--help") || argument == QLatin1String("-h") ||
            argument == QLatin1String("-?")) {
            helpAsked = true;
        } else if (argument == QLatin1String("--version") || argument == QLatin1String("-v")) {
            versionAsked = true;
        } else if (argument == QLatin1String("--settings")) {
            if (i + 1 >= arguments.size() || arguments.at(i + 1).isEmpty()) {
                request.error = QStringLiteral("--settings needs a file name.");
            } else {
                request.settingsFile = arguments.at(++i);
            }
        } else if (argument.startsWith(QLatin1String("--settings="))) {
            request.settingsFile = argument.mid(QLatin1String("--settings=").size());
            if (request.settingsFile.isEmpty()) {
                request.error = QStringLiteral("--settings needs a file name.");
            }
        } else if (const QtOption* qtOption =
                       argument.startsWith(QLatin1Char('-')) ? findQtOption(argument) : nullptr) {
            if (qtOption->takesValue) {
                ++i; // QApplication reads the value itself
            }
        } else if (request.error.isEmpty()) {
            request.error = argument.startsWith(QLatin1Char('-'))
                                ? QStringLiteral("Unknown option: %1").arg(argument)
                                : QStringLiteral("Unexpected argument: %1").arg(argument);
        }
    }
    // Asking for help or the version always answers, whatever else is on the line.
    if (helpAsked) {
        request.action = CommandLineRequest::Action::ShowHelp;
    } else if (versionAsked) {
        request.action = CommandLineRequest::Action::ShowVersion;
    } else if (!request.error.isEmpty()) {
        request.action = CommandLineRequest::Action::Fail;
    }
    return request;
}

QString CommandLine::helpText() {
    return QStringLiteral(
        "Usage: busbar [options]\n"
        "A desktop explorer for Azure Service Bus.\n"
        "\n"
        "Options:\n"
        "  -h, --help             Show this help and exit.\n"
        "  -v, --version          Show the version and exit.\n"
        "  --settings <file>      Keep settings in <file> (INI) instead of the per-user\n"
        "                         location. Keys stay in the system keychain either way.\n"
        "\n"
        "Qt options such as -platform and -style are passed on to Qt.\n");
}

QString CommandLine::versionText() {
    return QStringLiteral("busbar " BUSBAR_VERSION "\n");
}

int CommandLine::exitCode(const CommandLineRequest& request) {
    return request.action == CommandLineRequest::Action::Fail ? 2 : 0;
}

} // namespace busbar
