#include "core/settings/InMemorySecretStore.h"
#include "core/settings/Settings.h"
#include "ui/connections/ConnectionsController.h"
#include "ui/widgets/ScriptedConfirmationPrompt.h"

#include <QCheckBox>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace busbar;

namespace {

const QString kKey = QStringLiteral("q1Xk0mDq8V9ZpJ3cFh2l5YtW7uN4rB6sE0aG/I+oKxM=");
const QString kString = QStringLiteral("Endpoint=sb://contoso.servicebus.windows.net/;"
                                       "SharedAccessKeyName=Root;SharedAccessKey=") +
                        kKey;

} // namespace

class tst_ConnectionsController : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init() {
        QVERIFY(m_dir.isValid());
        m_settings =
            std::make_unique<Settings>(m_dir.filePath(QStringLiteral("s%1.ini").arg(++m_counter)));
        m_secrets = std::make_unique<InMemorySecretStore>();
        m_prompt = std::make_unique<ScriptedConfirmationPrompt>();
        m_parent = std::make_unique<QWidget>();
        m_controller = std::make_unique<ConnectionsController>(
            UiServices{m_settings.get(), m_secrets.get(), m_prompt.get()}, m_parent.get());
    }

    void cleanup() {
        m_controller.reset();
        m_parent.reset();
    }

    void oneDialogAtATime() {
        m_controller->addConnection();
        ConnectDialog* first = m_controller->openDialog();
        QVERIFY(first != nullptr);
        m_controller->addConnection();
        QCOMPARE(m_controller->openDialog(), first);
        QCOMPARE(m_parent->findChildren<ConnectDialog*>().size(), 1);
    }

    void acceptingSavesConnectionAndKey() {
        QSignalSpy saved(m_controller.get(), &ConnectionsController::connectionSaved);
        accept(kString, true);
        QCOMPARE(saved.count(), 1);
        const QString id = saved.at(0).at(0).toString();
        QCOMPARE(m_settings->savedConnection(id)->endpointHost,
                 QStringLiteral("contoso.servicebus.windows.net"));
        QTRY_COMPARE(m_secrets->size(), 1);
        QCOMPARE(m_secrets->readSecret(id).result().value(), kString);
    }

    void notRememberingSavesNothing() {
        QSignalSpy reports(m_controller.get(), &ConnectionsController::report);
        accept(kString, false);
        QVERIFY(m_settings->savedConnections().isEmpty());
        QCOMPARE(m_secrets->size(), 0);
        QCOMPARE(reports.count(), 1);
    }

    void aMissingKeychainIsReportedWithoutTheKey() {
        m_secrets->setAvailable(false);
        QSignalSpy reports(m_controller.get(), &ConnectionsController::report);
        accept(kString, true);
        QCOMPARE(m_settings->savedConnections().size(), 1);
        QTRY_COMPARE(reports.count(), 2); // saved, then the keychain warning
        QCOMPARE(reports.at(1).at(0).value<LogLevel>(), LogLevel::Warning);
        for (const auto& report : reports) {
            QVERIFY(!report.at(1).toString().contains(kKey));
        }
    }

    void removingAsksAndHonoursTheAnswer() {
        accept(kString, true);
        const QString id = m_settings->savedConnections().first().id;
        QTRY_COMPARE(m_secrets->size(), 1);

        m_prompt->enqueueAnswer(false);
        QVERIFY(!m_controller->removeConnection(id));
        QCOMPARE(m_settings->savedConnections().size(), 1);
        QCOMPARE(m_secrets->size(), 1);

        m_prompt->enqueueAnswer(true);
        QVERIFY(m_controller->removeConnection(id));
        QVERIFY(m_settings->savedConnections().isEmpty());
        QTRY_COMPARE(m_secrets->size(), 0);
        QCOMPARE(m_prompt->requests().size(), 2);
        QCOMPARE(m_prompt->requests().last().confirmLabel, QStringLiteral("Remove"));
    }

    void removingAnUnknownConnectionAsksNothing() {
        QVERIFY(!m_controller->removeConnection(QStringLiteral("nope")));
        QVERIFY(m_prompt->requests().isEmpty());
    }

private:
    void accept(const QString& connectionString, bool remember) {
        m_controller->addConnection();
        ConnectDialog* dialog = m_controller->openDialog();
        QVERIFY(dialog != nullptr);
        dialog->findChild<QLineEdit*>(QStringLiteral("connectionStringEdit"))
            ->setText(connectionString);
        dialog->findChild<QCheckBox*>(QStringLiteral("rememberConnectionCheck"))
            ->setChecked(remember);
        dialog->findChild<QPushButton*>(QStringLiteral("connectOkButton"))->click();
        QTRY_VERIFY(m_controller->openDialog() == nullptr);
    }

    QTemporaryDir m_dir;
    int m_counter = 0;
    std::unique_ptr<Settings> m_settings;
    std::unique_ptr<InMemorySecretStore> m_secrets;
    std::unique_ptr<ScriptedConfirmationPrompt> m_prompt;
    std::unique_ptr<QWidget> m_parent;
    std::unique_ptr<ConnectionsController> m_controller;
};

QTEST_MAIN(tst_ConnectionsController)
#include "tst_ConnectionsController.moc"
