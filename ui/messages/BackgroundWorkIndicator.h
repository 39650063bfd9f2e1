#pragma once

#include "ui/messages/MessageFilterProxy.h"

#include <QWidget>

class QLabel;

namespace busbar {

// A busy bar and "Sorting…" / "Filtering…" shown while the filter proxy's worker pass runs:
// the rows on screen are the previous pass's meanwhile, and this says a new order is coming.
class BackgroundWorkIndicator final : public QWidget {
    Q_OBJECT

public:
    explicit BackgroundWorkIndicator(QWidget* parent = nullptr);

    // `rows`: how many loaded messages the pass works on, for the tooltip.
    void showWork(MessageFilterProxy::Work work, qint64 rows, bool busy);
    // What it says while shown; empty when hidden.
    [[nodiscard]] QString text() const;

private:
    QLabel* m_label = nullptr;
};

} // namespace busbar
