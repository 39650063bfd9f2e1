#include "ui/repair/ExportDialog.h"

#include "core/filter/SqlFilter.h"
#include "ui/explorer/NamespaceSession.h"
#include "ui/repair/JsonLinesFileField.h"
#include "ui/widgets/FormFields.h"
#include "ui/widgets/MessageBanner.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>

namespace busbar {

using fields::lineEdit;

namespace {

QDateTimeEdit* timeEdit(QWidget* parent, const char* name, const QString& accessible) {
    auto* edit = new QDateTimeEdit(QDateTime::currentDateTime(), parent);
    edit->setObjectName(QLatin1String(name));
    edit->setAccessibleName(accessible);
    edit->setCalendarPopup(true);
    edit->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    edit->setEnabled(false);
    return edit;
}

QCheckBox* checkBox(QWidget* parent, const char* name, const QString& text) {
    auto* box = new QCheckBox(text, parent);
    box->setObjectName(QLatin1String(name));
    return box;
}

} // namespace

ExportDialog::ExportDialog(NamespaceSession* session, const QString& entityPath, SubQueue subQueue,
                           const QList<qint64>& selected, QWidget* parent)
    : QDialog(parent)
    , m_session(session)
    , m_entityPath(entityPath)
    , m_selected(selected) {
    setObjectName(QStringLiteral("exportDialog"));
    setWindowTitle(tr("Export from %1").arg(entityPath));

    m_banner = createMessageBanner(this);

    auto* entity = new QLabel(entityPath, this);
    entity->setObjectName(QStringLiteral("exportEntity"));
    entity->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_subQueue = new QComboBox(this);
    m_subQueue->setObjectName(QStringLiteral("exportSubQueue"));
    m_subQueue->setAccessibleName(tr("Queue to export from"));
    m_subQueue->addItem(tr("Active messages"), int(SubQueue::None));
    m_subQueue->addItem(tr("Dead-letter queue"), int(SubQueue::DeadLetter));
    m_subQueue->addItem(tr("Transfer dead-letter queue"), int(SubQueue::TransferDeadLetter));
    m_subQueue->setCurrentIndex(m_subQueue->findData(int(subQueue)));

    m_selectedMode = new QRadioButton(tr("The %1 &selected message(s)").arg(selected.size()), this);
    m_selectedMode->setObjectName(QStringLiteral("exportSelected"));
    m_selectedMode->setEnabled(!selected.isEmpty());
    m_allMode = new QRadioButton(tr("&Every message of the queue"), this);
    m_allMode->setObjectName(QStringLiteral("exportAll"));
    m_filterMode = new QRadioButton(tr("Messages &matching:"), this);
    m_filterMode->setObjectName(QStringLiteral("exportFiltered"));
    auto* modes = new QButtonGroup(this);
    for (QRadioButton* button : {m_selectedMode, m_allMode, m_filterMode}) {
        modes->addButton(button);
    }
    (selected.isEmpty() ? m_allMode : m_selectedMode)->setChecked(true);

    m_path = new JsonLinesFileField(
        JsonLinesFileField::Purpose::Write, QStringLiteral("export"),
        {tr("Output file"), tr("Full path of a .jsonl file"), tr("Export to")}, this);

    auto* form = new QFormLayout;
    form->addRow(tr("Entity:"), entity);
    form->addRow(tr("&Queue:"), m_subQueue);
    form->addRow(tr("Export:"), m_selectedMode);
    form->addRow(QString(), m_allMode);
    form->addRow(QString(), m_filterMode);
    form->addRow(QString(), buildFilterBox());
    form->addRow(tr("&Output file:"), m_path);

    auto* buttons = new QDialogButtonBox(this);
    m_export = buttons->addButton(tr("&Export"), QDialogButtonBox::AcceptRole);
    m_export->setObjectName(QStringLiteral("exportButton"));
    auto* cancel = buttons->addButton(QDialogButtonBox::Cancel);
    cancel->setObjectName(QStringLiteral("exportCancelButton"));
    connect(m_export, &QPushButton::clicked, this, &ExportDialog::requestExport);
    connect(cancel, &QPushButton::clicked, this, &QDialog::reject);
    connect(modes, &QButtonGroup::buttonToggled, this, &ExportDialog::updateModes);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_banner);
    layout->addLayout(form);
    layout->addStretch(1);
    layout->addWidget(buttons);
    updateModes();
}

