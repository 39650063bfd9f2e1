#pragma once

#include "core/servicebus/ServiceBusMessage.h"
#include "ui/messages/BodyFormatter.h"

#include <QWidget>

#include <optional>

class QLabel;
class QPlainTextEdit;
class QStackedWidget;
class QSyntaxHighlighter;
class QTabWidget;
class QToolButton;

namespace busbar {

class HexView;
class MessagePropertyTable;

// Shows one message: the body detected as JSON, XML, text or binary, pretty printed with
// syntax highlighting (or raw, or as hex), the dead-letter reason on top, and tabs for system
// properties, application properties (name, type, value) and annotations. Bodies past 64 KB
// show their first 64 KB until "Show all"; the hex view pages itself and takes any size.
class MessageInspector final : public QWidget {
    Q_OBJECT
public:
    static constexpr qsizetype kPreviewBytes = 64 * 1024;

    explicit MessageInspector(QWidget* parent = nullptr);

    void setMessage(const ServiceBusMessage& message);
    void clear();
    // A line in place of the body while a message is fetched, or why it could not be.
    void showPlaceholder(const QString& text);

    [[nodiscard]] const std::optional<ServiceBusMessage>& message() const { return m_message; }
    [[nodiscard]] BodyKind bodyKind() const { return m_kind; }
    [[nodiscard]] QByteArray bodyBytes() const { return m_body; }
    [[nodiscard]] QString displayedText() const;
    [[nodiscard]] bool isTruncated() const;
    [[nodiscard]] HexView* hexView() const { return m_hex; }

    void setRaw(bool raw);
    void setHex(bool hex);
    void showAll();

    // The actions behind the buttons, without the file dialog.
    void copyBody() const;
    void copyAsJson() const;
    bool saveBodyTo(const QString& path) const;
    bool saveJsonTo(const QString& path) const;

Q_SIGNALS:
    void statusMessage(const QString& text);

private:
    void buildBodyTab(QWidget* page);
    void renderBody();
    void saveBodyInteractively();
    void saveJsonInteractively();

    std::optional<ServiceBusMessage> m_message;
    QByteArray m_body;
    BodyKind m_kind = BodyKind::Empty;
    bool m_showAll = false;

    QLabel* m_header = nullptr;
    QTabWidget* m_tabs = nullptr;
    QLabel* m_kindLabel = nullptr;
    QLabel* m_truncatedLabel = nullptr;
    QToolButton* m_raw = nullptr;
    QToolButton* m_hexToggle = nullptr;
    QToolButton* m_showAllButton = nullptr;
    QStackedWidget* m_bodyStack = nullptr;
    QPlainTextEdit* m_text = nullptr;
    HexView* m_hex = nullptr;
    QSyntaxHighlighter* m_highlighter = nullptr;
    MessagePropertyTable* m_system = nullptr;
    MessagePropertyTable* m_application = nullptr;
    MessagePropertyTable* m_annotations = nullptr;
};

} // namespace busbar
