#pragma once

#include "core/common/Result.h"

#include <QDialog>
#include <QPointer>
#include <QStringList>
#include <QTimer>

#include <atomic>
#include <memory>

class QComboBox;
class QLabel;
class QListWidget;
class QPushButton;

namespace busbar {

class JsonLinesFileField;
class NamespaceSession;

// What a look through an export file found: how many messages and the first ids.
struct ImportPreview {
    qint64 count = 0;
    QStringList firstIds; // at most ImportDialog::kPreviewIds
};

// Import… : a JSON Lines export to send to a queue or topic of the namespace. The file is
// read off the GUI thread (it may hold millions of lines) to count its messages, check that
// every line is one, and show the first message ids; a file that cannot be imported says
// why and which line inline. The target starts as the given entity and can be any queue or
// topic the namespace lists. importRequested() hands the choice to MaintenanceActions,
// which confirms (naming the target and the count) and starts the job.
class ImportDialog final : public QDialog {
    Q_OBJECT
public:
    static constexpr int kPreviewIds = 10;

    ImportDialog(NamespaceSession* session, const QString& entityPath, QWidget* parent = nullptr);
    ~ImportDialog() override;

    void setInputPath(const QString& path);
    [[nodiscard]] QString inputPath() const;
    [[nodiscard]] QString targetEntity() const;
    // Messages in the file once it was read and found importable; -1 otherwise.
    [[nodiscard]] qint64 messageCount() const { return m_ready ? m_preview.count : -1; }
    [[nodiscard]] const ImportPreview& preview() const { return m_preview; }

    void showError(const QString& message);

    // Reads `path` as ImportDialog does (blocking; the dialog runs it on a pool thread).
    // Stops early, with a Cancelled error, once `cancelled` is set.
    static Result<ImportPreview> scanFile(const QString& path,
                                          const std::shared_ptr<std::atomic_bool>& cancelled);

Q_SIGNALS:
    void importRequested();
    // A read of the file finished: ready (messageCount() >= 0) or with an inline error.
    void fileScanned();

private:
    void scan();
    void loadTargets();
    void requestImport();
    void updateButton();

    QPointer<NamespaceSession> m_session;
    QTimer m_scanDelay; // one read per pause in typing, not one per key
    std::shared_ptr<std::atomic_bool> m_cancelScan;
    quint64 m_scanGeneration = 0;
    bool m_ready = false;
    ImportPreview m_preview;
    QStringList m_targets; // what the namespace listed so far
    int m_listsLoaded = 0; // queues, topics: the target is checked against both

    JsonLinesFileField* m_path = nullptr;
    QComboBox* m_target = nullptr;
    QLabel* m_summary = nullptr;
    QListWidget* m_ids = nullptr;
    QLabel* m_banner = nullptr;
    QPushButton* m_import = nullptr;
};

} // namespace busbar
