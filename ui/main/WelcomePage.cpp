#include "ui/main/WelcomePage.h"

#include <QAction>
#include <QLabel>
#include <QToolButton>
#include <QVBoxLayout>

namespace busbar {

namespace {

QToolButton* makeButton(QAction* action, const QString& objectName, QWidget* parent) {
    auto* button = new QToolButton(parent);
    button->setObjectName(objectName);
    button->setDefaultAction(action);
    button->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    button->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    button->setMinimumHeight(40);
    return button;
}

} // namespace

WelcomePage::WelcomePage(QAction* openLocal, QAction* connect, QAction* signInAzureCli,
                         QWidget* parent)
    : QWidget(parent) {
    setObjectName(QStringLiteral("welcomePage"));

    auto* title = new QLabel(tr("Welcome to Busbar"), this);
    title->setObjectName(QStringLiteral("welcomeTitle"));
    QFont titleFont = title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.6);
    titleFont.setBold(true);
    title->setFont(titleFont);

    auto* intro = new QLabel(tr("Browse a Service Bus namespace, peek and receive messages, and "
                                "repair dead letters. Choose a way in:"),
                             this);
    intro->setObjectName(QStringLiteral("welcomeIntro"));
    intro->setWordWrap(true);

    auto* column = new QWidget(this);
    // A fixed width lets the word-wrapped intro compute its height; centred columns otherwise
    // get their size hint and clip the text.
    column->setFixedWidth(480);
    auto* columnLayout = new QVBoxLayout(column);
    columnLayout->setSpacing(12);
    columnLayout->addWidget(title);
    columnLayout->addWidget(intro);
    columnLayout->addWidget(
        makeButton(openLocal, QStringLiteral("welcomeOpenLocalButton"), column));
    columnLayout->addWidget(
        makeButton(connect, QStringLiteral("welcomeConnectionStringButton"), column));
    columnLayout->addWidget(
        makeButton(signInAzureCli, QStringLiteral("welcomeAzureCliButton"), column));

    auto* layout = new QVBoxLayout(this);
    layout->addStretch(1);
    layout->addWidget(column, 0, Qt::AlignHCenter);
    layout->addStretch(2);
}

} // namespace busbar
