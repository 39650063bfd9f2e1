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

// Our options that take a value, as "--name value" or "--name=value".
struct ValueOption {
    QString name;
    QString what;
    QString* (*target)(CommandLineRequest&);
};

const ValueOption* findValueOption(const QString& argument) {
    static const ValueOption options[] = {
        {QStringLiteral("--settings"), QStringLiteral("a file name"),
         [](CommandLineRequest& r) {
             return &r.settingsFile;
         }},
        {QStringLiteral("--local-data"), QStringLiteral("a folder"),
         [](CommandLineRequest& r) {
             return &r.localDataDirectory;
         }},
        {QStringLiteral("--open-entity"), QStringLiteral("an entity path"),
         [](CommandLineRequest& r) {
             return &r.openEntity;
         }},
        {QStringLiteral("--screenshot"), QStringLiteral("a file name"),
         [](CommandLineRequest& r) {
             return &r.screenshotFile;
         }},
        {QStringLiteral("--screenshot-scene"), QStringLiteral("a scene name"),
         [](CommandLineRequest& r) {
             return &r.screenshotScene;
         }},
        {QStringLiteral("--screenshot-delay-ms"), QStringLiteral("a number"),
         [](CommandLineRequest&) -> QString* {
             return nullptr;
         }},
    };
    for (const ValueOption& option : options) {
        if (argument == option.name || argument.startsWith(option.name + QLatin1Char('='))) {
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
        } else if (argument == QLatin1String("--no-local")) {
            request.noLocal = true;
        } else if (argument == QLatin1String("--local-in-memory")) {
            request.localInMemory = true;
        } else if (const ValueOption* option = findValueOption(argument)) {
            QString value;
            const QString inlineForm = option->name + QLatin1Char('=');
            if (argument.startsWith(inlineForm)) {
                value = argument.mid(inlineForm.size());
            } else if (i + 1 < arguments.size()) {
                value = arguments.at(++i);
            }
            if (value.isEmpty()) {
                if (request.error.isEmpty()) {
                    request.error = QStringLiteral("%1 needs %2.").arg(option->name, option->what);
                }
            } else if (option->name == QLatin1String("--screenshot-delay-ms")) {
                bool ok = false;
                const int delay = value.toInt(&ok);
                if (!ok || delay < 0) {
                    if (request.error.isEmpty()) {
                        request.error =
                            QStringLiteral("--screenshot-delay-ms needs a number of milliseconds.");
                    }
                } else {
                    request.screenshotDelayMs = delay;
                }
            } else {
                *option->target(request) = value;
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
    if (request.error.isEmpty() && !request.screenshotScene.isEmpty()) {
        if (!screenshotScenes().contains(request.screenshotScene)) {
            request.error =
                QStringLiteral("Unknown screenshot scene: %1 (known: %2).")
                    .arg(request.screenshotScene, screenshotScenes().join(QLatin1String(", ")));
        } else if (request.screenshotFile.isEmpty()) {
            request.error = QStringLiteral("--screenshot-scene needs --screenshot <file>.");
        } else if (request.noLocal) {
            request.error =
                QStringLiteral("--screenshot-scene needs the Local namespace (not --no-local).");
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
               "  --no-local             Do not start the built-in Local namespace at launch.\n"
               "  --local-data <dir>     Keep the Local namespace's messages in <dir> (default: "
               "the\n"
               "                         per-user data folder).\n"
               "  --local-in-memory      Run the Local namespace without keeping anything.\n"
               "  --open-entity <path>   Select and open this entity of the Local namespace.\n"
               "  --screenshot <file>    Save a PNG of the window after a delay, then quit.\n"
               "  --screenshot-delay-ms <n>\n"
               "                         The delay before the screenshot (default 1500).\n"
               "\n"
               "Qt options such as -platform and -style are passed on to Qt.\n"
               "\n"
               "For the documentation's screenshots (scripts/screenshots.sh), not for everyday "
               "use:\n"
               "  --screenshot-scene <name>\n"
               "                         With --screenshot: once the Local namespace is open, set "
               "up\n"
               "                         a scene, then take the screenshot. Scenes: %1.\n")
        .arg(screenshotScenes().join(QLatin1String(", ")));
}

QStringList CommandLine::screenshotScenes() {
    return {QStringLiteral("dead-letters"), QStringLiteral("locked"), QStringLiteral("repair"),
            QStringLiteral("jobs"), QStringLiteral("sessions")};
}

QString CommandLine::versionText() {
    return QStringLiteral("busbar " BUSBAR_VERSION "\n");
}

int CommandLine::exitCode(const CommandLineRequest& request) {
    return request.action == CommandLineRequest::Action::Fail ? 2 : 0;
}

} // namespace busbar
