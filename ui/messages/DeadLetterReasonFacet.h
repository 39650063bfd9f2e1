#pragma once

#include <QHash>
#include <QListWidget>

#include <optional>

namespace busbar {

// The facet beside a dead-letter table: every dead-letter reason of the loaded messages with
// its count, most frequent first, and "All reasons" on top. A click filters the table.
class DeadLetterReasonFacet final : public QListWidget {
    Q_OBJECT
public:
    explicit DeadLetterReasonFacet(QWidget* parent = nullptr);

    // Keeps the chosen reason selected when its count changes.
    void setCounts(const QHash<QString, int>& counts);
    [[nodiscard]] std::optional<QString> selectedReason() const { return m_selected; }
    [[nodiscard]] int countOf(const QString& reason) const;
    void selectReason(const std::optional<QString>& reason);

Q_SIGNALS:
    void reasonChosen(const std::optional<QString>& reason); // nullopt = all

private:
    std::optional<QString> m_selected;
    QHash<QString, int> m_counts;
};

} // namespace busbar
