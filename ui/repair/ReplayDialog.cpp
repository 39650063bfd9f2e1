#include "ui/repair/ReplayDialog.h"

#include "core/admin/AdminClient.h"
#include "core/filter/SqlFilter.h"
#include "core/servicebus/ServiceBusClient.h"
#include "core/servicebus/WhenFinished.h"
#include "ui/explorer/NamespaceSession.h"
#include "ui/repair/RepairTargetBox.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>

namespace busbar {

namespace {

// Enough of the queue's head to offer the reasons that matter, without reading it all.
constexpr int kReasonPeek = 250;

qint64 countIn(const EntityRuntimeInfo& runtime, SubQueue subQueue) {
    switch (subQueue) {
    case SubQueue::DeadLetter:
        return runtime.counts.deadLetterMessageCount;
    case SubQueue::TransferDeadLetter:
        return runtime.counts.transferDeadLetterMessageCount;
    case SubQueue::None:
        break;
    }
    return runtime.counts.activeMessageCount;
}

} // namespace

ReplayDialog::ReplayDialog(NamespaceSession* source, const QString& entityPath, SubQueue subQueue,
                           const QList<NamespaceSession*>& sessions, const QString& defaultTarget,
                           RepairSubmit submit, QWidget* parent)
    : QDialog(parent)
    , m_source(source)
    , m_entityPath(entityPath)
    , m_subQueue(subQueue)
    , m_submit(std::move(submit)) {
    setObjectName(QStringLiteral("replayDialog"));
    setWindowTitle(tr("Replay %1 (%2)").arg(entityPath, subQueueLabel(subQueue)));
    auto* layout = new QVBoxLayout(this);
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("repairSummaryLabel"));
    m_summary->setWordWrap(true);
    layout->addWidget(m_summary);

    auto* which = new QGroupBox(tr("Messages"), this);
    auto* whichLayout = new QVBoxLayout(which);
    m_all = new QRadioButton(tr("&All of them"), which);
    m_all->setObjectName(QStringLiteral("replayAllRadio"));
    m_all->setChecked(true);
    m_filtered = new QRadioButton(tr("Only those &matching:"), which);
    m_filtered->setObjectName(QStringLiteral("replayFilterRadio"));
    whichLayout->addWidget(m_all);
    whichLayout->addWidget(m_filtered);
    whichLayout->addWidget(buildFilter());
    layout->addWidget(which);

    m_target = new RepairTargetBox(sessions, source, defaultTarget, this);
    layout->addWidget(m_target);
    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("repairErrorLabel"));
    m_error->setWordWrap(true);
    m_error->hide();
    layout->addWidget(m_error);
    auto* buttons = new QDialogButtonBox(this);
    m_button = buttons->addButton(tr("&Replay…"), QDialogButtonBox::AcceptRole);
    m_button->setObjectName(QStringLiteral("replayButton"));
    buttons->addButton(QDialogButtonBox::Cancel)->setObjectName(QStringLiteral("cancelButton"));
    layout->addWidget(buttons);

    connect(m_button, &QPushButton::clicked, this, &ReplayDialog::submit);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_target, &RepairTargetBox::changed, this, &ReplayDialog::refresh);
    connect(m_filtered, &QRadioButton::toggled, this, [this](bool on) {
        m_filter->setEnabled(on);
        refresh();
    });
    readSource();
    refresh();
}

