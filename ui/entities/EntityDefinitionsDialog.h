#pragma once

#include <QDialog>

class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;

namespace busbar {

class AdminClient;
class EntityDefinitionsJson;

// Export… / Import… of a namespace's entity definitions (EntityDefinitionsJson) with a file
// chooser, progress, and the per-entity report inline. Import only creates what is missing,
// so it needs no confirmation.
class EntityDefinitionsDialog final : public QDialog {
    Q_OBJECT
public:
    explicit EntityDefinitionsDialog(AdminClient* admin, QWidget* parent = nullptr);

    void setPath(const QString& path);

public Q_SLOTS:
    void exportToFile();
    void importFromFile();

Q_SIGNALS:
    void exported(const QString& path);
    // After an import: how many entities were created (the tree may need a refresh).
    void imported(int created);
    void failed(const QString& message);

private:
    void setBusy(bool busy, const QString& doing);
    void showError(const QString& message);

    EntityDefinitionsJson* m_transfer = nullptr;
    QLineEdit* m_path = nullptr;
    QLabel* m_banner = nullptr;
    QLabel* m_status = nullptr;
    QPlainTextEdit* m_report = nullptr;
    QPushButton* m_export = nullptr;
    QPushButton* m_import = nullptr;
};

} // namespace busbar
