#include "ui/repair/ImportDialog.h"

#include "core/admin/AdminClient.h"
#include "core/jobs/MessageJsonCodec.h"
#include "core/servicebus/WhenFinished.h"
#include "ui/explorer/NamespaceSession.h"
#include "ui/repair/JsonLinesFileField.h"
#include "ui/widgets/MessageBanner.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QFormLayout>
#include <QJsonDocument>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QPushButton>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace busbar {

namespace {

constexpr int kScanDelayMs = 250;

Error notAMessage(qint64 line, const QString& why) {
    return Error::make(ErrorCode::InvalidInput,
                       ImportDialog::tr("Line %1 is not a message (%2). Choose a file written "
                                        "by Export…: one JSON message per line.")
                           .arg(line)
                           .arg(why));
}

} // namespace

ImportDialog::ImportDialog(NamespaceSession* session, const QString& entityPath, QWidget* parent)
    : QDialog(parent)
    , m_session(session) {
    setObjectName(QStringLiteral("importDialog"));
    setWindowTitle(tr("Import into %1").arg(entityPath));

    m_banner = createMessageBanner(this);

    m_path = new JsonLinesFileField(
        JsonLinesFileField::Purpose::Read, QStringLiteral("import"),
        {tr("File to import"), tr("Full path of a .jsonl export"), tr("Import from")}, this);

    m_summary = new QLabel(tr("Choose a file."), this);
    m_summary->setObjectName(QStringLiteral("importSummary"));
    m_summary->setWordWrap(true);
    m_ids = new QListWidget(this);
    m_ids->setObjectName(QStringLiteral("importPreview"));
    m_ids->setAccessibleName(tr("First message ids"));

    m_target = new QComboBox(this);
    m_target->setObjectName(QStringLiteral("importTarget"));
    m_target->setAccessibleName(tr("Queue or topic to import into"));
    m_target->setEditable(true);
    m_target->setInsertPolicy(QComboBox::NoInsert);
    // A subscription cannot be sent to: its topic is the nearest target.
    m_target->addItem(entityPath.section(QStringLiteral("/Subscriptions/"), 0, 0));

    auto* form = new QFormLayout;
    form->addRow(tr("&File:"), m_path);
    form->addRow(tr("Holds:"), m_summary);
    form->addRow(tr("First ids:"), m_ids);
    form->addRow(tr("&Into:"), m_target);

    auto* buttons = new QDialogButtonBox(this);
    m_import = buttons->addButton(tr("&Import…"), QDialogButtonBox::AcceptRole);
    m_import->setObjectName(QStringLiteral("importButton"));
    auto* cancel = buttons->addButton(QDialogButtonBox::Cancel);
    cancel->setObjectName(QStringLiteral("importCancelButton"));
    connect(m_import, &QPushButton::clicked, this, &ImportDialog::requestImport);
    connect(cancel, &QPushButton::clicked, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_banner);
    layout->addLayout(form, 1);
    layout->addWidget(buttons);

    m_scanDelay.setSingleShot(true);
    m_scanDelay.setInterval(kScanDelayMs);
    connect(&m_scanDelay, &QTimer::timeout, this, &ImportDialog::scan);
    connect(m_path, &JsonLinesFileField::pathChanged, this, [this] {
        m_ready = false;
        updateButton();
        m_scanDelay.start();
    });
    connect(m_target, &QComboBox::currentTextChanged, this, &ImportDialog::updateButton);
    updateButton();
    loadTargets();
}

ImportDialog::~ImportDialog() {
    if (m_cancelScan) {
        *m_cancelScan = true; // a pool thread may still be reading a big file
    }
}

void ImportDialog::setInputPath(const QString& path) {
    m_path->setPath(path);
}

QString ImportDialog::inputPath() const {
    return m_path->path();
}

QString ImportDialog::targetEntity() const {
    return m_target->currentText().trimmed();
}

void ImportDialog::showError(const QString& message) {
    showBannerMessage(m_banner, message);
}