QWidget* ReplayDialog::buildFilter() {
    m_filter = new QWidget(this);
    m_filter->setObjectName(QStringLiteral("replayFilter"));
    m_filter->setEnabled(false);
    auto* form = new QFormLayout(m_filter);
    m_reason = new QComboBox(m_filter);
    m_reason->setObjectName(QStringLiteral("replayReasonCombo"));
    m_reason->setEditable(true);
    m_reason->setInsertPolicy(QComboBox::NoInsert);
    m_reason->lineEdit()->setPlaceholderText(tr("any reason"));
    m_reason->addItem(QString());
    form->addRow(tr("Dead-letter &reason:"), m_reason);

    const auto timeRow = [this, form](const QString& label, const QString& name, QCheckBox*& check,
                                      QDateTimeEdit*& edit) {
        auto* row = new QHBoxLayout;
        check = new QCheckBox(label, m_filter);
        check->setObjectName(name + QStringLiteral("Check"));
        edit = new QDateTimeEdit(QDateTime::currentDateTimeUtc(), m_filter);
        edit->setObjectName(name + QStringLiteral("Edit"));
        edit->setTimeSpec(Qt::UTC);
        edit->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm:ss 'UTC'"));
        edit->setCalendarPopup(true);
        edit->setEnabled(false);
        connect(check, &QCheckBox::toggled, edit, &QWidget::setEnabled);
        connect(check, &QCheckBox::toggled, this, &ReplayDialog::refresh);
        connect(edit, &QDateTimeEdit::dateTimeChanged, this, &ReplayDialog::refresh);
        row->addWidget(check);
        row->addWidget(edit, 1);
        form->addRow(row);
    };
    timeRow(tr("Enqueued &from"), QStringLiteral("replayFrom"), m_fromCheck, m_from);
    timeRow(tr("Enqueued &before"), QStringLiteral("replayBefore"), m_beforeCheck, m_before);

    m_sql = new QLineEdit(m_filter);
    m_sql->setObjectName(QStringLiteral("replaySqlEdit"));
    m_sql->setPlaceholderText(tr("e.g. sys.Label = 'order' AND retries > 2"));
    form->addRow(tr("&SQL filter:"), m_sql);
    m_sqlError = new QLabel(m_filter);
    m_sqlError->setObjectName(QStringLiteral("replaySqlError"));
    m_sqlError->setWordWrap(true);
    m_sqlError->hide();
    form->addRow(m_sqlError);
    m_text = new QLineEdit(m_filter);
    m_text->setObjectName(QStringLiteral("replayTextEdit"));
    m_text->setPlaceholderText(tr("in the message id, subject or body"));
    form->addRow(tr("&Text:"), m_text);

    connect(m_reason, &QComboBox::editTextChanged, this, &ReplayDialog::refresh);
    connect(m_sql, &QLineEdit::textChanged, this, &ReplayDialog::refresh);
    connect(m_text, &QLineEdit::textChanged, this, &ReplayDialog::refresh);
    return m_filter;
}

void ReplayDialog::addKnownReasons(const QStringList& reasons) {
    const QSignalBlocker blocker(m_reason);
    const QString typed = m_reason->currentText();
    for (const QString& reason : reasons) {
        if (!reason.isEmpty() && m_reason->findText(reason) < 0) {
            m_reason->addItem(reason);
        }
    }
    m_reason->setEditText(typed);
}

QStringList ReplayDialog::knownReasons() const {
    QStringList out;
    for (int i = 0; i < m_reason->count(); ++i) {
        if (!m_reason->itemText(i).isEmpty()) {
            out.append(m_reason->itemText(i));
        }
    }
    return out;
}

void ReplayDialog::readSource() {
    if (m_source == nullptr) {
        return;
    }
    whenFinished(m_source->client()->peek(m_entityPath, m_subQueue, 0, kReasonPeek), this,
                 [this](const Result<QList<ServiceBusMessage>>& peeked) {
                     QStringList reasons;
                     for (const ServiceBusMessage& m :
                          peeked.value_or(QList<ServiceBusMessage>{})) {
                         if (!reasons.contains(m.deadLetterReason)) {
                             reasons.append(m.deadLetterReason);
                         }
                     }
                     addKnownReasons(reasons);
                     Q_EMIT sourceRead();
                 });
    AdminClient* admin = m_source->admin();
    if (admin == nullptr) {
        return;
    }
    const auto noteCount = [this](const EntityRuntimeInfo& runtime) {
        m_count = countIn(runtime, m_subQueue);
        refresh();
        Q_EMIT sourceRead();
    };
    const qsizetype split =
        m_entityPath.indexOf(QStringLiteral("/subscriptions/"), 0, Qt::CaseInsensitive);
    if (split < 0) {
        whenFinished(admin->getQueue(m_entityPath), this,
                     [noteCount](const Result<AtomItem<QueueDescription>>& queue) {
                         if (queue) {
                             noteCount(queue->runtime);
                         }
                     });
    } else {
        const QString topic = m_entityPath.left(split);
        const QString name = m_entityPath.mid(split + qsizetype(qstrlen("/subscriptions/")));
        whenFinished(admin->getSubscription(topic, name), this,
                     [noteCount](const Result<AtomItem<SubscriptionDescription>>& sub) {
                         if (sub) {
                             noteCount(sub->runtime);
                         }
                     });
    }
}

