#pragma once

#include <QWidget>

class QAction;

namespace busbar {

// What the centre shows while no entity is open: the three ways in from ux.md (local
// namespace, connection string, Azure CLI). Its buttons mirror the actions they are given,
// so they enable themselves when the feature does.
class WelcomePage final : public QWidget {
    Q_OBJECT
public:
    WelcomePage(QAction* openLocal, QAction* connect, QAction* signInAzureCli,
                QWidget* parent = nullptr);
};

} // namespace busbar
