#include "ui/send/ComposePropertiesPage.h"

#include "ui/widgets/FormFields.h"

#include <QCheckBox>
#include <QDateTimeEdit>
#include <QFormLayout>
#include <QLineEdit>

namespace busbar {

using fields::lineEdit;

ComposePropertiesPage::ComposePropertiesPage(QWidget* parent)
    : QWidget(parent) {
    auto* form = new QFormLayout(this);
    m_messageId = lineEdit(this, "messageId", tr("Message id"), tr("generated when empty"));
    m_correlationId = lineEdit(this, "correlationId", tr("Correlation id"));
    m_subject = lineEdit(this, "subject", tr("Subject"));
    m_to = lineEdit(this, "to", tr("To"));
    m_replyTo = lineEdit(this, "replyTo", tr("Reply to"));
    m_replyToSessionId = lineEdit(this, "replyToSessionId", tr("Reply to session id"));
    m_sessionId = lineEdit(this, "sessionId", tr("Session id"));
    m_partitionKey = lineEdit(this, "partitionKey", tr("Partition key"));
    m_timeToLive = lineEdit(this, "timeToLive", tr("Time to live"),
                            tr("entity default; e.g. 30s, 5m, 1d, PT1H"));
    m_schedule = new QCheckBox(tr("Sc&hedule at"), this);
    m_schedule->setObjectName(QStringLiteral("scheduleEnabled"));
    m_scheduledTime = new QDateTimeEdit(QDateTime::currentDateTime().addSecs(60), this);
    m_scheduledTime->setObjectName(QStringLiteral("scheduledEnqueueTime"));
    m_scheduledTime->setAccessibleName(tr("Scheduled enqueue time"));
    m_scheduledTime->setCalendarPopup(true);
    m_scheduledTime->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    m_scheduledTime->setEnabled(false);
    connect(m_schedule, &QCheckBox::toggled, m_scheduledTime, &QWidget::setEnabled);

    form->addRow(tr("&Message id:"), m_messageId);
    form->addRow(tr("&Correlation id:"), m_correlationId);
    form->addRow(tr("S&ubject:"), m_subject);
    form->addRow(tr("&To:"), m_to);
    form->addRow(tr("&Reply to:"), m_replyTo);
    form->addRow(tr("Reply to sess&ion id:"), m_replyToSessionId);
    form->addRow(tr("Sessio&n id:"), m_sessionId);
    form->addRow(tr("Partition &key:"), m_partitionKey);
    form->addRow(tr("Time to &live:"), m_timeToLive);
    form->addRow(m_schedule, m_scheduledTime);
    for (QLineEdit* edit : {m_messageId, m_timeToLive}) {
        connect(edit, &QLineEdit::textChanged, this, &ComposePropertiesPage::checkedFieldChanged);
    }
}

void ComposePropertiesPage::writeTo(ComposeForm& form) const {
    form.messageId = m_messageId->text();
    form.correlationId = m_correlationId->text();
    form.subject = m_subject->text();
    form.to = m_to->text();
    form.replyTo = m_replyTo->text();
    form.replyToSessionId = m_replyToSessionId->text();
    form.sessionId = m_sessionId->text();
    form.partitionKey = m_partitionKey->text();
    form.timeToLive = m_timeToLive->text();
    form.scheduledEnqueueTime.reset();
    if (m_schedule->isChecked()) {
        form.scheduledEnqueueTime = m_scheduledTime->dateTime();
    }
}

void ComposePropertiesPage::readFrom(const ComposeForm& form) {
    m_messageId->setText(form.messageId);
    m_correlationId->setText(form.correlationId);
    m_subject->setText(form.subject);
    m_to->setText(form.to);
    m_replyTo->setText(form.replyTo);
    m_replyToSessionId->setText(form.replyToSessionId);
    m_sessionId->setText(form.sessionId);
    m_partitionKey->setText(form.partitionKey);
    m_timeToLive->setText(form.timeToLive);
    m_schedule->setChecked(form.scheduledEnqueueTime.has_value());
    if (form.scheduledEnqueueTime) {
        m_scheduledTime->setDateTime(form.scheduledEnqueueTime->toLocalTime());
    }
}

} // namespace busbar
