#include "ui/connections/ConnectDialog.h"

#include "core/settings/Settings.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPainter>
#include <QPixmap>
#include <QPushButton>
#include <QSignalBlocker>
#include <QStandardItemModel>
#include <QVBoxLayout>

namespace busbar {

namespace {

QIcon swatch(const QString& colour) {
    QPixmap pixmap(16, 16);
    pixmap.fill(Qt::transparent);
    if (!colour.isEmpty()) {
        QPainter painter(&pixmap);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setPen(Qt::NoPen);
        painter.setBrush(QColor::fromString(colour));
        painter.drawRoundedRect(QRectF(1, 1, 14, 14), 3, 3);
    }
    return QIcon(pixmap);
}

} // namespace

QList<std::pair<QString, QString>> ConnectDialog::colourTags() {
    return {
        {QString(), tr("None")},
        {QStringLiteral("#d32f2f"), tr("Red (production)")},
        {QStringLiteral("#f57c00"), tr("Orange (staging)")},
        {QStringLiteral("#388e3c"), tr("Green (development)")},
        {QStringLiteral("#1976d2"), tr("Blue")},
        {QStringLiteral("#7b1fa2"), tr("Purple")},
    };
}

ConnectDialog::ConnectDialog(bool keychainAvailable, QWidget* parent)
    : QDialog(parent)
    , m_connectionString(new QLineEdit(this))
    , m_name(new QLineEdit(this))
    , m_colour(new QComboBox(this))
    , m_remember(new QCheckBox(this))
    , m_summary(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
    , m_id(Settings::newConnectionId()) {
    setObjectName(QStringLiteral("connectDialog"));
    setWindowTitle(tr("Connect to a Namespace"));
    setMinimumWidth(560);

    m_connectionString->setObjectName(QStringLiteral("connectionStringEdit"));
    m_connectionString->setEchoMode(QLineEdit::Password);
    m_connectionString->setPlaceholderText(
        QStringLiteral("Endpoint=sb://….servicebus.windows.net/;SharedAccessKeyName=…;"
                       "SharedAccessKey=…"));
    m_connectionString->setAccessibleName(tr("Connection string"));
    auto* reveal = m_connectionString->addAction(QIcon(QStringLiteral(":/icons/reveal.svg")),
                                                 QLineEdit::TrailingPosition);
    reveal->setObjectName(QStringLiteral("actionRevealConnectionString"));
    reveal->setCheckable(true);
    reveal->setToolTip(tr("Show the connection string"));
    connect(reveal, &QAction::toggled, this, [this](bool shown) {
        m_connectionString->setEchoMode(shown ? QLineEdit::Normal : QLineEdit::Password);
    });

    m_name->setObjectName(QStringLiteral("connectionNameEdit"));
    m_name->setAccessibleName(tr("Connection name"));
    m_name->setPlaceholderText(tr("Shown in the namespace tree"));

    m_colour->setObjectName(QStringLiteral("colourTagCombo"));
    m_colour->setAccessibleName(tr("Colour tag"));
    for (const auto& [colour, label] : colourTags()) {
        m_colour->addItem(swatch(colour), label, colour);
    }

    m_remember->setObjectName(QStringLiteral("rememberConnectionCheck"));
    m_remember->setText(
        keychainAvailable
            ? tr("&Remember this connection (the key goes to the system keychain)")
            : tr("&Remember this connection (no keychain here: the key will be asked for again)"));
    m_remember->setChecked(true);

    m_summary->setObjectName(QStringLiteral("connectionSummaryLabel"));
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::PlainText);

    m_entityRow = new QWidget(this);
    m_entityRow->setObjectName(QStringLiteral("entityKindRow"));
    m_entityKind = new QComboBox(m_entityRow);
    m_entityKind->setObjectName(QStringLiteral("entityKindCombo"));
    m_entityKind->setAccessibleName(tr("What the entity path names"));
    m_entityKind->addItem(tr("Queue"), int(EntityKind::Queue));
    m_entityKind->addItem(tr("Topic subscription"), int(EntityKind::Subscription));
    m_subscription = new QLineEdit(m_entityRow);
    m_subscription->setObjectName(QStringLiteral("subscriptionNameEdit"));
    m_subscription->setAccessibleName(tr("Subscription name"));
    m_subscription->setPlaceholderText(tr("Subscription name"));
    m_subscription->setMaxLength(50); // the service's limit for a subscription name
    auto* entityLayout = new QHBoxLayout(m_entityRow);
    entityLayout->setContentsMargins(0, 0, 0, 0);
    entityLayout->addWidget(m_entityKind);
    entityLayout->addWidget(m_subscription, 1);
    m_entityHint = new QLabel(this);
    m_entityHint->setObjectName(QStringLiteral("entityKindHint"));
    m_entityHint->setWordWrap(true);
    m_entityHint->setTextFormat(Qt::PlainText);

    m_buttons->setObjectName(QStringLiteral("connectButtons"));
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("&Connect"));
    m_buttons->button(QDialogButtonBox::Ok)->setObjectName(QStringLiteral("connectOkButton"));
    m_buttons->button(QDialogButtonBox::Cancel)
        ->setObjectName(QStringLiteral("connectCancelButton"));
    m_test = m_buttons->addButton(tr("&Test Connection"), QDialogButtonBox::ActionRole);
    m_test->setObjectName(QStringLiteral("connectTestButton"));
    m_test->setVisible(false);
    connect(m_test, &QPushButton::clicked, this, &ConnectDialog::testConnection);
    m_testResult = new QLabel(this);
    m_testResult->setObjectName(QStringLiteral("connectTestResultLabel"));
    m_testResult->setWordWrap(true);
    m_testResult->setTextFormat(Qt::PlainText);
    m_testSteps = new QListWidget(this);
    m_testSteps->setObjectName(QStringLiteral("connectTestStepsList"));
    m_testSteps->setAccessibleName(tr("Connection test steps"));
    m_testSteps->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_testSteps->setWordWrap(true);
    m_testSteps->setVisible(false);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* form = new QFormLayout;
    m_form = form;
    form->addRow(tr("Connection &string:"), m_connectionString);
    form->addRow(QString(), m_summary);
    form->addRow(tr("&Entity is a:"), m_entityRow);
    form->addRow(QString(), m_entityHint);
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("Colour &tag:"), m_colour);
    form->addRow(QString(), m_remember);
    form->addRow(QString(), m_testSteps);
    form->addRow(QString(), m_testResult);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_buttons);

    connect(m_connectionString, &QLineEdit::textChanged, this, &ConnectDialog::revalidate);
    connect(m_name, &QLineEdit::textEdited, this, [this] {
        m_nameEdited = !m_name->text().isEmpty();
        revalidate();
    });
    connect(m_entityKind, &QComboBox::currentIndexChanged, this, &ConnectDialog::revalidate);
    connect(m_subscription, &QLineEdit::textChanged, this, &ConnectDialog::revalidate);
    revalidate();
}