Result<ImportPreview> ImportDialog::scanFile(const QString& path,
                                             const std::shared_ptr<std::atomic_bool>& cancelled) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return fail(ErrorCode::InvalidInput,
                    tr("Cannot read %1: %2. Check the path and that you may read the file.")
                        .arg(QDir::toNativeSeparators(path), file.errorString()));
    }
    ImportPreview preview;
    qint64 lineNumber = 0;
    while (!file.atEnd()) {
        if (cancelled && *cancelled) {
            return fail(ErrorCode::Cancelled, tr("Reading the file was cancelled."));
        }
        const QByteArray line = file.readLine().trimmed();
        ++lineNumber;
        if (line.isEmpty()) {
            continue;
        }
        QJsonParseError parseError{};
        const QJsonDocument document = QJsonDocument::fromJson(line, &parseError);
        if (!document.isObject()) {
            return fail(notAMessage(lineNumber, parseError.error == QJsonParseError::NoError
                                                    ? tr("not a JSON object")
                                                    : parseError.errorString()));
        }
        const Result<AmqpMessage> message = MessageJsonCodec::decode(document.object());
        if (!message) {
            return fail(notAMessage(lineNumber, message.error().message));
        }
        if (preview.firstIds.size() < kPreviewIds) {
            preview.firstIds.append(amqpIdToText(message->properties.messageId));
        }
        ++preview.count;
    }
    if (preview.count == 0) {
        return fail(ErrorCode::InvalidInput,
                    tr("%1 holds no messages: choose a file written by Export….")
                        .arg(QDir::toNativeSeparators(path)));
    }
    return preview;
}

void ImportDialog::scan() {
    if (m_cancelScan) {
        *m_cancelScan = true;
    }
    m_cancelScan.reset();
    const quint64 generation = ++m_scanGeneration;
    m_ready = false;
    m_preview = {};
    m_ids->clear();
    updateButton();

    const QString path = inputPath();
    QString problem;
    if (path.isEmpty()) {
        problem = tr("No file: type the full path of an export file, or use Browse….");
    } else if (!QFileInfo::exists(path)) {
        problem = tr("%1 does not exist: check the path, or use Browse….")
                      .arg(QDir::toNativeSeparators(path));
    } else if (QFileInfo(path).isDir()) {
        problem =
            tr("%1 is a folder: choose an export file in it.").arg(QDir::toNativeSeparators(path));
    }
    if (!problem.isEmpty()) {
        m_summary->setText(tr("Nothing to import."));
        showError(problem);
        Q_EMIT fileScanned();
        return;
    }
    m_summary->setText(tr("Reading %1…").arg(QDir::toNativeSeparators(path)));
    showError({});
    m_cancelScan = std::make_shared<std::atomic_bool>(false);
    whenFinished(QtConcurrent::run(&ImportDialog::scanFile, path, m_cancelScan), this,
                 [this, generation](const Result<ImportPreview>& read) {
                     if (generation != m_scanGeneration) {
                         return; // the path changed meanwhile; that read has its own answer
                     }
                     m_cancelScan.reset();
                     if (!read) {
                         m_summary->setText(tr("Nothing to import."));
                         showError(read.error().message);
                     } else {
                         m_preview = *read;
                         m_ready = true;
                         m_summary->setText(
                             tr("%1 message(s).").arg(QLocale().toString(m_preview.count)));
                         m_ids->addItems(m_preview.firstIds);
                     }
                     updateButton();
                     Q_EMIT fileScanned();
                 });
}

void ImportDialog::loadTargets() {
    AdminClient* admin = m_session ? m_session->admin() : nullptr;
    if (admin == nullptr) {
        return;
    }
    auto add = [this](const auto& listed) {
        ++m_listsLoaded;
        if (!listed) {
            return; // the target is then not checked; the job says so if it does not exist
        }
        const QString current = m_target->currentText();
        for (const auto& item : *listed) {
            m_targets.append(item.title);
            if (m_target->findText(item.title) < 0) {
                m_target->addItem(item.title);
            }
        }
        m_target->setCurrentText(current);
    };
    whenFinished(admin->listQueues(), this, add);
    whenFinished(admin->listTopics(), this, add);
}

void ImportDialog::updateButton() {
    m_import->setEnabled(m_ready && !targetEntity().isEmpty());
}

void ImportDialog::requestImport() {
    if (!m_ready) {
        return;
    }
    const QString target = targetEntity();
    if (target.isEmpty()) {
        showError(tr("No target: choose the queue or topic to import into."));
        return;
    }
    if (m_listsLoaded == 2 && !m_targets.contains(target)) {
        showError(tr("This namespace has no queue or topic named \"%1\": choose one from the "
                     "list.")
                      .arg(target));
        return;
    }
    if (!m_session || m_session->client() == nullptr) {
        showError(tr("The namespace is no longer open: reconnect it, then import again."));
        return;
    }
    showError({});
    Q_EMIT importRequested();
}

} // namespace busbar
