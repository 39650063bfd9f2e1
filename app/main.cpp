#include "ui/main/MainWindow.h"

#include <QApplication>

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    busbar::MainWindow window;
    window.show();
    return app.exec();
}