QString ReplayDialog::sqlError() const {
    return m_sqlError->isHidden() ? QString() : m_sqlError->text();
}

QString ReplayDialog::errorText() const {
    return m_error->isHidden() ? QString() : m_error->text();
}

Result<RepairRequest> ReplayDialog::request() const {
    RepairRequest request;
    request.replay = true;
    request.source = m_source;
    if (m_source == nullptr) {
        return fail(ErrorCode::InvalidInput, tr("The namespace was closed."));
    }
    request.options.sourceEntity = m_entityPath;
    request.options.sourceSubQueue = m_subQueue;
    MessageSelection& selection = request.options.selection;
    if (m_filtered->isChecked()) {
        selection.mode = MessageSelection::Mode::Filter;
        if (const QString reason = m_reason->currentText().trimmed(); !reason.isEmpty()) {
            selection.deadLetterReason = reason;
        }
        if (m_fromCheck->isChecked()) {
            selection.enqueuedFrom = m_from->dateTime().toUTC();
        }
        if (m_beforeCheck->isChecked()) {
            selection.enqueuedBefore = m_before->dateTime().toUTC();
        }
        selection.sql = m_sql->text().trimmed();
        selection.text = m_text->text().trimmed();
        if (!selection.sql.isEmpty()) {
            if (Result<SqlFilter> parsed = SqlFilter::parse(selection.sql); !parsed) {
                return fail(ErrorCode::InvalidInput,
                            tr("Invalid SQL filter: %1").arg(parsed.error().message));
            }
        }
        if (!selection.deadLetterReason && !selection.enqueuedFrom && !selection.enqueuedBefore &&
            selection.sql.isEmpty() && selection.text.isEmpty()) {
            return fail(ErrorCode::InvalidInput, tr("Set at least one filter, or choose all."));
        }
        request.count = -1; // known only once the job has looked
    } else {
        selection = MessageSelection::all();
        request.count = m_count;
    }
    QString error;
    if (!m_target->fill(request, error)) {
        return fail(ErrorCode::InvalidInput, error);
    }
    return request;
}

void ReplayDialog::refresh() {
    // The SQL is checked on its own, as typed, so its error sits under the field.
    QString sqlProblem;
    if (const QString sql = m_sql->text().trimmed(); !sql.isEmpty()) {
        if (Result<SqlFilter> parsed = SqlFilter::parse(sql); !parsed) {
            sqlProblem = tr("Invalid SQL filter: %1").arg(parsed.error().message);
        }
    }
    m_sqlError->setText(sqlProblem);
    m_sqlError->setVisible(!sqlProblem.isEmpty());

    const Result<RepairRequest> now = request();
    if (now) {
        m_summary->setText(now->summary());
    }
    const bool onlySql = !now && !sqlProblem.isEmpty();
    m_error->setText(now || onlySql ? QString() : now.error().message);
    m_error->setVisible(!now && !onlySql);
    m_button->setEnabled(now.has_value());
}

void ReplayDialog::submit() {
    const Result<RepairRequest> now = request();
    if (!now) {
        refresh();
        return;
    }
    if (m_submit && m_submit(*now)) {
        accept();
    }
}

} // namespace busbar
