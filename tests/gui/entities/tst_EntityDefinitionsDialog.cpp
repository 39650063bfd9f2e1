// EntityDefinitionsDialog: export a namespace to a file, import it into an empty one, and
// read the per-entity report inline; a missing file is explained in the banner.
#include "ui/entities/EntityDefinitionsDialog.h"

#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>

#include "AdminTestSupport.h"

using namespace busbar;
using namespace busbar::test;

class tst_EntityDefinitionsDialog : public QObject {
    Q_OBJECT

    template <typename T>
    static T* child(QWidget* dialog, const char* name) {
        auto* widget = dialog->findChild<T*>(QLatin1String(name));
        if (widget == nullptr) {
            qFatal("no child %s", name);
        }
        return widget;
    }

private Q_SLOTS:
    void exportsThenImportsWithAReport() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("entities.json"));
        AdminFixture source;
        QVERIFY(source.start());
        EntityDefinitionsDialog exporter(source.admin.get());
        child<QLineEdit>(&exporter, "path")->setText(path);
        QSignalSpy exported(&exporter, &EntityDefinitionsDialog::exported);
        QTest::mouseClick(child<QPushButton>(&exporter, "export"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(exported.count(), 1, 20000);
        QVERIFY(QFile::exists(path));
        QVERIFY(child<QLabel>(&exporter, "status")->text().startsWith(QStringLiteral("Exported")));

        AdminFixture target;
        emulator::EmulatorConfig empty;
        empty.namespaces.append(emulator::NamespaceConfig{});
        QVERIFY(target.start(empty));
        EntityDefinitionsDialog importer(target.admin.get());
        importer.setPath(path);
        QSignalSpy imported(&importer, &EntityDefinitionsDialog::imported);
        QTest::mouseClick(child<QPushButton>(&importer, "import"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(imported.count(), 1, 20000);
        QVERIFY(imported.first().at(0).toInt() > 10);
        const QString report = child<QPlainTextEdit>(&importer, "report")->toPlainText();
        QVERIFY2(report.contains(QStringLiteral("created  queue 'basic'")), qPrintable(report));
        QVERIFY(report.contains(QStringLiteral("subscription 's1' of t1")));
        QVERIFY(!report.contains(QStringLiteral("FAILED")));
        QVERIFY(await(target.admin->getSubscription(QStringLiteral("t1"), QStringLiteral("s1"))));
    }

    void aMissingFileIsExplained() {
        EntityDefinitionsDialog dialog(nullptr);
        dialog.show();
        dialog.setPath(QStringLiteral("/nonexistent/entities.json"));
        QSignalSpy failed(&dialog, &EntityDefinitionsDialog::failed);
        QTest::mouseClick(child<QPushButton>(&dialog, "import"), Qt::LeftButton);
        QCOMPARE(failed.count(), 1);
        QVERIFY(child<QLabel>(&dialog, "banner")->isVisible());
        QVERIFY(child<QLabel>(&dialog, "banner")->text().contains(QStringLiteral("Cannot read")));

        // Without a namespace, export says so instead of crashing.
        dialog.setPath(QDir::temp().filePath(QStringLiteral("busbar-never-written.json")));
        QTest::mouseClick(child<QPushButton>(&dialog, "export"), Qt::LeftButton);
        QCOMPARE(failed.count(), 2);
        QVERIFY(child<QLabel>(&dialog, "banner")->text().contains(QStringLiteral("no namespace")));
    }
};

QTEST_MAIN(tst_EntityDefinitionsDialog)
#include "tst_EntityDefinitionsDialog.moc"
