#include "ui/messages/DeadLetterReasonFacet.h"

#include <QLocale>

#include <algorithm>

namespace busbar {

namespace {
constexpr int kReasonRole = Qt::UserRole + 1;
constexpr int kIsAllRole = Qt::UserRole + 2;
} // namespace

DeadLetterReasonFacet::DeadLetterReasonFacet(QWidget* parent)
    : QListWidget(parent) {
    setObjectName(QStringLiteral("reasonFacet"));
    setAccessibleName(tr("Dead-letter reasons"));
    setSelectionMode(QAbstractItemView::SingleSelection);
    connect(this, &QListWidget::itemClicked, this, [this](QListWidgetItem* item) {
        const std::optional<QString> reason =
            item->data(kIsAllRole).toBool()
                ? std::nullopt
                : std::optional<QString>(item->data(kReasonRole).toString());
        if (reason != m_selected) {
            m_selected = reason;
            Q_EMIT reasonChosen(reason);
        }
    });
    setCounts({});
}

void DeadLetterReasonFacet::setCounts(const QHash<QString, int>& counts) {
    m_counts = counts;
    QList<std::pair<QString, int>> sorted;
    int total = 0;
    for (auto it = counts.cbegin(); it != counts.cend(); ++it) {
        sorted.append({it.key(), it.value()});
        total += it.value();
    }
    std::sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) {
        return a.second != b.second ? a.second > b.second : a.first < b.first;
    });
    const QSignalBlocker blocker(this);
    clear();
    auto* all = new QListWidgetItem(tr("All reasons  %1").arg(QLocale().toString(total)), this);
    all->setData(kIsAllRole, true);
    if (!m_selected) {
        all->setSelected(true);
    }
    for (const auto& [reason, count] : sorted) {
        auto* item = new QListWidgetItem(
            tr("%1  %2").arg(reason.isEmpty() ? tr("(none)") : reason, QLocale().toString(count)),
            this);
        item->setData(kReasonRole, reason);
        item->setToolTip(reason);
        if (m_selected && *m_selected == reason) {
            item->setSelected(true);
        }
    }
}

int DeadLetterReasonFacet::countOf(const QString& reason) const {
    return m_counts.value(reason);
}

void DeadLetterReasonFacet::selectReason(const std::optional<QString>& reason) {
    for (int i = 0; i < count(); ++i) {
        QListWidgetItem* entry = item(i);
        const bool isAll = entry->data(kIsAllRole).toBool();
        if ((!reason && isAll) || (reason && !isAll && entry->data(kReasonRole) == *reason)) {
            Q_EMIT itemClicked(entry);
            entry->setSelected(true);
            return;
        }
    }
}

} // namespace busbar
