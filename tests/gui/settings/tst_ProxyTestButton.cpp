// Settings ▸ Network ▸ Test in the real window: the connection test runs through the proxy
// being edited (a loopback HTTP CONNECT proxy) against the namespace selected in the tree (the
// emulator in-process), shows its steps and outcome in the dialog without blocking the GUI
// thread, and does not save the choice; a refusing proxy fails with the proxy named; with no
// namespace open the dialog says what to do.
#include "tests/gui/explorer/ExplorerWindowFixture.h"
#include "tests/integration/proxy/TestProxy.h"
#include "ui/settings/SettingsDialog.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>

using namespace busbar;
using namespace busbar::test;

namespace {

constexpr int kProbeMs = 30000;

} // namespace

class tst_ProxyTestButton : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { m_fixture.startEmulator(emulator::NamespaceConfig{}); }

    void cleanup() { m_fixture.closeWindow(); }

    void testsThroughTheEditedProxy() {
        m_fixture.openWindow();
        m_fixture.openEmulator();
        TestProxy proxy(TestProxy::Kind::HttpConnect);
        QVERIFY(proxy.listen());
        SettingsDialog* dialog = openSettings();
        QVERIFY(dialog != nullptr);
        editHttpProxy(*dialog, proxy.port());
        ProxyTestPanel* panel = dialog->proxyTestPanel();
        QVERIFY(panel->isVisible());
        QVERIFY(panel->testButton()->isEnabled());

        QSignalSpy finished(panel, &ProxyTestPanel::finished);
        panel->testButton()->click();
        // The click returned at once: the test runs on the event loop.
        QVERIFY(!panel->testButton()->isEnabled());
        QVERIFY(panel->resultLabel()->text().startsWith(QStringLiteral("Testing through")));
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, kProbeMs);
        const QString through = QStringLiteral("HTTP proxy 127.0.0.1:%1").arg(proxy.port());
        QVERIFY2(finished.at(0).at(0).toBool(), qPrintable(panel->resultLabel()->text()));
        QVERIFY(panel->resultLabel()->text().startsWith(QStringLiteral("✓")));
        QVERIFY(panel->resultLabel()->text().contains(through));
        QVERIFY(panel->testButton()->isEnabled());
        // The proxy carried the AMQP connection to the emulator.
        QVERIFY2(proxy.targets().contains(
                     QStringLiteral("localhost:%1").arg(m_fixture.m_endpoints.amqpPort)),
                 qPrintable(proxy.targets().join(QLatin1Char(' '))));
        QVERIFY(proxy.relayedBytes() > 0);
        // One row per step, each finished; the DNS lookup is the proxy's.
        QListWidget* steps = panel->stepsList();
        QVERIFY(steps->count() >= 6);
        QVERIFY(steps->item(0)->text().contains(QStringLiteral("through the proxy")));
        for (int row = 0; row < steps->count(); ++row) {
            QVERIFY2(!steps->item(row)->text().startsWith(QStringLiteral("✗")),
                     qPrintable(steps->item(row)->text()));
        }
        // Testing does not save: the stored choice is still the default.
        QCOMPARE(m_fixture.m_settings->proxyChoice().mode, ProxyMode::System);
        dialog->reject();
    }

    void aRefusingProxyFailsNamingIt() {
        m_fixture.openWindow();
        m_fixture.openEmulator();
        TestProxy proxy(TestProxy::Kind::HttpConnect);
        proxy.setRefusing(true);
        QVERIFY(proxy.listen());
        SettingsDialog* dialog = openSettings();
        QVERIFY(dialog != nullptr);
        editHttpProxy(*dialog, proxy.port());
        ProxyTestPanel* panel = dialog->proxyTestPanel();
        QSignalSpy finished(panel, &ProxyTestPanel::finished);
        panel->testButton()->click();
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, kProbeMs);
        QVERIFY(!finished.at(0).at(0).toBool());
        const QString text = panel->resultLabel()->text();
        QVERIFY2(text.startsWith(QStringLiteral("✗")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("HTTP proxy 127.0.0.1:%1").arg(proxy.port())),
                 qPrintable(text));
        QVERIFY(!proxy.targets().isEmpty()); // it was asked, and said no
        bool failedRow = false;
        for (int row = 0; row < panel->stepsList()->count(); ++row) {
            failedRow |= panel->stepsList()->item(row)->text().startsWith(QStringLiteral("✗"));
        }
        QVERIFY(failedRow);
        dialog->reject();
    }

    void withoutAnOpenNamespaceItSaysWhatToDo() {
        m_fixture.openWindow();
        SettingsDialog* dialog = openSettings();
        QVERIFY(dialog != nullptr);
        editHttpProxy(*dialog, 3128);
        ProxyTestPanel* panel = dialog->proxyTestPanel();
        QSignalSpy finished(panel, &ProxyTestPanel::finished);
        panel->testButton()->click();
        QTRY_COMPARE(finished.size(), 1);
        QVERIFY(!finished.at(0).at(0).toBool());
        QVERIFY(panel->resultLabel()->text().contains(QStringLiteral("open a namespace")));
        QVERIFY(panel->resultLabel()->text().contains(QStringLiteral("HTTP proxy")));
        dialog->reject();
    }

    void anInvalidProxyCannotBeTested() {
        m_fixture.openWindow();
        SettingsDialog* dialog = openSettings();
        QVERIFY(dialog != nullptr);
        dialog->findChild<QComboBox*>(QStringLiteral("proxyModeCombo"))
            ->setCurrentIndex(dialog->findChild<QComboBox*>(QStringLiteral("proxyModeCombo"))
                                  ->findData(int(ProxyMode::Http)));
        // No host, no port yet.
        QVERIFY(!dialog->proxyTestPanel()->testButton()->isEnabled());
        dialog->reject();
    }

private:
    SettingsDialog* openSettings() {
        m_fixture.m_window->showSettings();
        return m_fixture.m_window->findChild<SettingsDialog*>();
    }

    static void editHttpProxy(SettingsDialog& dialog, quint16 port) {
        auto* mode = dialog.findChild<QComboBox*>(QStringLiteral("proxyModeCombo"));
        mode->setCurrentIndex(mode->findData(int(ProxyMode::Http)));
        dialog.findChild<QLineEdit*>(QStringLiteral("proxyHostEdit"))
            ->setText(QStringLiteral("127.0.0.1"));
        dialog.findChild<QLineEdit*>(QStringLiteral("proxyPortEdit"))
            ->setText(QString::number(port));
    }

    ExplorerWindowFixture m_fixture;
};

QTEST_MAIN(tst_ProxyTestButton)
#include "tst_ProxyTestButton.moc"
