#include "ui/connections/OpenEntityDialog.h"

#include "core/settings/SavedConnection.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace busbar {

OpenEntityDialog::OpenEntityDialog(const QString& namespaceName, QWidget* parent)
    : QDialog(parent)
    , m_kind(new QComboBox(this))
    , m_name(new QLineEdit(this))
    , m_subscriptionLabel(new QLabel(tr("&Subscription:"), this))
    , m_subscription(new QLineEdit(this))
    , m_message(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Open | QDialogButtonBox::Cancel, this)) {
    setObjectName(QStringLiteral("openEntityDialog"));
    setWindowTitle(tr("Open Entity in %1").arg(namespaceName));
    setMinimumWidth(420);

    m_kind->setObjectName(QStringLiteral("openEntityKindCombo"));
    m_kind->setAccessibleName(tr("Entity kind"));
    m_kind->addItem(tr("Queue"), int(Kind::Queue));
    m_kind->addItem(tr("Topic subscription"), int(Kind::Subscription));
    m_name->setObjectName(QStringLiteral("openEntityNameEdit"));
    m_name->setAccessibleName(tr("Queue or topic name"));
    m_subscription->setObjectName(QStringLiteral("openEntitySubscriptionEdit"));
    m_subscription->setAccessibleName(tr("Subscription name"));
    m_subscription->setMaxLength(50); // the service's limit for a subscription name
    m_subscriptionLabel->setBuddy(m_subscription);
    m_message->setObjectName(QStringLiteral("openEntityMessage"));
    m_message->setWordWrap(true);
    m_message->setTextFormat(Qt::PlainText);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto* note = new QLabel(tr("For keys that cannot list entities (no Manage right): the "
                               "entity is checked through AMQP, then added to the tree."),
                            this);
    note->setWordWrap(true);

    m_buttons->setObjectName(QStringLiteral("openEntityButtons"));
    m_buttons->button(QDialogButtonBox::Open)->setObjectName(QStringLiteral("openEntityOkButton"));
    m_buttons->button(QDialogButtonBox::Cancel)
        ->setObjectName(QStringLiteral("openEntityCancelButton"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &OpenEntityDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &OpenEntityDialog::reject);

    auto* form = new QFormLayout;
    form->addRow(tr("&Kind:"), m_kind);
    form->addRow(tr("&Name:"), m_name);
    form->addRow(m_subscriptionLabel, m_subscription);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(note);
    layout->addLayout(form);
    layout->addWidget(m_message);
    layout->addWidget(m_buttons);

    connect(m_kind, &QComboBox::currentIndexChanged, this, &OpenEntityDialog::updateState);
    connect(m_name, &QLineEdit::textChanged, this, &OpenEntityDialog::updateState);
    connect(m_subscription, &QLineEdit::textChanged, this, &OpenEntityDialog::updateState);
    updateState();
}

OpenEntityDialog::Kind OpenEntityDialog::kind() const {
    return static_cast<Kind>(m_kind->currentData().toInt());
}

QString OpenEntityDialog::entityPath() const {
    const QString name = m_name->text().trimmed();
    if (name.isEmpty()) {
        return {};
    }
    if (isSubscriptionPath(name)) {
        return name; // "events/Subscriptions/audit" pasted whole
    }
    if (kind() == Kind::Queue) {
        return name;
    }
    const QString subscription = m_subscription->text().trimmed();
    if (subscription.isEmpty() || subscription.contains(QLatin1Char('/')) ||
        name.contains(QLatin1Char('/'))) {
        return {};
    }
    return subscriptionEntityPath(name, subscription);
}

void OpenEntityDialog::setBusy(bool busy) {
    m_busy = busy;
    if (busy) {
        m_message->setText(tr("Checking %1…").arg(entityPath()));
    }
    updateState();
}

void OpenEntityDialog::showError(const QString& message) {
    m_message->setText(message);
}

void OpenEntityDialog::accept() {
    const QString path = entityPath();
    if (path.isEmpty() || m_busy) {
        return;
    }
    Q_EMIT openRequested(path);
}

void OpenEntityDialog::updateState() {
    const bool pasted = isSubscriptionPath(m_name->text().trimmed());
    const bool subscription = kind() == Kind::Subscription && !pasted;
    m_subscriptionLabel->setVisible(subscription);
    m_subscription->setVisible(subscription);
    m_name->setPlaceholderText(kind() == Kind::Queue ? tr("orders") : tr("Topic, e.g. events"));
    for (QWidget* field : {static_cast<QWidget*>(m_kind), static_cast<QWidget*>(m_name),
                           static_cast<QWidget*>(m_subscription)}) {
        field->setEnabled(!m_busy);
    }
    m_buttons->button(QDialogButtonBox::Open)->setEnabled(!m_busy && !entityPath().isEmpty());
}

} // namespace busbar