void ConnectDialog::setTester(Tester tester) {
    m_tester = std::move(tester);
    m_test->setVisible(m_tester || m_stepTester);
    revalidate();
}

void ConnectDialog::setStepTester(StepTester tester) {
    m_stepTester = std::move(tester);
    m_test->setVisible(m_tester || m_stepTester);
    revalidate();
}

void ConnectDialog::testConnection() {
    if ((!m_tester && !m_stepTester) || !m_parsed) {
        return;
    }
    const int run = ++m_testRun;
    m_testResult->setText(tr("Testing…"));
    m_testSteps->clear();
    m_testSteps->setVisible(true);
    m_test->setEnabled(false);
    const auto step = [this, run](const ProbeStep& step) {
        if (run == m_testRun) {
            showStep(step);
        }
    };
    const auto done = [this, run](bool ok, const QString& text) {
        if (run != m_testRun) {
            return;
        }
        m_test->setEnabled(m_parsed.has_value());
        m_testResult->setText(ok ? tr("✓ %1").arg(text) : tr("✗ %1").arg(text));
    };
    // Test the entity that will be shown: a topic's subscription can be peeked, the topic not.
    ConnectionString tested = *m_parsed;
    if (const QString scoped = scopedEntityPath(); scoped != m_parsed->entityPath()) {
        // The canonical text names EntityPath once, after the key (which, being base64, cannot
        // contain ';'); only the path changes.
        QString text = m_parsed->toString();
        text.replace(QStringLiteral(";EntityPath=") + m_parsed->entityPath(),
                     QStringLiteral(";EntityPath=") + scoped);
        if (auto refined = ConnectionString::parse(text); refined) {
            tested = *refined;
        }
    }
    if (m_stepTester) {
        m_stepTester(tested, this, step, done);
    } else {
        m_tester(tested, this, done);
    }
}

