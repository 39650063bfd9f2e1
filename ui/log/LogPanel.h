#pragma once

#include "core/common/Result.h"

#include <QDateTime>
#include <QWidget>

class QListWidget;
class QPushButton;
class QTabWidget;

namespace busbar {

class FrameTraceView;

enum class LogLevel { Debug, Info, Warning, Error };

// The bottom panel listing what the app did: operations, their outcomes, errors verbatim.
// Read-only; lines can be copied or saved for a bug report. Keeps the newest kMaxEntries.
// Credentials in a line (SharedAccessKey=, sig=, ...) are replaced by "***" on the way in.
// A second tab, "Frame trace", turns the (redacted) AMQP frame trace on and shows it; Copy,
// Save and Clear act on the tab in front.
class LogPanel final : public QWidget {
    Q_OBJECT
public:
    static constexpr int kMaxEntries = 5000;

    explicit LogPanel(QWidget* parent = nullptr);

    void append(LogLevel level, const QString& text,
                const QDateTime& when = QDateTime::currentDateTime());

    [[nodiscard]] int entryCount() const;
    // Selected lines, or every line when nothing is selected; one per line.
    [[nodiscard]] QString selectedText() const;
    [[nodiscard]] QString allText() const;
    // Writes every line as UTF-8 text.
    [[nodiscard]] VoidResult saveTo(const QString& filePath) const;

    [[nodiscard]] QListWidget* listView() const { return m_list; }
    [[nodiscard]] FrameTraceView* frameTraceView() const { return m_frames; }
    [[nodiscard]] QTabWidget* tabs() const { return m_tabs; }
    // Brings the frame trace tab to the front (true) or the operations log (false).
    void showFrameTrace(bool show);
    [[nodiscard]] bool isShowingFrameTrace() const;

public Q_SLOTS:
    void copyToClipboard() const;
    void clear();

private:
    void saveWithDialog();

    QTabWidget* m_tabs = nullptr;
    QListWidget* m_list = nullptr;
    FrameTraceView* m_frames = nullptr;
    QPushButton* m_copy = nullptr;
    QPushButton* m_save = nullptr;
    QPushButton* m_clear = nullptr;
};

[[nodiscard]] QString logLevelName(LogLevel level);

} // namespace busbar
