#pragma once

class QLabel;
class QString;
class QWidget;

namespace busbar {

// The hidden, highlighted line a dialog shows above its buttons to say what went wrong and what
// to do (object name "banner", selectable so the text can be copied into a ticket).
[[nodiscard]] QLabel* createMessageBanner(QWidget* parent);
// Shows `message` in the banner; an empty message hides it.
void showBannerMessage(QLabel* banner, const QString& message);

} // namespace busbar
