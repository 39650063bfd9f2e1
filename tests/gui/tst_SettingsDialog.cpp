#include "core/settings/Settings.h"
#include "ui/settings/SettingsDialog.h"

#include <QComboBox>
#include <QPushButton>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>

using namespace busbar;
using namespace std::chrono_literals;

class tst_SettingsDialog : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init() {
        QVERIFY(m_dir.isValid());
        m_settings =
            std::make_unique<Settings>(m_dir.filePath(QStringLiteral("s%1.ini").arg(++m_counter)));
        m_settings->setAutoRefreshInterval(45s);
        m_settings->setTheme(Theme::Light);
    }

    void showsTheCurrentValues() {
        SettingsDialog dialog(*m_settings);
        QCOMPARE(spin(dialog)->value(), 45);
        QCOMPARE(combo(dialog)->currentData().value<Theme>(), Theme::Light);
        QCOMPARE(spin(dialog)->specialValueText(), QStringLiteral("Off"));
    }

    void okWrites() {
        SettingsDialog dialog(*m_settings);
        dialog.show();
        spin(dialog)->setValue(0);
        combo(dialog)->setCurrentIndex(combo(dialog)->findData(QVariant::fromValue(Theme::Dark)));
        dialog.findChild<QPushButton*>(QStringLiteral("settingsOkButton"))->click();
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        QCOMPARE(m_settings->autoRefreshInterval(), 0s);
        QCOMPARE(m_settings->theme(), Theme::Dark);
    }

    void cancelLeavesSettingsAlone() {
        SettingsDialog dialog(*m_settings);
        dialog.show();
        spin(dialog)->setValue(300);
        combo(dialog)->setCurrentIndex(combo(dialog)->findData(QVariant::fromValue(Theme::System)));
        dialog.findChild<QPushButton*>(QStringLiteral("settingsCancelButton"))->click();
        QCOMPARE(dialog.result(), int(QDialog::Rejected));
        QCOMPARE(m_settings->autoRefreshInterval(), 45s);
        QCOMPARE(m_settings->theme(), Theme::Light);
    }

private:
    static QSpinBox* spin(const SettingsDialog& dialog) {
        return dialog.findChild<QSpinBox*>(QStringLiteral("autoRefreshSpin"));
    }
    static QComboBox* combo(const SettingsDialog& dialog) {
        return dialog.findChild<QComboBox*>(QStringLiteral("themeCombo"));
    }

    QTemporaryDir m_dir;
    int m_counter = 0;
    std::unique_ptr<Settings> m_settings;
};

QTEST_MAIN(tst_SettingsDialog)
#include "tst_SettingsDialog.moc"
