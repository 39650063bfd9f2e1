#pragma once

namespace busbar {

class ConfirmationPrompt;
class LocalNamespaceHost;
class SecretStore;
class Settings;

// The services the UI is given by app/main.cpp (or a test). The main window passes them on
// to the panels and dialogs it creates. New services are added as fields here, so existing
// constructors keep their signatures. None is owned; all must outlive the window.
struct UiServices {
    Settings* settings = nullptr;
    SecretStore* secrets = nullptr;
    ConfirmationPrompt* confirmation = nullptr;
    // The built-in Local namespace; null hides "Open Local Namespace".
    LocalNamespaceHost* localNamespace = nullptr;
};

} // namespace busbar
