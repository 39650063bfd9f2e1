#pragma once

#include "core/jobs/JobManager.h"

#include <QFrame>
#include <QHash>

class QLabel;
class QVBoxLayout;

namespace busbar {

// The non-blocking offer above the jobs list: "N jobs from an earlier session did not
// finish", each with its title, how far its journal got, and Resume / Discard. Hidden when
// there is nothing to offer. Rows are named "resumeOffer-<job id>" (buttons
// "resumeButton-<id>", "discardButton-<id>") for tests and accessibility.
class ResumeBanner final : public QFrame {
    Q_OBJECT
public:
    explicit ResumeBanner(QWidget* parent = nullptr);

    void setOffers(const QList<JobDescription>& offers);
    [[nodiscard]] int offerCount() const { return int(m_rows.size()); }
    [[nodiscard]] QString headline() const;

    // The job is resuming: its row says so and its buttons wait.
    void markResuming(const QString& id);
    // Resuming failed: the row says why and can be tried again or discarded.
    void markFailed(const QString& id, const QString& why);
    // Resumed or discarded: the row goes.
    void removeOffer(const QString& id);

Q_SIGNALS:
    void resumeRequested(const busbar::JobDescription& description);
    void discardRequested(const busbar::JobDescription& description);

private:
    struct Row {
        QWidget* widget = nullptr;
        QLabel* status = nullptr;
        QList<QWidget*> buttons;
        QString details;
    };
    void addRow(const JobDescription& description);
    void updateHeadline();

    QLabel* m_headline = nullptr;
    QVBoxLayout* m_rowsLayout = nullptr;
    QHash<QString, Row> m_rows;
};

} // namespace busbar
