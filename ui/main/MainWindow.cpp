#include "ui/main/MainWindow.h"

namespace busbar {

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent) {
    setWindowTitle(QStringLiteral("Busbar"));
    setObjectName(QStringLiteral("mainWindow"));
}

} // namespace busbar
