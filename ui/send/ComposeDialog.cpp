#include "ui/send/ComposeDialog.h"

#include "core/servicebus/ServiceBusClient.h"
#include "core/servicebus/WhenFinished.h"
#include "ui/send/ApplicationPropertiesTable.h"
#include "ui/send/ComposeMessageBuilder.h"
#include "ui/send/ComposePropertiesPage.h"
#include "ui/send/ComposeTemplatesBar.h"
#include "ui/widgets/FormFields.h"
#include "ui/widgets/MessageBanner.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QTabWidget>
#include <QTime>
#include <QVBoxLayout>

namespace busbar {

using fields::button;
using fields::lineEdit;

ComposeDialog::ComposeDialog(ServiceBusClient* client, const QStringList& targets, QWidget* parent)
    : QDialog(parent)
    , m_client(client) {
    setObjectName(QStringLiteral("composeDialog"));
    setWindowTitle(tr("Send Message"));

    m_target = new QComboBox(this);
    m_target->setObjectName(QStringLiteral("target"));
    m_target->setAccessibleName(tr("Target queue or topic"));
    m_target->addItems(targets);

    m_banner = createMessageBanner(this);

    auto* tabs = new QTabWidget(this);
    tabs->setObjectName(QStringLiteral("composeTabs"));
    tabs->addTab(buildBodyPage(), tr("&Body"));
    m_systemProperties = new ComposePropertiesPage(this);
    connect(m_systemProperties, &ComposePropertiesPage::checkedFieldChanged, this,
            &ComposeDialog::revalidate);
    tabs->addTab(m_systemProperties, tr("&Properties"));
    m_properties = new ApplicationPropertiesTable(this);
    auto* propertiesPage = new QWidget(this);
    auto* propertiesLayout = new QVBoxLayout(propertiesPage);
    propertiesLayout->addWidget(m_properties);
    auto* propertyButtons = new QHBoxLayout;
    auto* add = button(propertiesPage, "addProperty", tr("&Add"));
    auto* remove = button(propertiesPage, "removeProperty", tr("&Remove"));
    propertyButtons->addWidget(add);
    propertyButtons->addWidget(remove);
    propertyButtons->addStretch();
    propertiesLayout->addLayout(propertyButtons);
    tabs->addTab(propertiesPage, tr("&Application properties"));
    connect(add, &QPushButton::clicked, this, [this] { m_properties->addProperty(); });
    connect(remove, &QPushButton::clicked, m_properties,
            &ApplicationPropertiesTable::removeSelected);
    connect(m_properties, &ApplicationPropertiesTable::propertiesChanged, this,
            &ComposeDialog::revalidate);

    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("status"));
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("progress"));
    m_progress->setRange(0, 0); // busy: the client reports completion, not per-message steps
    m_progress->hide();

    auto* buttons = new QDialogButtonBox(this);
    m_sendButton = buttons->addButton(tr("&Send"), QDialogButtonBox::ActionRole);
    m_sendButton->setObjectName(QStringLiteral("send"));
    auto* close = buttons->addButton(QDialogButtonBox::Close);
    close->setObjectName(QStringLiteral("close"));
    connect(m_sendButton, &QPushButton::clicked, this, &ComposeDialog::send);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* targetRow = new QFormLayout;
    targetRow->addRow(tr("&Target:"), m_target);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(targetRow);
    layout->addWidget(m_banner);
    layout->addWidget(tabs, 1);
    layout->addWidget(buildSendOptions());
    m_templates = new ComposeTemplatesBar([this] { return form(); }, this);
    layout->addWidget(m_templates);
    connect(m_templates, &ComposeTemplatesBar::loadRequested, this,
            [this](const ComposeForm& loaded, const QString& name) {
                setForm(loaded);
                m_status->setText(tr("Loaded template '%1'.").arg(name));
            });
    connect(m_templates, &ComposeTemplatesBar::saved, this, [this](const QString& name) {
        m_status->setText(tr("Saved template '%1'.").arg(name));
    });
    connect(m_templates, &ComposeTemplatesBar::problem, this, &ComposeDialog::showError);
    auto* statusRow = new QHBoxLayout;
    statusRow->addWidget(m_status, 1);
    statusRow->addWidget(m_progress);
    layout->addLayout(statusRow);
    layout->addWidget(buttons);

    connect(m_target, &QComboBox::currentIndexChanged, this, &ComposeDialog::revalidate);
    revalidate();
}

