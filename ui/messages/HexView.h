#pragma once

#include <QAbstractScrollArea>
#include <QByteArray>

namespace busbar {

// A read-only hex dump (offset, 16 bytes in hex, their printable characters) that formats
// and paints only the rows in view, so a 10 MB body scrolls as smoothly as a 10 byte one.
class HexView final : public QAbstractScrollArea {
    Q_OBJECT
public:
    static constexpr int kBytesPerRow = 16;

    explicit HexView(QWidget* parent = nullptr);

    void setData(const QByteArray& data);
    [[nodiscard]] const QByteArray& data() const { return m_data; }
    [[nodiscard]] qint64 rowCount() const;
    // "00000010  48 65 6c 6c 6f ...  Hello..." (what row `row` shows).
    [[nodiscard]] QString rowText(qint64 row) const;
    [[nodiscard]] qint64 firstVisibleRow() const;
    // How many rows the last paint formatted (tests check it stays near a screenful).
    [[nodiscard]] int lastPaintedRows() const { return m_lastPaintedRows; }

protected:
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;

private:
    void updateScrollBars();
    [[nodiscard]] int rowHeight() const;
    [[nodiscard]] int visibleRows() const;

    QByteArray m_data;
    int m_lastPaintedRows = 0;
};

} // namespace busbar