QString ConnectDialog::stepText(const ProbeStep& step) {
    const QString name = probeStepName(step.kind);
    switch (step.status) {
    case ProbeStepStatus::Running:
        return tr("… %1").arg(name);
    case ProbeStepStatus::Skipped:
        return tr("– %1 · skipped · %2").arg(name, step.detail);
    case ProbeStepStatus::Ok:
        return tr("✓ %1 · %2 ms · %3").arg(name).arg(step.elapsedMs).arg(step.detail);
    case ProbeStepStatus::Failed:
        return tr("✗ %1 · %2 ms · %3").arg(name).arg(step.elapsedMs).arg(step.detail);
    }
    return name;
}

void ConnectDialog::showStep(const ProbeStep& step) {
    // A step's row is added when it starts and rewritten when it ends.
    QListWidgetItem* item = nullptr;
    for (int row = 0; row < m_testSteps->count(); ++row) {
        if (m_testSteps->item(row)->data(Qt::UserRole).toInt() == int(step.kind)) {
            item = m_testSteps->item(row);
        }
    }
    if (item == nullptr) {
        item = new QListWidgetItem(m_testSteps);
        item->setData(Qt::UserRole, int(step.kind));
    }
    // Step details never hold secrets (ConnectionProbe redacts them); this is a second net.
    item->setText(redactSecrets(stepText(step)));
    item->setData(Qt::UserRole + 1, int(step.status));
    item->setToolTip(item->text());
    if (step.status == ProbeStepStatus::Failed) {
        item->setForeground(QColor(QStringLiteral("#d32f2f")));
    }
    m_testSteps->scrollToItem(item);
}

SavedConnection ConnectDialog::savedConnection() const {
    if (!m_parsed) {
        return {};
    }
    SavedConnection saved = savedConnectionFor(*m_parsed, m_id, m_name->text().trimmed());
    saved.colourTag = m_colour->currentData().toString();
    if (const QString scoped = scopedEntityPath(); !scoped.isEmpty()) {
        saved.entityPath = scoped;
    }
    return saved;
}

ConnectDialog::EntityKind ConnectDialog::entityKind() const {
    return static_cast<EntityKind>(m_entityKind->currentData().toInt());
}

QString ConnectDialog::scopedEntityPath() const {
    if (!m_parsed || m_parsed->entityPath().isEmpty()) {
        return {};
    }
    const QString& path = m_parsed->entityPath();
    if (entityKind() == EntityKind::Queue || isSubscriptionPath(path)) {
        return path;
    }
    return subscriptionEntityPath(path, m_subscription->text().trimmed());
}

bool ConnectDialog::entityKindComplete() const {
    if (!m_parsed || m_parsed->entityPath().isEmpty() || entityKind() == EntityKind::Queue) {
        return true;
    }
    const QString name = m_subscription->text().trimmed();
    return !name.isEmpty() && !name.contains(QLatin1Char('/'));
}

