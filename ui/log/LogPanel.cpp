#include "ui/log/LogPanel.h"

#include "core/auth/ConnectionString.h"
#include "ui/log/FrameTraceView.h"

#include <QApplication>
#include <QClipboard>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QListWidget>
#include <QPushButton>
#include <QSaveFile>
#include <QStyle>
#include <QTabWidget>
#include <QVBoxLayout>

namespace busbar {

QString logLevelName(LogLevel level) {
    switch (level) {
    case LogLevel::Debug:
        return QStringLiteral("debug");
    case LogLevel::Info:
        return QStringLiteral("info");
    case LogLevel::Warning:
        return QStringLiteral("warning");
    case LogLevel::Error:
        return QStringLiteral("error");
    }
    return QStringLiteral("info");
}

LogPanel::LogPanel(QWidget* parent)
    : QWidget(parent)
    , m_tabs(new QTabWidget(this))
    , m_list(new QListWidget(this))
    , m_frames(new FrameTraceView(this))
    , m_copy(new QPushButton(tr("C&opy"), this))
    , m_save(new QPushButton(tr("&Save…"), this))
    , m_clear(new QPushButton(tr("Clea&r"), this)) {
    setObjectName(QStringLiteral("logPanel"));

    m_list->setObjectName(QStringLiteral("logList"));
    m_list->setAccessibleName(tr("Log"));
    m_list->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_list->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_list->setUniformItemSizes(true);

    m_tabs->setObjectName(QStringLiteral("logTabs"));
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(m_list, tr("&Operations"));
    m_tabs->addTab(m_frames, tr("&Frame trace"));

    m_copy->setObjectName(QStringLiteral("logCopyButton"));
    m_copy->setToolTip(tr("Copy the selected lines, or all lines, of the tab in front"));
    m_save->setObjectName(QStringLiteral("logSaveButton"));
    m_save->setToolTip(tr("Save the tab in front (the log or the frame trace) to a text file"));
    m_clear->setObjectName(QStringLiteral("logClearButton"));

    auto* buttons = new QVBoxLayout;
    buttons->addWidget(m_copy);
    buttons->addWidget(m_save);
    buttons->addWidget(m_clear);
    buttons->addStretch();

    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_tabs, 1);
    layout->addLayout(buttons);

    connect(m_copy, &QPushButton::clicked, this, &LogPanel::copyToClipboard);
    connect(m_save, &QPushButton::clicked, this, &LogPanel::saveWithDialog);
    connect(m_clear, &QPushButton::clicked, this, &LogPanel::clear);
}

void LogPanel::append(LogLevel level, const QString& text, const QDateTime& when) {
    // Callers should never log a credential; redacting here as well means a slip (an error
    // text quoting a connection string, say) still never reaches the screen or a saved file.
    const QString line =
        QStringLiteral("%1  %2  %3")
            .arg(when.toString(Qt::ISODateWithMs), logLevelName(level), redactSecrets(text));
    auto* item = new QListWidgetItem(line);
    item->setData(Qt::UserRole, static_cast<int>(level));
    if (level == LogLevel::Warning) {
        item->setIcon(style()->standardIcon(QStyle::SP_MessageBoxWarning));
    } else if (level == LogLevel::Error) {
        item->setIcon(style()->standardIcon(QStyle::SP_MessageBoxCritical));
    }
    m_list->addItem(item);
    while (m_list->count() > kMaxEntries) {
        delete m_list->takeItem(0);
    }
    m_list->scrollToBottom();
}

int LogPanel::entryCount() const {
    return m_list->count();
}

QString LogPanel::selectedText() const {
    const auto selected = m_list->selectedItems();
    if (selected.isEmpty()) {
        return allText();
    }
    // selectedItems() is in selection order; the log reads top to bottom.
    QStringList lines;
    for (int row = 0; row < m_list->count(); ++row) {
        if (m_list->item(row)->isSelected()) {
            lines.append(m_list->item(row)->text());
        }
    }
    return lines.join(QLatin1Char('\n'));
}

QString LogPanel::allText() const {
    QStringList lines;
    lines.reserve(m_list->count());
    for (int row = 0; row < m_list->count(); ++row) {
        lines.append(m_list->item(row)->text());
    }
    return lines.join(QLatin1Char('\n'));
}

VoidResult LogPanel::saveTo(const QString& filePath) const {
    QSaveFile file(filePath);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Text)) {
        return fail(ErrorCode::Internal,
                    tr("Cannot write %1: %2").arg(filePath, file.errorString()));
    }
    QByteArray contents = allText().toUtf8();
    contents.append('\n');
    file.write(contents);
    if (!file.commit()) {
        return fail(ErrorCode::Internal,
                    tr("Cannot write %1: %2").arg(filePath, file.errorString()));
    }
    return {};
}

void LogPanel::showFrameTrace(bool show) {
    m_tabs->setCurrentWidget(show ? static_cast<QWidget*>(m_frames) : m_list);
}

bool LogPanel::isShowingFrameTrace() const {
    return m_tabs->currentWidget() == m_frames;
}

void LogPanel::copyToClipboard() const {
    QApplication::clipboard()->setText(isShowingFrameTrace() ? m_frames->selectedText()
                                                             : selectedText());
}

void LogPanel::clear() {
    if (isShowingFrameTrace()) {
        m_frames->clear();
    } else {
        m_list->clear();
    }
}

void LogPanel::saveWithDialog() {
    const bool frames = isShowingFrameTrace();
    const QString path = QFileDialog::getSaveFileName(
        this, frames ? tr("Save frame trace") : tr("Save log"),
        frames ? QStringLiteral("busbar-frames.log") : QStringLiteral("busbar.log"),
        tr("Log files (*.log *.txt)"));
    if (path.isEmpty()) {
        return;
    }
    if (auto saved = frames ? m_frames->saveTo(path) : saveTo(path); !saved) {
        append(LogLevel::Error, saved.error().message);
    }
}

} // namespace busbar
