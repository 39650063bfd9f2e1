#pragma once

#include "core/common/Result.h"

#include <QTimer>
#include <QWidget>

#include <memory>

class QCheckBox;
class QLabel;
class QPlainTextEdit;

namespace busbar {

class FrameTrace;

// The log panel's "Frame trace" tab: a switch that turns AMQP frame tracing on for every
// open namespace (FrameTrace::shared() by default), and the traced lines, already redacted
// by FrameTrace, appended in batches a few times a second rather than one by one.
class FrameTraceView final : public QWidget {
    Q_OBJECT
public:
    static constexpr int kPollMs = 250;

    explicit FrameTraceView(QWidget* parent = nullptr);
    ~FrameTraceView() override;

    // The trace shown and switched; null is ignored.
    void setTrace(std::shared_ptr<FrameTrace> trace);
    [[nodiscard]] const std::shared_ptr<FrameTrace>& trace() const { return m_trace; }

    void setTracing(bool on);
    [[nodiscard]] bool isTracing() const;

    [[nodiscard]] int lineCount() const;
    [[nodiscard]] QString selectedText() const; // the selection, or every line
    [[nodiscard]] QString allText() const;
    [[nodiscard]] VoidResult saveTo(const QString& filePath) const;
    void clear();

    [[nodiscard]] QPlainTextEdit* textView() const { return m_text; }
    [[nodiscard]] QCheckBox* toggle() const { return m_toggle; }

public Q_SLOTS:
    // Appends the lines traced since the last call (the timer calls it while tracing).
    void poll();

private:
    std::shared_ptr<FrameTrace> m_trace;
    QCheckBox* m_toggle = nullptr;
    QLabel* m_note = nullptr;
    QPlainTextEdit* m_text = nullptr;
    QTimer m_timer;
    quint64 m_shown = 0; // sequence number of the last line shown
};

} // namespace busbar