void ConnectDialog::updateEntityKind() {
    const QString path = m_parsed ? m_parsed->entityPath() : QString();
    m_form->setRowVisible(m_entityRow, !path.isEmpty());
    m_form->setRowVisible(m_entityHint, !path.isEmpty());
    if (path.isEmpty()) {
        m_kindDefaultedFor.clear();
        return;
    }
    const bool named = isSubscriptionPath(path);
    if (path != m_kindDefaultedFor) {
        // A new path: default the kind from it, once; the user's choice stands afterwards.
        m_kindDefaultedFor = path;
        const QSignalBlocker blockKind(m_entityKind);
        const QSignalBlocker blockName(m_subscription);
        m_entityKind->setCurrentIndex(
            m_entityKind->findData(int(named ? EntityKind::Subscription : EntityKind::Queue)));
        m_subscription->setText(named ? path.section(QLatin1Char('/'), 2, 2) : QString());
        // A path that names its subscription is one; it cannot be a queue as well.
        m_subscription->setReadOnly(named);
        if (auto* items = qobject_cast<QStandardItemModel*>(m_entityKind->model())) {
            items->item(0)->setEnabled(!named);
        }
    }
    const bool subscription = entityKind() == EntityKind::Subscription;
    m_subscription->setVisible(subscription);
    const QString topic = named ? path.section(QLatin1Char('/'), 0, 0) : path;
    const QString name = m_subscription->text().trimmed();
    if (!subscription) {
        m_entityHint->setText(tr("%1 is shown as a queue. If it is a topic, choose Topic "
                                 "subscription and name the subscription to open.")
                                  .arg(path));
    } else if (name.isEmpty()) {
        m_entityHint->setText(tr("Name the subscription of the topic %1 to open.").arg(topic));
    } else if (name.contains(QLatin1Char('/'))) {
        m_entityHint->setText(tr("A subscription name cannot contain '/'."));
    } else {
        m_entityHint->setText(tr("Shows the subscription %1 of the topic %2.").arg(name, topic));
    }
}

bool ConnectDialog::rememberConnection() const {
    return m_remember->isChecked();
}

void ConnectDialog::revalidate() {
    const QString text = m_connectionString->text().trimmed();
    m_parsed.reset();
    if (text.isEmpty()) {
        m_summary->setText(tr("Paste a connection string from the Azure portal (Shared access "
                              "policies) or from the emulator."));
    } else if (auto parsed = ConnectionString::parse(text); !parsed) {
        // Parse errors never quote the key (ConnectionString guarantees it).
        m_summary->setText(parsed.error().message);
    } else {
        m_parsed = *parsed;
        QStringList parts{m_parsed->hasExplicitPort()
                              ? QStringLiteral("%1:%2").arg(m_parsed->host()).arg(m_parsed->port())
                              : m_parsed->host()};
        if (m_parsed->isDevelopmentEmulator()) {
            parts.append(tr("local emulator"));
        }
        if (!m_parsed->keyName().isEmpty()) {
            parts.append(tr("policy %1").arg(m_parsed->keyName()));
        } else if (m_parsed->usesSharedAccessSignature()) {
            parts.append(tr("shared access signature"));
        }
        if (!m_parsed->entityPath().isEmpty()) {
            parts.append(tr("entity %1").arg(m_parsed->entityPath()));
        }
        m_summary->setText(parts.join(QStringLiteral(" · ")));
        suggestName();
    }
    updateEntityKind();
    const bool nameOk =
        !m_name->text().trimmed().isEmpty() && !Settings::looksLikeSecret(m_name->text());
    m_buttons->button(QDialogButtonBox::Ok)
        ->setEnabled(m_parsed.has_value() && nameOk && entityKindComplete());
    if (m_test != nullptr) {
        ++m_testRun; // a result for the previous text no longer applies
        m_testResult->clear();
        m_testSteps->clear();
        m_testSteps->setVisible(false);
        m_test->setEnabled(m_parsed.has_value());
    }
}

void ConnectDialog::suggestName() {
    if (m_nameEdited || !m_parsed) {
        return;
    }
    // "contoso.servicebus.windows.net" → "contoso"; "localhost" stays as it is.
    const QString host = m_parsed->host();
    const QString suggestion =
        m_parsed->isDevelopmentEmulator() ? tr("local") : host.section(QLatin1Char('.'), 0, 0);
    m_name->setText(suggestion);
}

} // namespace busbar
