#pragma once

#include "core/auth/ConnectionString.h"
#include "core/diagnostics/ProbeStep.h"
#include "core/settings/SavedConnection.h"

#include <QDialog>

#include <functional>
#include <optional>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QListWidget;
class QListWidgetItem;
class QPushButton;

namespace busbar {

// "Paste a connection string": asks for the string, a display name and a colour tag, checks
// the string as it is typed, and says what it points at. The key is shown masked and never
// echoed in any label. The dialog only collects; the caller saves the SavedConnection to
// Settings and connectionString()->toString() to the SecretStore under the same id.
class ConnectDialog final : public QDialog {
    Q_OBJECT
public:
    // `keychainAvailable` words the "remember" option honestly when keys cannot be kept.
    explicit ConnectDialog(bool keychainAvailable, QWidget* parent = nullptr);

    // Set once the text parses.
    [[nodiscard]] const std::optional<ConnectionString>& connectionString() const {
        return m_parsed;
    }
    // What to save: a fresh id, the name, the tag, and the non-secret parts of the string.
    [[nodiscard]] SavedConnection savedConnection() const;
    [[nodiscard]] bool rememberConnection() const;

    // For a string with EntityPath, what the entity is. A bare path could be a queue or a
    // topic, and only the management API (which an entity-scoped key usually cannot call)
    // tells them apart, so the user says: a queue, or a subscription of the topic (by name).
    // A path with "/Subscriptions/" is a subscription from the start.
    enum class EntityKind { Queue, Subscription };
    [[nodiscard]] EntityKind entityKind() const;
    // The entity the namespace will show: the EntityPath, or "topic/Subscriptions/name".
    // Empty without EntityPath. savedConnection().entityPath holds the same.
    [[nodiscard]] QString scopedEntityPath() const;

    // Checks a string by connecting with it; calls `done(ok, text for the user)` once, on the
    // GUI thread. Set one (or a StepTester) to offer "Test Connection".
    using Tester = std::function<void(const ConnectionString&, QObject* context,
                                      std::function<void(bool, const QString&)> done)>;
    void setTester(Tester tester);
    // The same, step by step: also calls `step` as each step of the connection test starts
    // and ends (ConnectionProbe), on the GUI thread. Preferred over a Tester when both are set.
    using StepCallback = std::function<void(const ProbeStep&)>;
    using StepTester =
        std::function<void(const ConnectionString&, QObject* context, StepCallback step,
                           std::function<void(bool, const QString&)> done)>;
    void setStepTester(StepTester tester);
    [[nodiscard]] QLabel* testResultLabel() const { return m_testResult; }
    // One row per step of the last test: "✓ TCP connect · 3 ms · connected to ...".
    [[nodiscard]] QListWidget* testStepsList() const { return m_testSteps; }

    // The row text for a step ("… DNS lookup", "✓ DNS lookup · 2 ms · 127.0.0.1").
    [[nodiscard]] static QString stepText(const ProbeStep& step);

    // The tags offered, as "#rrggbb" with a name; the first is "none".
    [[nodiscard]] static QList<std::pair<QString, QString>> colourTags();

private:
    void revalidate();
    void suggestName();
    void testConnection();
    void showStep(const ProbeStep& step);
    // Shows the kind row for a string with EntityPath, defaulting it when the path changed.
    void updateEntityKind();
    [[nodiscard]] bool entityKindComplete() const;

    QLineEdit* m_connectionString = nullptr;
    QLineEdit* m_name = nullptr;
    QComboBox* m_colour = nullptr;
    QCheckBox* m_remember = nullptr;
    QLabel* m_summary = nullptr;
    QFormLayout* m_form = nullptr;
    QWidget* m_entityRow = nullptr;
    QComboBox* m_entityKind = nullptr;
    QLineEdit* m_subscription = nullptr;
    QLabel* m_entityHint = nullptr;
    QString m_kindDefaultedFor; // the EntityPath the kind was last defaulted for
    QDialogButtonBox* m_buttons = nullptr;
    QPushButton* m_test = nullptr;
    QLabel* m_testResult = nullptr;
    QListWidget* m_testSteps = nullptr;
    Tester m_tester;
    StepTester m_stepTester;
    int m_testRun = 0; // answers for an older string are ignored
    std::optional<ConnectionString> m_parsed;
    QString m_id;
    bool m_nameEdited = false;
};

} // namespace busbar