QWidget* ComposeDialog::buildBodyPage() {
    auto* page = new QWidget(this);
    m_bodyMode = new QComboBox(page);
    m_bodyMode->setObjectName(QStringLiteral("bodyMode"));
    m_bodyMode->setAccessibleName(tr("Body format"));
    m_bodyMode->addItems({tr("Text"), tr("JSON"), tr("XML"), tr("Binary from file")});
    m_contentType = lineEdit(page, "contentType", tr("Content type"), tr("e.g. application/json"));
    m_body = new QPlainTextEdit(page);
    m_body->setObjectName(QStringLiteral("body"));
    m_body->setAccessibleName(tr("Message body"));
    m_bodyError = new QLabel(page);
    m_bodyError->setObjectName(QStringLiteral("bodyError"));
    m_bodyError->setWordWrap(true);
    m_bodyError->hide();
    m_bodyFile = lineEdit(page, "bodyFile", tr("Body file"), tr("A file whose bytes are sent"));
    auto* browse = button(page, "browseBodyFile", tr("Browse…"));
    auto* fileRow = new QHBoxLayout;
    fileRow->addWidget(m_bodyFile, 1);
    fileRow->addWidget(browse);

    auto* top = new QFormLayout;
    top->addRow(tr("F&ormat:"), m_bodyMode);
    top->addRow(tr("Content t&ype:"), m_contentType);
    top->addRow(tr("&File:"), fileRow);
    auto* layout = new QVBoxLayout(page);
    layout->addLayout(top);
    layout->addWidget(m_body, 1);
    layout->addWidget(m_bodyError);

    connect(browse, &QPushButton::clicked, this, [this] {
        const QString file = QFileDialog::getOpenFileName(this, tr("Body from file"));
        if (!file.isEmpty()) {
            m_bodyFile->setText(file);
        }
    });
    connect(m_bodyMode, &QComboBox::currentIndexChanged, this, [this](int index) {
        const QString suggested = BodyValidator::suggestedContentType(BodyMode(index));
        if (!suggested.isEmpty() && m_contentType->text().isEmpty()) {
            m_contentType->setText(suggested);
        }
        revalidate();
    });
    connect(m_body, &QPlainTextEdit::textChanged, this, &ComposeDialog::revalidate);
    connect(m_bodyFile, &QLineEdit::textChanged, this, &ComposeDialog::revalidate);
    return page;
}

QWidget* ComposeDialog::buildSendOptions() {
    auto* box = new QWidget(this);
    m_sendOnce = new QRadioButton(tr("Send &once"), box);
    m_sendOnce->setObjectName(QStringLiteral("sendOnce"));
    m_sendOnce->setChecked(true);
    m_sendCopies = new QRadioButton(tr("Send &copies:"), box);
    m_sendCopies->setObjectName(QStringLiteral("sendCopies"));
    m_copies = new QSpinBox(box);
    m_copies->setObjectName(QStringLiteral("copies"));
    m_copies->setAccessibleName(tr("Number of copies"));
    m_copies->setRange(1, ComposeMessageBuilder::kMaxMessages);
    m_copies->setValue(10);
    m_idPattern =
        lineEdit(box, "idPattern", tr("Message id pattern"), tr("e.g. order-{n} or {uuid}"));
    m_sendFolder = new QRadioButton(tr("One message per &file in:"), box);
    m_sendFolder->setObjectName(QStringLiteral("sendFolder"));
    m_folder = lineEdit(box, "folder", tr("Folder of bodies"));
    auto* browse = button(box, "browseFolder", tr("Browse…"));
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Folder of bodies"));
        if (!dir.isEmpty()) {
            m_folder->setText(dir);
        }
    });
    auto* layout = new QHBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_sendOnce);
    layout->addWidget(m_sendCopies);
    layout->addWidget(m_copies);
    layout->addWidget(m_idPattern);
    layout->addWidget(m_sendFolder);
    layout->addWidget(m_folder, 1);
    layout->addWidget(browse);
    for (QRadioButton* radio : {m_sendOnce, m_sendCopies, m_sendFolder}) {
        connect(radio, &QRadioButton::toggled, this, &ComposeDialog::revalidate);
    }
    connect(m_folder, &QLineEdit::textChanged, this, &ComposeDialog::revalidate);
    return box;
}

void ComposeDialog::setTarget(const QString& target) {
    const int index = m_target->findText(target);
    if (index >= 0) {
        m_target->setCurrentIndex(index);
    }
}

QString ComposeDialog::target() const {
    return m_target->currentText();
}

