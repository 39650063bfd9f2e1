#pragma once

#include "core/diagnostics/ProbeStep.h"
#include "core/settings/ProxySettings.h"

#include <QNetworkProxy>
#include <QWidget>

#include <functional>

class QLabel;
class QListWidget;
class QPushButton;

namespace busbar {

class SecretStore;

// Settings ▸ Network's "Test": connects to a namespace through the proxy being edited (not
// the one in use) and shows each step of the connection test and the outcome in place. The
// test runs on the event loop (ConnectionProbe), so the dialog stays responsive; a new test
// or a closed dialog makes an older answer void. Results name the proxy they went through.
class ProxyTestPanel final : public QWidget {
    Q_OBJECT
public:
    using StepCallback = std::function<void(const ProbeStep&)>;
    using Done = std::function<void(bool ok, const QString& text)>;
    // Connects through `proxy`, calling `step` as each step starts and ends and then `done`
    // once, on the GUI thread; nothing once `context` is gone.
    using Tester = std::function<void(const QNetworkProxy& proxy, QObject* context,
                                      StepCallback step, Done done)>;

    // `secrets` gives the stored proxy password when the user did not type a new one.
    explicit ProxyTestPanel(SecretStore* secrets, QWidget* parent = nullptr);

    // Without a tester the panel stays hidden.
    void setTester(Tester tester);
    // Tests `choice` with `password`, or with the stored one when `passwordEdited` is false.
    void run(const ProxyChoice& choice, const QString& password, bool passwordEdited);
    // The Test button follows the proxy fields' validity.
    void setChoiceValid(bool valid);

    // "the HTTP proxy proxy.contoso.com:3128", "no proxy", "the system's proxy settings".
    [[nodiscard]] static QString describe(const ProxyChoice& choice);

    [[nodiscard]] QPushButton* testButton() const { return m_test; }
    [[nodiscard]] QListWidget* stepsList() const { return m_steps; }
    [[nodiscard]] QLabel* resultLabel() const { return m_result; }

Q_SIGNALS:
    // Asks the dialog for the fields as they are now: the dialog answers with run().
    void testRequested();
    // A test ended (for tests and accessibility): ok and the text shown.
    void finished(bool ok, const QString& text);

private:
    void start(const ProxyChoice& choice, const QString& password, int run);
    void showStep(const ProbeStep& step);
    void conclude(int run, bool ok, const QString& text);

    SecretStore* m_secrets = nullptr;
    Tester m_tester;
    QPushButton* m_test = nullptr;
    QListWidget* m_steps = nullptr;
    QLabel* m_result = nullptr;
    int m_run = 0; // answers of an older run are ignored
    bool m_running = false;
    bool m_choiceValid = true;
};

} // namespace busbar
