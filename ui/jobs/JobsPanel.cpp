#include "ui/jobs/JobsPanel.h"

#include "core/jobs/JobManager.h"
#include "ui/jobs/JobProgressDelegate.h"
#include "ui/jobs/JobReportDialog.h"
#include "ui/jobs/JobsModel.h"
#include "ui/jobs/ResumeBanner.h"
#include "ui/widgets/ConfirmationPrompt.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QPushButton>
#include <QTreeView>
#include <QVBoxLayout>

namespace busbar {

namespace {

// Cancelling these leaves part of the work done for good (messages removed or moved).
bool removesMessages(const QString& kind) {
    return kind == QLatin1String("purge") || kind == QLatin1String("resubmit");
}

} // namespace

JobsPanel::JobsPanel(QWidget* parent)
    : QWidget(parent)
    , m_model(new JobsModel(nullptr, this))
    , m_banner(new ResumeBanner(this))
    , m_placeholder(
          new QLabel(tr("No jobs yet. Purge, resubmit, export and import run here."), this))
    , m_view(new QTreeView(this))
    , m_pause(new QPushButton(tr("&Pause"), this))
    , m_resume(new QPushButton(tr("Res&ume"), this))
    , m_cancel(new QPushButton(tr("&Cancel job"), this))
    , m_report(new QPushButton(tr("Show &report"), this))
    , m_removeFinished(new QPushButton(tr("Remove &finished"), this)) {
    setObjectName(QStringLiteral("jobsPanel"));

    m_placeholder->setObjectName(QStringLiteral("jobsPlaceholder"));
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setEnabled(false); // drawn in the palette's disabled text colour

    m_view->setObjectName(QStringLiteral("jobsView"));
    m_view->setAccessibleName(tr("Jobs"));
    m_view->setRootIsDecorated(false);
    m_view->setUniformRowHeights(true);
    m_view->setAllColumnsShowFocus(true);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    m_view->setItemDelegateForColumn(JobsModel::ProgressColumn, new JobProgressDelegate(m_view));
    m_view->setModel(m_model);
    m_view->header()->setStretchLastSection(false);
    m_view->header()->setSectionResizeMode(JobsModel::TitleColumn, QHeaderView::Stretch);
    m_view->header()->resizeSection(JobsModel::ProgressColumn, 200);
    m_view->header()->resizeSection(JobsModel::StateColumn, 160);
    connect(m_view, &QWidget::customContextMenuRequested, this, &JobsPanel::showContextMenu);
    connect(m_view, &QAbstractItemView::doubleClicked, this,
            [this] { showReport(currentJobId()); });

    const std::pair<QPushButton*, const char*> names[] = {
        {m_pause, "jobsPauseButton"},
        {m_resume, "jobsResumeButton"},
        {m_cancel, "jobsCancelButton"},
        {m_report, "jobsReportButton"},
        {m_removeFinished, "jobsRemoveFinishedButton"},
    };
    auto* buttons = new QHBoxLayout;
    buttons->addStretch();
    for (const auto& [button, name] : names) {
        button->setObjectName(QString::fromLatin1(name));
        buttons->addWidget(button);
    }
    connect(m_pause, &QPushButton::clicked, this, &JobsPanel::pauseCurrent);
    connect(m_resume, &QPushButton::clicked, this, &JobsPanel::resumeCurrent);
    connect(m_cancel, &QPushButton::clicked, this, &JobsPanel::cancelCurrent);
    connect(m_report, &QPushButton::clicked, this, [this] { showReport(currentJobId()); });
    connect(m_removeFinished, &QPushButton::clicked, this, &JobsPanel::removeFinished);

    connect(m_banner, &ResumeBanner::resumeRequested, this, &JobsPanel::resumeOffered);
    connect(m_banner, &ResumeBanner::discardRequested, this, &JobsPanel::discardOffered);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_banner);
    layout->addWidget(m_placeholder);
    layout->addWidget(m_view);
    layout->addLayout(buttons);
    updatePlaceholder();
    updateButtons();
}

