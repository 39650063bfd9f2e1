#include "ui/settings/ThemeApplier.h"

#include <QApplication>
#include <QStyle>
#include <QTest>

using namespace busbar;

class tst_ThemeApplier : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void darkIsDarkLightIsLightSystemRestores() {
        const QString systemStyle = QApplication::style()->name();
        const QPalette systemPalette = QApplication::palette();
        ThemeApplier applier;

        applier.apply(Theme::Dark);
        const QPalette dark = QApplication::palette();
        QVERIFY(dark.color(QPalette::Window).lightness() < 100);
        // Text must stand out from its background.
        QVERIFY(dark.color(QPalette::Text).lightness() - dark.color(QPalette::Base).lightness() >
                150);
        QCOMPARE(QApplication::style()->name().toLower(), QStringLiteral("fusion"));

        applier.apply(Theme::Light);
        QVERIFY(QApplication::palette().color(QPalette::Window).lightness() > 180);

        applier.apply(Theme::System);
        QCOMPARE(QApplication::style()->name(), systemStyle);
        QCOMPARE(QApplication::palette().color(QPalette::Window),
                 systemPalette.color(QPalette::Window));
    }
};

QTEST_MAIN(tst_ThemeApplier)
#include "tst_ThemeApplier.moc"
