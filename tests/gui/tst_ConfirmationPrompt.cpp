#include "ui/widgets/MessageBoxConfirmationPrompt.h"
#include "ui/widgets/ScriptedConfirmationPrompt.h"

#include <QApplication>
#include <QInputDialog>
#include <QMessageBox>
#include <QPushButton>
#include <QTest>
#include <QTimer>

#include <functional>

using namespace busbar;

namespace {

ConfirmationRequest purgeRequest() {
    return {QStringLiteral("Purge orders?"), QStringLiteral("1,234 messages will be deleted."),
            QStringLiteral("This cannot be undone."), QStringLiteral("Purge"), QString()};
}

// Runs `act` on the modal dialog once its nested event loop is up.
template <typename Dialog>
void whenDialogAppears(std::function<void(Dialog*)> act) {
    QTimer::singleShot(0, [act]() {
        if (auto* dialog = qobject_cast<Dialog*>(QApplication::activeModalWidget())) {
            act(dialog);
        } else {
            whenDialogAppears<Dialog>(act);
        }
    });
}

void whenModalAppears(std::function<void(QMessageBox*)> act) {
    whenDialogAppears<QMessageBox>(std::move(act));
}

} // namespace

class tst_ConfirmationPrompt : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void scriptedAnswersInOrderAndRecords() {
        ScriptedConfirmationPrompt prompt;
        prompt.enqueueAnswer(true);
        prompt.enqueueAnswer(false);
        QCOMPARE(prompt.pendingAnswers(), 2);
        QVERIFY(prompt.confirm(nullptr, purgeRequest()));
        QVERIFY(!prompt.confirm(nullptr, purgeRequest()));
        QCOMPARE(prompt.requests().size(), 2);
        QCOMPARE(prompt.requests().first().title, QStringLiteral("Purge orders?"));
    }

    void scriptedSaysNoWhenUnscripted() {
        ScriptedConfirmationPrompt prompt;
        ConfirmationPrompt& seam = prompt;
        QVERIFY(!seam.confirm(nullptr, purgeRequest()));
        QCOMPARE(prompt.requests().size(), 1);
    }

    void messageBoxEnterCancels() {
        MessageBoxConfirmationPrompt prompt;
        QString shownText;
        whenModalAppears([&shownText](QMessageBox* box) {
            shownText = box->text();
            QCOMPARE(box->objectName(), QStringLiteral("confirmationBox"));
            QTest::keyClick(box, Qt::Key_Return);
        });
        QVERIFY(!prompt.confirm(nullptr, purgeRequest()));
        QCOMPARE(shownText, QStringLiteral("1,234 messages will be deleted."));
    }

    void typedConfirmationNeedsTheExactName_data() {
        QTest::addColumn<QString>("typed");
        QTest::addColumn<bool>("confirmed");
        QTest::newRow("exact") << QStringLiteral("orders") << true;
        QTest::newRow("different case") << QStringLiteral("Orders") << false;
        QTest::newRow("empty") << QString() << false;
    }
    void typedConfirmationNeedsTheExactName() {
        QFETCH(QString, typed);
        QFETCH(bool, confirmed);
        MessageBoxConfirmationPrompt prompt;
        ConfirmationRequest request = purgeRequest();
        request.typedConfirmation = QStringLiteral("orders");
        QString label;
        whenDialogAppears<QInputDialog>([&label, typed](QInputDialog* dialog) {
            label = dialog->labelText();
            dialog->setTextValue(typed);
            dialog->accept();
        });
        QCOMPARE(prompt.confirm(nullptr, request), confirmed);
        QVERIFY(label.contains(QStringLiteral("Type orders to confirm.")));
    }

    void typedConfirmationCancelledIsNo() {
        MessageBoxConfirmationPrompt prompt;
        ConfirmationRequest request = purgeRequest();
        request.typedConfirmation = QStringLiteral("orders");
        whenDialogAppears<QInputDialog>([](QInputDialog* dialog) {
            dialog->setTextValue(QStringLiteral("orders"));
            dialog->reject();
        });
        QVERIFY(!prompt.confirm(nullptr, request));
    }

    void messageBoxConfirmButtonConfirms() {
        MessageBoxConfirmationPrompt prompt;
        QString label;
        whenModalAppears([&label](QMessageBox* box) {
            auto* confirm = box->findChild<QPushButton*>(QStringLiteral("confirmButton"));
            QVERIFY(confirm != nullptr);
            label = confirm->text();
            confirm->click();
        });
        QVERIFY(prompt.confirm(nullptr, purgeRequest()));
        QCOMPARE(label, QStringLiteral("Purge"));
    }
};

QTEST_MAIN(tst_ConfirmationPrompt)
#include "tst_ConfirmationPrompt.moc"