void JobsPanel::setJobManager(JobManager* manager) {
    m_manager = manager;
    auto* model = new JobsModel(manager, this);
    m_view->setModel(model);
    delete m_model;
    m_model = model;
    for (const auto signal :
         {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved}) {
        connect(model, signal, this, [this] {
            updatePlaceholder();
            updateButtons();
        });
    }
    connect(model, &QAbstractItemModel::dataChanged, this, &JobsPanel::updateButtons);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &JobsPanel::updateButtons);
    if (manager != nullptr) {
        // A new job becomes the current row, so its buttons are at hand.
        connect(manager, &JobManager::jobAdded, this, &JobsPanel::selectJob);
        // The current job's buttons follow its state at once, not on the model's batch timer.
        connect(manager, &JobManager::jobChanged, this, [this](const QString& id) {
            if (id == currentJobId()) {
                updateButtons();
            }
        });
        connect(manager, &JobManager::runningCountChanged, this, [this](int count) {
            m_running = count;
            Q_EMIT runningJobsChanged(count);
        });
        m_running = manager->runningCount();
        Q_EMIT runningJobsChanged(m_running);
    }
    updatePlaceholder();
    updateButtons();
}

void JobsPanel::setConnector(JobResumer::Connect connect) {
    delete m_resumer;
    m_resumer = new JobResumer(m_manager, std::move(connect), this);
    QObject::connect(m_resumer, &JobResumer::resumed, this, [this](const QString& id) {
        m_banner->removeOffer(id);
        const JobManager* manager = m_manager.data();
        Q_EMIT report(LogLevel::Info,
                      tr("Resumed: %1").arg(manager ? manager->description(id).title : id));
    });
    QObject::connect(m_resumer, &JobResumer::failed, this,
                     [this](const QString& id, const QString& why) {
                         m_banner->markFailed(id, why);
                         Q_EMIT report(LogLevel::Error, tr("Could not resume a job: %1").arg(why));
                     });
}

void JobsPanel::offerUnfinished() {
    const JobManager* manager = m_manager.data();
    m_banner->setOffers(manager != nullptr ? manager->unfinished() : QList<JobDescription>());
}

void JobsPanel::resumeOffered(const JobDescription& description) {
    if (m_resumer == nullptr) {
        m_banner->markFailed(description.id, tr("no namespace can be opened here"));
        return;
    }
    m_banner->markResuming(description.id);
    m_resumer->resume(description);
}

void JobsPanel::discardOffered(const JobDescription& description) {
    if (JobManager* manager = m_manager.data(); manager != nullptr) {
        manager->discard(description);
    }
    m_banner->removeOffer(description.id);
    Q_EMIT report(LogLevel::Info, tr("Discarded the unfinished job: %1").arg(description.title));
}

QString JobsPanel::currentJobId() const {
    return m_model->jobId(m_view->currentIndex().row());
}

void JobsPanel::selectJob(const QString& id) {
    const int row = m_model->rowOf(id);
    if (row >= 0) {
        m_view->setCurrentIndex(m_model->index(row, 0));
    }
}

// Each action reads m_manager once and uses that pointer throughout: two reads of a
// QPointer may disagree, so a null check on one read does not cover a dereference of the next.

void JobsPanel::pauseCurrent() {
    JobManager* manager = m_manager.data();
    if (Job* job = manager != nullptr ? manager->job(currentJobId()) : nullptr) {
        job->pause();
    }
}

void JobsPanel::resumeCurrent() {
    const QString id = currentJobId();
    JobManager* manager = m_manager.data();
    Job* job = manager != nullptr ? manager->job(id) : nullptr;
    if (manager == nullptr || job == nullptr) {
        return;
    }
    if (job->state() == JobState::Failed) {
        // Failed jobs stay resumable: re-created from the description, on their journal.
        if (m_resumer != nullptr) {
            m_resumer->resume(manager->description(id));
        }
        return;
    }
    job->resume();
}

