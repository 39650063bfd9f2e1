#pragma once

#include "core/common/Result.h"

#include <QByteArray>
#include <QWidget>

#include <optional>

class QComboBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;

namespace busbar {

class ServiceBusClient;

// Shows, edits and clears one accepted session's state, as text (UTF-8), JSON (validated
// before it can be saved) or hex bytes.
class SessionStateEditor final : public QWidget {
    Q_OBJECT
public:
    enum class Format { Text, Json, Hex };

    // `client` must outlive the editor.
    SessionStateEditor(ServiceBusClient* client, const QString& entityPath,
                       const QString& sessionId, QWidget* parent = nullptr);

    [[nodiscard]] Format format() const;
    void setFormat(Format format); // re-renders the current bytes when they convert
    [[nodiscard]] QString text() const;
    void setText(const QString& text);
    // The bytes the editor would save, or why they are not valid in the current format.
    [[nodiscard]] Result<QByteArray> encoded() const;
    [[nodiscard]] static Result<QByteArray> encode(Format format, const QString& text);
    [[nodiscard]] static QString decode(Format format, const QByteArray& bytes);
    [[nodiscard]] bool hasState() const { return m_state.has_value(); }
    [[nodiscard]] const std::optional<QByteArray>& state() const { return m_state; }

    void load();
    void save();
    void clearState();

Q_SIGNALS:
    // Every load, save or clear ends with one of these; `error` is empty when it worked.
    void loaded(const QString& error);
    void saved(const QString& error);

private:
    void validate();
    void render();

    ServiceBusClient* m_client;
    QString m_entityPath;
    QString m_sessionId;
    std::optional<QByteArray> m_state;
    QComboBox* m_format = nullptr;
    QPlainTextEdit* m_editor = nullptr;
    QLabel* m_status = nullptr;
    QPushButton* m_load = nullptr;
    QPushButton* m_save = nullptr;
    QPushButton* m_clear = nullptr;
    Format m_shownFormat = Format::Text;
};

} // namespace busbar
