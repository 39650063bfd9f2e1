#pragma once

#include <QMainWindow>

namespace busbar {

class MainWindow final : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
};

} // namespace busbar
