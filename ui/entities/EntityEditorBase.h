#pragma once

#include "core/admin/EntityDescriptions.h"
#include "core/common/Result.h"
#include "core/servicebus/WhenFinished.h"

#include <QDialog>
#include <QFuture>
#include <QStringList>

#include <functional>
#include <optional>

class QCheckBox;
class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTabWidget;

namespace busbar {

class AdminClient;
class ConfirmationPrompt;

// What the queue, topic and subscription editors share: properties grouped in tabs (General,
// Messages, Locks & delivery, Sessions, Forwarding, Advanced), each field showing the
// service's default and limits; durations typed as "30s", "5m" or "PT1M"; problems (the
// core EntityValidator's words) shown in the banner and Save disabled before anything is
// sent; create/update/delete asynchronous with the result inline. Delete asks through the
// confirmation seam, naming the entity.
class EntityEditorBase : public QDialog {
    Q_OBJECT
public:
    enum class Mode { Create, Edit };

    [[nodiscard]] Mode mode() const { return m_mode; }
    [[nodiscard]] bool isBusy() const { return m_busy; }
    // Without a prompt, Delete is not offered.
    void setConfirmationPrompt(ConfirmationPrompt* prompt);
    // What is wrong with the form now (empty when Save may be pressed).
    [[nodiscard]] QStringList problems() const;

public Q_SLOTS:
    void save();
    void deleteEntity();

Q_SIGNALS:
    void loaded();
    void saved(const QString& name);
    void deleted(const QString& name);
    void failed(const QString& message);

protected:
    EntityEditorBase(AdminClient* admin, Mode mode, QWidget* parent);

    // A form for the named group, created on first use as a tab.
    QFormLayout* group(const QString& title);
    QLineEdit* addText(QFormLayout* form, const char* name, const QString& label,
                       const QString& hint = {});
    QLineEdit* addDuration(QFormLayout* form, const char* name, const QString& label,
                           Milliseconds defaultValue, const QString& limits = {});
    QSpinBox* addInt(QFormLayout* form, const char* name, const QString& label, int defaultValue,
                     int minimum, int maximum, const QString& hint = {});
    QCheckBox* addBool(QFormLayout* form, const char* name, const QString& label,
                       bool defaultValue);
    QComboBox* addStatus(QFormLayout* form);

    // A duration field's value; on a parse error appends "<label>: <why>" to `problems`.
    static Milliseconds durationOf(const QLineEdit* field, Milliseconds fallback,
                                   QStringList* problems);
    static void setDuration(QLineEdit* field, Milliseconds value);
    static EntityStatus statusOf(const QComboBox* field);
    static void setStatus(QComboBox* field, EntityStatus status);

    // Subclass hooks.
    [[nodiscard]] virtual QStringList collectProblems() const = 0;
    virtual void submit() = 0;       // create or update; call succeed()/failWith()
    virtual void removeEntity() = 0; // delete; call succeed()/failWith()
    [[nodiscard]] virtual QString entityName() const = 0;
    [[nodiscard]] virtual QString entityKind() const = 0; // "queue", "topic", ...
    // Errors shown beside their fields (e.g. SQL under its editor), refreshed on each change.
    virtual void refreshInlineErrors() {}

    // Runs `future`; on success `onSuccess(value)`, on failure the banner says why.
    template <typename T>
    void track(QFuture<Result<T>> future, const QString& doing,
               std::function<void(const Result<T>&)> onSuccess) {
        setBusy(true, doing);
        whenFinished(future, this, [this, onSuccess = std::move(onSuccess)](const Result<T>& r) {
            setBusy(false, {});
            if (r) {
                onSuccess(r);
            } else {
                failWith(r.error().message);
            }
        });
    }
    void setBusy(bool busy, const QString& doing);
    void failWith(const QString& message);
    void showStatus(const QString& text);
    // Call after the fields are built and whenever a loaded description is shown.
    void revalidate();
    // Every input under the dialog triggers revalidate(); call once after building.
    void watchFields();
    void setNameEditable(bool editable);
    // Edit mode: Save stays disabled until the entity was read (an update replaces the whole
    // description, so saving defaults over a queue that failed to load would reset it).
    void markLoaded();

    AdminClient* m_admin = nullptr;
    QLineEdit* m_name = nullptr;

private:
    Mode m_mode;
    bool m_busy = false;
    bool m_loaded = false;
    ConfirmationPrompt* m_prompt = nullptr;
    QTabWidget* m_tabs = nullptr;
    QLabel* m_banner = nullptr;
    QLabel* m_status = nullptr;
    QProgressBar* m_progress = nullptr;
    QPushButton* m_save = nullptr;
    QPushButton* m_delete = nullptr;
};

} // namespace busbar
