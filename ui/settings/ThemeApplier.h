#pragma once

#include "core/settings/Settings.h"

#include <QPalette>
#include <QString>

namespace busbar {

// Applies the Theme setting to the whole application. System restores the style and palette
// the platform gave at start-up; Light and Dark use Fusion, the one style that honours a
// custom palette everywhere. The dark palette's colours are the only hard-coded ones in the
// UI, chosen for contrast with the default text and highlight.
class ThemeApplier final {
public:
    // Remembers the platform's style and palette; construct once QApplication exists.
    ThemeApplier();

    void apply(Theme theme);

private:
    QString m_systemStyle;
    QPalette m_systemPalette;
};

} // namespace busbar