ComposeForm ComposeDialog::form() const {
    ComposeForm form;
    form.bodyMode = BodyMode(m_bodyMode->currentIndex());
    form.bodyText = m_body->toPlainText();
    form.bodyFile = m_bodyFile->text();
    form.contentType = m_contentType->text();
    m_systemProperties->writeTo(form);
    form.properties = m_properties->properties();
    form.sendMode = m_sendCopies->isChecked()   ? SendMode::Copies
                    : m_sendFolder->isChecked() ? SendMode::FolderFiles
                                                : SendMode::Once;
    form.copies = m_copies->value();
    form.idPattern = m_idPattern->text();
    form.folder = m_folder->text();
    return form;
}

void ComposeDialog::setForm(const ComposeForm& form) {
    m_bodyMode->setCurrentIndex(int(form.bodyMode));
    m_body->setPlainText(form.bodyText);
    m_bodyFile->setText(form.bodyFile);
    m_contentType->setText(form.contentType);
    m_systemProperties->readFrom(form);
    m_properties->setProperties(form.properties);
    m_sendOnce->setChecked(form.sendMode == SendMode::Once);
    m_sendCopies->setChecked(form.sendMode == SendMode::Copies);
    m_sendFolder->setChecked(form.sendMode == SendMode::FolderFiles);
    m_copies->setValue(form.copies);
    m_idPattern->setText(form.idPattern);
    m_folder->setText(form.folder);
    revalidate();
}

void ComposeDialog::setTemplates(const ComposeTemplates& templates) {
    m_templates->setTemplates(templates);
}

void ComposeDialog::revalidate() {
    const ComposeForm current = form();
    QString problem;
    const BodyMode mode = current.bodyMode;
    m_body->setEnabled(mode != BodyMode::BinaryFile);
    m_bodyFile->setEnabled(mode == BodyMode::BinaryFile);
    m_copies->setEnabled(current.sendMode == SendMode::Copies);
    m_idPattern->setEnabled(current.sendMode == SendMode::Copies);
    m_folder->setEnabled(current.sendMode == SendMode::FolderFiles);

    // Body, TTL and properties are checked as typed; files only when sending (reading a
    // folder on every keystroke would be slow and racy).
    const BodyProblem body =
        current.sendMode == SendMode::FolderFiles || mode == BodyMode::BinaryFile
            ? BodyProblem{}
            : BodyValidator::check(mode, current.bodyText.toUtf8());
    m_bodyError->setText(body.message);
    m_bodyError->setVisible(!body.isValid());
    if (!body.isValid()) {
        problem = body.message;
    } else {
        ComposeForm probe = current;
        probe.bodyMode = BodyMode::Text; // the body was checked above
        if (auto built = ComposeMessageBuilder::buildOne(probe, {}); !built) {
            problem = built.error().message;
        } else if (current.sendMode == SendMode::FolderFiles && current.folder.isEmpty()) {
            problem = tr("Choose a folder whose files become the messages.");
        } else if (mode == BodyMode::BinaryFile && current.sendMode != SendMode::FolderFiles &&
                   current.bodyFile.isEmpty()) {
            problem = tr("Choose the file whose bytes are the body.");
        } else if (m_target->currentText().isEmpty()) {
            problem = tr("There is no queue or topic to send to.");
        }
    }
    m_sendButton->setEnabled(problem.isEmpty() && !m_sending && m_client != nullptr);
    m_sendButton->setToolTip(problem);
    // The banner always says what is wrong now, so a stale send error never lingers.
    showError(problem);
}

void ComposeDialog::showError(const QString& message) {
    showBannerMessage(m_banner, message);
}

void ComposeDialog::send() {
    if (m_sending || m_client == nullptr) {
        return;
    }
    const QString targetPath = target();
    auto messages = ComposeMessageBuilder::build(form());
    if (!messages) {
        showError(messages.error().message);
        Q_EMIT sendFailed(messages.error().message);
        return;
    }
    m_sending = true;
    m_banner->hide();
    m_progress->show();
    const int count = int(messages->size());
    m_status->setText(tr("Sending %n message(s) to %1…", nullptr, count).arg(targetPath));
    revalidate();
    whenFinished(m_client->send(targetPath, *messages), this,
                 [this, targetPath, count](const VoidResult& result) {
                     m_sending = false;
                     m_progress->hide();
                     if (result) {
                         m_status->setText(tr("Sent %n message(s) to %1 at %2.", nullptr, count)
                                               .arg(targetPath, QTime::currentTime().toString()));
                         revalidate();
                         Q_EMIT sent(targetPath, count);
                     } else {
                         m_status->clear();
                         revalidate();
                         showError(result.error().message);
                         Q_EMIT sendFailed(result.error().message);
                     }
                 });
}

} // namespace busbar
