#include "ui/repair/PurgeDialog.h"

#include "core/admin/AdminClient.h"
#include "core/servicebus/WhenFinished.h"
#include "ui/explorer/NamespaceSession.h"
#include "ui/widgets/MessageBanner.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QDateTimeEdit>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>

namespace busbar {

namespace {

const QString kSubscriptions = QStringLiteral("/Subscriptions/");

QRadioButton* radio(QWidget* parent, const char* name, const QString& text) {
    auto* button = new QRadioButton(text, parent);
    button->setObjectName(QLatin1String(name));
    return button;
}

} // namespace

PurgeDialog::PurgeDialog(NamespaceSession* session, const QString& entityPath, SubQueue preselected,
                         QWidget* parent)
    : QDialog(parent)
    , m_session(session)
    , m_entityPath(entityPath) {
    setObjectName(QStringLiteral("purgeDialog"));
    setWindowTitle(tr("Purge %1").arg(entityPath));

    m_banner = createMessageBanner(this);

    auto* entity = new QLabel(entityPath, this);
    entity->setObjectName(QStringLiteral("purgeEntity"));
    entity->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_active = radio(this, "purgeActive", tr("&Active messages"));
    m_deadLetter = radio(this, "purgeDeadLetter", tr("&Dead-letter queue"));
    m_both = radio(this, "purgeBoth", tr("&Both"));
    auto* group = new QButtonGroup(this);
    for (QRadioButton* button : {m_active, m_deadLetter, m_both}) {
        group->addButton(button);
    }
    (preselected == SubQueue::None ? m_active : m_deadLetter)->setChecked(true);
    auto* which = new QHBoxLayout;
    which->addWidget(m_active);
    which->addWidget(m_deadLetter);
    which->addWidget(m_both);
    which->addStretch(1);

    m_onlyBefore = new QCheckBox(tr("Only messages enqueued &before"), this);
    m_onlyBefore->setObjectName(QStringLiteral("purgeOnlyBefore"));
    m_before = new QDateTimeEdit(QDateTime::currentDateTime(), this);
    m_before->setObjectName(QStringLiteral("purgeBefore"));
    m_before->setAccessibleName(tr("Enqueued before"));
    m_before->setCalendarPopup(true);
    m_before->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    m_before->setEnabled(false);
    auto* before = new QHBoxLayout;
    before->addWidget(m_onlyBefore);
    before->addWidget(m_before, 1);

    m_count = new QLabel(this);
    m_count->setObjectName(QStringLiteral("purgeCount"));
    m_count->setWordWrap(true);

    auto* form = new QFormLayout;
    form->addRow(tr("Entity:"), entity);
    form->addRow(tr("Purge:"), which);
    form->addRow(QString(), before);
    form->addRow(tr("Deletes:"), m_count);

    auto* buttons = new QDialogButtonBox(this);
    m_purge = buttons->addButton(tr("&Purge…"), QDialogButtonBox::AcceptRole);
    m_purge->setObjectName(QStringLiteral("purgeButton"));
    auto* cancel = buttons->addButton(QDialogButtonBox::Cancel);
    cancel->setObjectName(QStringLiteral("purgeCancelButton"));
    // Accepting is MaintenanceActions' call, after the confirmation; the button only asks.
    connect(m_purge, &QPushButton::clicked, this, &PurgeDialog::requestPurge);
    connect(cancel, &QPushButton::clicked, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_banner);
    layout->addLayout(form);
    layout->addStretch(1);
    layout->addWidget(buttons);

    connect(group, &QButtonGroup::buttonToggled, this, &PurgeDialog::updateSummary);
    connect(m_onlyBefore, &QCheckBox::toggled, m_before, &QWidget::setEnabled);
    connect(m_onlyBefore, &QCheckBox::toggled, this, &PurgeDialog::updateSummary);
    connect(m_before, &QDateTimeEdit::dateTimeChanged, this, &PurgeDialog::updateSummary);
    updateSummary();
    loadCounts();
}

PurgeOptions PurgeDialog::options() const {
    PurgeOptions options;
    options.entity = m_entityPath;
    options.active = !m_deadLetter->isChecked();
    options.deadLetter = !m_active->isChecked();
    if (m_onlyBefore->isChecked()) {
        options.enqueuedBefore = m_before->dateTime().toUTC();
    }
    return options;
}

std::optional<qint64> PurgeDialog::knownCount() const {
    // With a time limit the counts say how many there are, not how many are older.
    if (!m_counts || m_onlyBefore->isChecked()) {
        return std::nullopt;
    }
    const PurgeOptions chosen = options();
    qint64 count = 0;
    if (chosen.active) {
        // The purge removes deferred messages too; the emulator counts them apart.
        count += m_counts->activeMessageCount + m_counts->deferredMessageCount;
    }
    if (chosen.deadLetter) {
        count += m_counts->deadLetterMessageCount;
    }
    return count;
}

QString PurgeDialog::subQueuesText() const {
    if (m_active->isChecked()) {
        return tr("the active queue");
    }
    if (m_deadLetter->isChecked()) {
        return tr("the dead-letter queue");
    }
    return tr("the active and dead-letter queues");
}

void PurgeDialog::showError(const QString& message) {
    showBannerMessage(m_banner, message);
}

void PurgeDialog::loadCounts() {
    AdminClient* admin = m_session ? m_session->admin() : nullptr;
    if (admin == nullptr) {
        m_countsError = tr("the namespace is not open");
        updateSummary();
        return;
    }
    auto done = [this](const auto& item) {
        if (item) {
            m_counts = item->runtime.counts;
        } else {
            m_countsError = item.error().message;
        }
        updateSummary();
        Q_EMIT countsLoaded();
    };
    if (m_entityPath.contains(kSubscriptions)) {
        whenFinished(admin->getSubscription(m_entityPath.section(kSubscriptions, 0, 0),
                                            m_entityPath.section(kSubscriptions, 1)),
                     this, done);
    } else {
        whenFinished(admin->getQueue(m_entityPath), this, done);
    }
}

void PurgeDialog::updateSummary() {
    const QLocale locale;
    if (const std::optional<qint64> count = knownCount()) {
        m_count->setText(
            tr("%1 message(s) from %2.").arg(locale.toString(*count), subQueuesText()));
        return;
    }
    if (m_onlyBefore->isChecked()) {
        m_count->setText(
            tr("Unknown: every message of %1 enqueued before %2.")
                .arg(subQueuesText(), locale.toString(m_before->dateTime(), QLocale::ShortFormat)));
    } else if (!m_countsError.isEmpty()) {
        m_count->setText(tr("Unknown (the counts could not be read: %1).").arg(m_countsError));
    } else {
        m_count->setText(tr("Unknown (reading the counts…)."));
    }
}

void PurgeDialog::requestPurge() {
    if (m_onlyBefore->isChecked() && !m_before->dateTime().isValid()) {
        showError(tr("The time is not valid: enter a date and time, or clear \"Only messages "
                     "enqueued before\"."));
        return;
    }
    if (!m_session || m_session->client() == nullptr) {
        showError(tr("The namespace is no longer open: reconnect it, then purge again."));
        return;
    }
    showError({});
    Q_EMIT purgeRequested();
}

} // namespace busbar
