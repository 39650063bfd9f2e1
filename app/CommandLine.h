#pragma once

#include <QString>
#include <QStringList>

namespace busbar {

// What the user asked for on the command line.
struct CommandLineRequest {
    enum class Action {
        Run,         // start the GUI
        ShowHelp,    // print helpText() and exit 0
        ShowVersion, // print versionText() and exit 0
        Fail,        // print `error` and helpText() to stderr and exit 2
    };
    Action action = Action::Run;
    QString settingsFile;       // --settings FILE: an INI file instead of the per-user location
    bool noLocal = false;       // --no-local: do not start the Local namespace at launch
    bool localInMemory = false; // --local-in-memory: a throwaway Local namespace
    QString localDataDirectory; // --local-data DIR: where the Local namespace keeps its store
    // Test and documentation helpers: select and open an entity of the Local namespace, then
    // save a grab of the window after a delay and quit.
    QString openEntity;           // --open-entity PATH
    QString screenshotFile;       // --screenshot FILE (PNG)
    int screenshotDelayMs = 1500; // --screenshot-delay-ms N
    // --screenshot-scene NAME: drive the window into a documented scene (one of
    // CommandLine::screenshotScenes()) before the screenshot; needs --screenshot.
    QString screenshotScene;
    QString error;
};

// Parses argv before any QApplication exists, so `--help` and `--version` work without a
// display. Qt's own GUI options (-platform, -style, ...) are let through for QApplication.
class CommandLine final {
public:
    // `arguments` includes the program name first, as argv does.
    [[nodiscard]] static CommandLineRequest parse(const QStringList& arguments);
    [[nodiscard]] static QString helpText();
    [[nodiscard]] static QString versionText();
    // The scenes --screenshot-scene knows (app/ScreenshotScenes), for docs/screenshots.
    [[nodiscard]] static QStringList screenshotScenes();
    // Exit code for a request that does not run the GUI.
    [[nodiscard]] static int exitCode(const CommandLineRequest& request);
};

} // namespace busbar