QWidget* ExportDialog::buildFilterBox() {
    m_filterBox = new QWidget(this);
    m_reason = lineEdit(m_filterBox, "exportReason", tr("Dead-letter reason"),
                        tr("Exactly, e.g. MaxDeliveryCountExceeded"));
    m_fromSet = checkBox(m_filterBox, "exportFromSet", tr("Enqueued &from"));
    m_from = timeEdit(m_filterBox, "exportFrom", tr("Enqueued from"));
    m_beforeSet = checkBox(m_filterBox, "exportBeforeSet", tr("Enqueued &before"));
    m_before = timeEdit(m_filterBox, "exportBefore", tr("Enqueued before"));
    m_sql = lineEdit(m_filterBox, "exportSql", tr("SQL filter"),
                     tr("e.g. sys.Label = 'invoice' AND amount > 100"));
    m_sqlError = new QLabel(m_filterBox);
    m_sqlError->setObjectName(QStringLiteral("exportSqlError"));
    m_sqlError->setWordWrap(true);
    m_sqlError->hide();
    m_text = lineEdit(m_filterBox, "exportText", tr("Text"),
                      tr("In the message id, subject or body (any case)"));
    connect(m_fromSet, &QCheckBox::toggled, m_from, &QWidget::setEnabled);
    connect(m_beforeSet, &QCheckBox::toggled, m_before, &QWidget::setEnabled);
    connect(m_sql, &QLineEdit::textChanged, this, &ExportDialog::validateSql);

    auto* times = new QHBoxLayout;
    times->addWidget(m_fromSet);
    times->addWidget(m_from, 1);
    times->addWidget(m_beforeSet);
    times->addWidget(m_before, 1);
    auto* form = new QFormLayout(m_filterBox);
    form->setContentsMargins(0, 0, 0, 0);
    form->addRow(tr("Dead-letter &reason:"), m_reason);
    form->addRow(tr("Time:"), times);
    form->addRow(tr("S&QL:"), m_sql);
    form->addRow(QString(), m_sqlError);
    form->addRow(tr("&Text:"), m_text);
    return m_filterBox;
}

void ExportDialog::updateModes() {
    m_filterBox->setEnabled(m_filterMode->isChecked());
    // Sequence numbers belong to the queue they were selected in.
    m_subQueue->setEnabled(!m_selectedMode->isChecked());
}

void ExportDialog::validateSql() {
    const QString sql = m_sql->text().trimmed();
    if (sql.isEmpty()) {
        m_sqlError->hide();
        return;
    }
    const Result<SqlFilter> parsed = SqlFilter::parse(sql);
    m_sqlError->setText(parsed
                            ? QString()
                            : tr("SQL: %1. Correct the expression, or clear it to leave SQL out.")
                                  .arg(parsed.error().message));
    m_sqlError->setVisible(!parsed);
}

QString ExportDialog::outputPath() const {
    return m_path->path();
}

Result<ExportOptions> ExportDialog::options() const {
    ExportOptions options;
    options.entity = m_entityPath;
    options.subQueue = SubQueue(m_subQueue->currentData().toInt());
    if (m_selectedMode->isChecked()) {
        options.selection = MessageSelection::of(m_selected);
    } else if (m_filterMode->isChecked()) {
        MessageSelection& s = options.selection;
        s.mode = MessageSelection::Mode::Filter;
        if (!m_reason->text().isEmpty()) {
            s.deadLetterReason = m_reason->text();
        }
        if (m_fromSet->isChecked()) {
            s.enqueuedFrom = m_from->dateTime().toUTC();
        }
        if (m_beforeSet->isChecked()) {
            s.enqueuedBefore = m_before->dateTime().toUTC();
        }
        s.sql = m_sql->text().trimmed();
        s.text = m_text->text();
        if (!s.deadLetterReason && !s.enqueuedFrom && !s.enqueuedBefore && s.sql.isEmpty() &&
            s.text.isEmpty()) {
            return fail(ErrorCode::InvalidInput,
                        tr("The filter is empty: fill in a reason, a time, SQL or text, or "
                           "choose \"Every message of the queue\"."));
        }
        if (s.enqueuedFrom && s.enqueuedBefore && *s.enqueuedFrom >= *s.enqueuedBefore) {
            return fail(ErrorCode::InvalidInput,
                        tr("\"Enqueued from\" is not earlier than \"Enqueued before\": no "
                           "message can match. Move one of the two times."));
        }
        if (!s.sql.isEmpty()) {
            if (const Result<SqlFilter> parsed = SqlFilter::parse(s.sql); !parsed) {
                return fail(ErrorCode::InvalidInput,
                            tr("The SQL filter does not parse: %1. Correct it or clear it.")
                                .arg(parsed.error().message));
            }
        }
    }

    const QString path = outputPath();
    if (path.isEmpty()) {
        return fail(ErrorCode::InvalidInput,
                    tr("No output file: type the full path of the file to write, or use "
                       "Browse…."));
    }
    if (!QDir::isAbsolutePath(path)) {
        return fail(
            ErrorCode::InvalidInput,
            tr("\"%1\" is not a full path: type it from the root (or use Browse…).").arg(path));
    }
    const QFileInfo file(path);
    if (file.isDir()) {
        return fail(ErrorCode::InvalidInput,
                    tr("%1 is a folder: add a file name, e.g. %2.")
                        .arg(path, QDir(path).filePath(QStringLiteral("export.jsonl"))));
    }
    if (!file.dir().exists()) {
        return fail(ErrorCode::InvalidInput,
                    tr("The folder %1 does not exist: create it or choose another path.")
                        .arg(QDir::toNativeSeparators(file.absolutePath())));
    }
    options.outputPath = path;
    return options;
}

void ExportDialog::showError(const QString& message) {
    showBannerMessage(m_banner, message);
}

void ExportDialog::requestExport() {
    const Result<ExportOptions> chosen = options();
    if (!chosen) {
        showError(chosen.error().message);
        return;
    }
    if (!m_session || m_session->client() == nullptr) {
        showError(tr("The namespace is no longer open: reconnect it, then export again."));
        return;
    }
    showError({});
    Q_EMIT exportRequested();
}

} // namespace busbar
