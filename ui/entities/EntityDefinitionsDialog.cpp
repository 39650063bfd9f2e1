#include "ui/entities/EntityDefinitionsDialog.h"

#include "ui/entities/EntityDefinitionsJson.h"

#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace busbar {

EntityDefinitionsDialog::EntityDefinitionsDialog(AdminClient* admin, QWidget* parent)
    : QDialog(parent)
    , m_transfer(new EntityDefinitionsJson(admin, this)) {
    setObjectName(QStringLiteral("entityDefinitionsDialog"));
    setWindowTitle(tr("Export or Import Entities"));
    m_path = new QLineEdit(this);
    m_path->setObjectName(QStringLiteral("path"));
    m_path->setAccessibleName(tr("Definitions file"));
    m_path->setPlaceholderText(tr("entities.json"));
    auto* browse = new QPushButton(tr("Browse…"), this);
    browse->setObjectName(QStringLiteral("browse"));
    browse->setAutoDefault(false);
    m_banner = new QLabel(this);
    m_banner->setObjectName(QStringLiteral("banner"));
    m_banner->setWordWrap(true);
    m_banner->hide();
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("status"));
    m_report = new QPlainTextEdit(this);
    m_report->setObjectName(QStringLiteral("report"));
    m_report->setAccessibleName(tr("Import report"));
    m_report->setReadOnly(true);

    auto* buttons = new QDialogButtonBox(this);
    m_export = buttons->addButton(tr("&Export"), QDialogButtonBox::ActionRole);
    m_export->setObjectName(QStringLiteral("export"));
    m_import = buttons->addButton(tr("&Import"), QDialogButtonBox::ActionRole);
    m_import->setObjectName(QStringLiteral("import"));
    auto* close = buttons->addButton(QDialogButtonBox::Close);
    close->setObjectName(QStringLiteral("close"));
    connect(m_export, &QPushButton::clicked, this, &EntityDefinitionsDialog::exportToFile);
    connect(m_import, &QPushButton::clicked, this, &EntityDefinitionsDialog::importFromFile);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(
            this, tr("Definitions file"), m_path->text(), tr("JSON files (*.json)"), nullptr,
            QFileDialog::DontConfirmOverwrite);
        if (!path.isEmpty()) {
            m_path->setText(path);
        }
    });

    auto* fileRow = new QHBoxLayout;
    fileRow->addWidget(m_path, 1);
    fileRow->addWidget(browse);
    auto* form = new QFormLayout;
    form->addRow(tr("&File:"), fileRow);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_banner);
    layout->addLayout(form);
    layout->addWidget(m_report, 1);
    layout->addWidget(m_status);
    layout->addWidget(buttons);
}

void EntityDefinitionsDialog::setPath(const QString& path) {
    m_path->setText(path);
}

void EntityDefinitionsDialog::setBusy(bool busy, const QString& doing) {
    m_export->setEnabled(!busy);
    m_import->setEnabled(!busy);
    m_status->setText(doing);
    if (busy) {
        m_banner->hide();
    }
}

void EntityDefinitionsDialog::showError(const QString& message) {
    m_banner->setText(message);
    m_banner->show();
    Q_EMIT failed(message);
}

void EntityDefinitionsDialog::exportToFile() {
    const QString path = m_path->text().trimmed();
    if (path.isEmpty()) {
        showError(tr("Choose the file to write."));
        return;
    }
    setBusy(true, tr("Reading the namespace's entities…"));
    m_transfer->exportAll([this, path](const Result<NamespaceDefinitions>& definitions) {
        setBusy(false, {});
        if (!definitions) {
            showError(definitions.error().message);
            return;
        }
        if (auto saved = EntityDefinitionsJson::saveFile(path, *definitions); !saved) {
            showError(saved.error().message);
            return;
        }
        m_status->setText(tr("Exported %1 queues, %2 topics, %3 subscriptions and %4 rules.")
                              .arg(definitions->queues.size())
                              .arg(definitions->topics.size())
                              .arg(definitions->subscriptions.size())
                              .arg(definitions->rules.size()));
        Q_EMIT exported(path);
    });
}

void EntityDefinitionsDialog::importFromFile() {
    const auto definitions = EntityDefinitionsJson::loadFile(m_path->text().trimmed());
    if (!definitions) {
        showError(definitions.error().message);
        return;
    }
    setBusy(true, tr("Creating what is missing…"));
    m_report->clear();
    m_transfer->importAll(*definitions, [this](const QList<ImportOutcome>& outcomes) {
        setBusy(false, {});
        int created = 0;
        QStringList lines;
        for (const ImportOutcome& outcome : outcomes) {
            switch (outcome.kind) {
            case ImportOutcome::Kind::Created:
                ++created;
                lines.append(tr("created  %1").arg(outcome.entity));
                break;
            case ImportOutcome::Kind::AlreadyExists:
                lines.append(tr("exists   %1").arg(outcome.entity));
                break;
            case ImportOutcome::Kind::Failed:
                lines.append(tr("FAILED   %1: %2").arg(outcome.entity, outcome.message));
                break;
            }
        }
        m_report->setPlainText(lines.join(QLatin1Char('\n')));
        m_status->setText(
            EntityDefinitionsJson::summary(outcomes).section(QLatin1Char('\n'), 0, 0));
        Q_EMIT imported(created);
    });
}

} // namespace busbar
