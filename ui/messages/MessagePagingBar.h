#pragma once

#include <QDateTime>
#include <QWidget>

class QDateTimeEdit;
class QLabel;
class QProgressBar;
class QSpinBox;
class QToolButton;

namespace busbar {

// The row of paging controls above a message table: refresh, load everything (with a busy
// bar, the running count and cancel), peek from a sequence number, jump to a time.
class MessagePagingBar final : public QWidget {
    Q_OBJECT
public:
    explicit MessagePagingBar(QWidget* parent = nullptr);

    void setLoadingAll(bool loading);
    void setLoadedCount(qint64 loaded, bool complete);
    [[nodiscard]] QString loadedText() const;

Q_SIGNALS:
    void refreshRequested();
    void loadAllRequested();
    void cancelRequested();
    void peekFromRequested(qint64 sequenceNumber);
    void jumpToTimeRequested(const QDateTime& time);

private:
    QToolButton* m_refresh = nullptr;
    QToolButton* m_loadAll = nullptr;
    QToolButton* m_cancel = nullptr;
    QProgressBar* m_progress = nullptr;
    QLabel* m_loaded = nullptr;
    QSpinBox* m_fromSequence = nullptr;
    QDateTimeEdit* m_time = nullptr;
};

} // namespace busbar
