#include "ui/messages/HexView.h"

#include <QFontDatabase>
#include <QKeyEvent>
#include <QPainter>
#include <QScrollBar>

namespace busbar {

namespace {

// The scroll bar counts rows in an int; a row per 16 bytes covers 32 GB, far past any body.
char hexDigit(int value) {
    return "0123456789abcdef"[value & 0xf];
}

} // namespace

HexView::HexView(QWidget* parent)
    : QAbstractScrollArea(parent) {
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    setFocusPolicy(Qt::StrongFocus);
    setAccessibleName(tr("Hex view"));
    updateScrollBars();
}

void HexView::setData(const QByteArray& data) {
    m_data = data;
    verticalScrollBar()->setValue(0);
    updateScrollBars();
    viewport()->update();
}

qint64 HexView::rowCount() const {
    return (m_data.size() + kBytesPerRow - 1) / kBytesPerRow;
}

QString HexView::rowText(qint64 row) const {
    const qint64 offset = row * kBytesPerRow;
    if (row < 0 || offset >= m_data.size()) {
        return {};
    }
    QString text = QStringLiteral("%1  ").arg(offset, 8, 16, QLatin1Char('0'));
    QString printable;
    for (int i = 0; i < kBytesPerRow; ++i) {
        if (offset + i < m_data.size()) {
            const auto byte = static_cast<unsigned char>(m_data.at(offset + i));
            text += QLatin1Char(hexDigit(byte >> 4));
            text += QLatin1Char(hexDigit(byte));
            text += QLatin1Char(' ');
            printable += (byte >= 0x20 && byte < 0x7f) ? QLatin1Char(char(byte)) : QLatin1Char('.');
        } else {
            text += QLatin1String("   ");
        }
        if (i == kBytesPerRow / 2 - 1) {
            text += QLatin1Char(' ');
        }
    }
    return text + QLatin1Char(' ') + printable;
}

int HexView::rowHeight() const {
    return fontMetrics().height();
}

int HexView::visibleRows() const {
    return qMax(1, viewport()->height() / qMax(1, rowHeight()));
}

qint64 HexView::firstVisibleRow() const {
    return verticalScrollBar()->value();
}

void HexView::updateScrollBars() {
    const qint64 rows = rowCount();
    verticalScrollBar()->setRange(0, int(qMax<qint64>(0, rows - visibleRows())));
    verticalScrollBar()->setPageStep(visibleRows());
    verticalScrollBar()->setSingleStep(1);
    const int width = fontMetrics().horizontalAdvance(QLatin1Char('0')) * (8 + 2 + 3 * 16 + 2 + 16);
    horizontalScrollBar()->setRange(0, qMax(0, width - viewport()->width()));
    horizontalScrollBar()->setPageStep(viewport()->width());
}

void HexView::resizeEvent(QResizeEvent* event) {
    QAbstractScrollArea::resizeEvent(event);
    updateScrollBars();
}

void HexView::paintEvent(QPaintEvent* event) {
    Q_UNUSED(event);
    QPainter painter(viewport());
    painter.setPen(palette().color(QPalette::Text));
    const int height = rowHeight();
    const qint64 first = firstVisibleRow();
    const qint64 last = qMin(rowCount(), first + visibleRows() + 1);
    const int x = -horizontalScrollBar()->value() + 4;
    int painted = 0;
    for (qint64 row = first; row < last; ++row, ++painted) {
        const int y = int(row - first) * height + fontMetrics().ascent();
        painter.drawText(x, y, rowText(row));
    }
    m_lastPaintedRows = painted;
}

void HexView::keyPressEvent(QKeyEvent* event) {
    QScrollBar* bar = verticalScrollBar();
    switch (event->key()) {
    case Qt::Key_Home:
        bar->setValue(bar->minimum());
        return;
    case Qt::Key_End:
        bar->setValue(bar->maximum());
        return;
    case Qt::Key_PageDown:
        bar->triggerAction(QAbstractSlider::SliderPageStepAdd);
        return;
    case Qt::Key_PageUp:
        bar->triggerAction(QAbstractSlider::SliderPageStepSub);
        return;
    case Qt::Key_Down:
        bar->triggerAction(QAbstractSlider::SliderSingleStepAdd);
        return;
    case Qt::Key_Up:
        bar->triggerAction(QAbstractSlider::SliderSingleStepSub);
        return;
    default:
        QAbstractScrollArea::keyPressEvent(event);
    }
}

} // namespace busbar