void JobsPanel::cancelCurrent() {
    const QString id = currentJobId();
    JobManager* manager = m_manager.data();
    Job* job = manager != nullptr ? manager->job(id) : nullptr;
    if (manager == nullptr || job == nullptr || job->isFinished()) {
        return;
    }
    const JobDescription description = manager->description(id);
    if (removesMessages(description.kind)) {
        if (m_prompt == nullptr) {
            return; // nobody to ask: never stop half-way without asking
        }
        const JobProgress progress = job->progress();
        ConfirmationRequest request;
        request.title = tr("Cancel this job?");
        request.text = tr("Cancel \"%1\"?").arg(description.title);
        request.details = tr("%1 message(s) already done stay done; the rest stay where they are. "
                             "The job stops after the step in flight.")
                              .arg(QLocale().toString(progress.done));
        request.confirmLabel = tr("Cancel job");
        if (!m_prompt->confirm(this, request)) {
            return;
        }
        manager = m_manager.data(); // the prompt ran an event loop: look again
        job = manager != nullptr ? manager->job(id) : nullptr;
        if (job == nullptr) {
            return;
        }
    }
    job->cancel();
}

JobReportDialog* JobsPanel::showReport(const QString& id) {
    JobManager* manager = m_manager.data();
    Job* job = manager != nullptr ? manager->job(id) : nullptr;
    if (manager == nullptr || job == nullptr) {
        return nullptr;
    }
    const QString name = QStringLiteral("jobReportDialog-%1").arg(id);
    if (auto* open = findChild<JobReportDialog*>(name); open != nullptr) {
        open->raise();
        open->activateWindow();
        return open;
    }
    auto* dialog = new JobReportDialog(job, manager->description(id).title, this);
    dialog->setObjectName(name);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
    return dialog;
}

void JobsPanel::removeFinished() {
    // The manager outlives this call (nothing here returns to the event loop), so one read
    // of the guard serves the whole loop.
    JobManager* manager = m_manager.data();
    if (manager == nullptr) {
        return;
    }
    for (const QString& id : manager->jobIds()) {
        if (const Job* job = manager->job(id); job != nullptr && job->isFinished()) {
            if (auto* dialog =
                    findChild<JobReportDialog*>(QStringLiteral("jobReportDialog-%1").arg(id));
                dialog != nullptr) {
                dialog->close(); // it shows a job about to go
            }
            manager->forget(id);
        }
    }
}

void JobsPanel::showContextMenu(const QPoint& position) {
    const QModelIndex index = m_view->indexAt(position);
    if (index.isValid()) {
        m_view->setCurrentIndex(index);
    }
    updateButtons();
    auto* menu = new QMenu(this);
    menu->setObjectName(QStringLiteral("jobsContextMenu"));
    menu->setAttribute(Qt::WA_DeleteOnClose);
    for (QPushButton* button : {m_pause, m_resume, m_cancel, m_report, m_removeFinished}) {
        QAction* action = menu->addAction(button->text(), button, &QPushButton::click);
        action->setEnabled(button->isEnabled());
        action->setObjectName(button->objectName() + QStringLiteral("Action"));
    }
    menu->popup(m_view->viewport()->mapToGlobal(position));
}

void JobsPanel::updateButtons() {
    JobManager* manager = m_manager.data();
    const Job* job = manager != nullptr ? manager->job(currentJobId()) : nullptr;
    const JobState state = job != nullptr ? job->state() : JobState::Completed;
    m_pause->setEnabled(job != nullptr && state == JobState::Running);
    m_resume->setEnabled(job != nullptr && (state == JobState::Paused ||
                                            (state == JobState::Failed && m_resumer != nullptr)));
    m_cancel->setEnabled(job != nullptr && !job->isFinished());
    m_report->setEnabled(job != nullptr);
    bool anyFinished = false;
    if (manager != nullptr) {
        for (const QString& id : manager->jobIds()) {
            if (const Job* other = manager->job(id); other != nullptr && other->isFinished()) {
                anyFinished = true;
                break;
            }
        }
    }
    m_removeFinished->setEnabled(anyFinished);
}

void JobsPanel::updatePlaceholder() {
    const bool empty = m_model->rowCount() == 0;
    m_placeholder->setVisible(empty);
    m_view->setVisible(!empty);
}

} // namespace busbar
