#pragma once

#include "ui/send/ComposeForm.h"

#include <QWidget>

class QCheckBox;
class QDateTimeEdit;
class QLineEdit;

namespace busbar {

// The compose dialog's Properties tab: the message's system properties (ids, subject,
// addressing, session, partition key, time to live) and when to schedule it. It reads them
// into a ComposeForm and shows a form's values; checking them is the dialog's job.
class ComposePropertiesPage final : public QWidget {
    Q_OBJECT
public:
    explicit ComposePropertiesPage(QWidget* parent = nullptr);

    // Sets only the fields this page shows.
    void writeTo(ComposeForm& form) const;
    void readFrom(const ComposeForm& form);

Q_SIGNALS:
    // A field the dialog checks as typed changed (message id, time to live).
    void checkedFieldChanged();

private:
    QLineEdit* m_messageId = nullptr;
    QLineEdit* m_correlationId = nullptr;
    QLineEdit* m_subject = nullptr;
    QLineEdit* m_to = nullptr;
    QLineEdit* m_replyTo = nullptr;
    QLineEdit* m_replyToSessionId = nullptr;
    QLineEdit* m_sessionId = nullptr;
    QLineEdit* m_partitionKey = nullptr;
    QLineEdit* m_timeToLive = nullptr;
    QCheckBox* m_schedule = nullptr;
    QDateTimeEdit* m_scheduledTime = nullptr;
};

} // namespace busbar
