#pragma once

#include <QSet>
#include <QTableView>

namespace busbar {

// The message table: rows of one height (cheap to lay out at a million rows), sortable by a
// header click, columns shown or hidden from the header's context menu. Reports the current
// message by sequence number, whatever proxy sits in between.
class MessageTableView final : public QTableView {
    Q_OBJECT
public:
    explicit MessageTableView(QWidget* parent = nullptr);

    void setModel(QAbstractItemModel* model) override;
    // Shows the default column set (the rarely needed ones hidden).
    void applyDefaultColumns();
    // Columns the user hid; kept across model resets (a sub-view switch resets the proxy).
    void setHiddenColumns(const QSet<int>& columns);
    [[nodiscard]] QSet<int> hiddenColumns() const { return m_hidden; }
    // -1 when nothing is current.
    [[nodiscard]] qint64 currentSequenceNumber() const;

Q_SIGNALS:
    void currentMessageChanged(qint64 sequenceNumber);

private:
    void showHeaderMenu(const QPoint& position);
    void applyHiddenColumns();

    QSet<int> m_hidden;
};

} // namespace busbar
