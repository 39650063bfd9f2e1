#include "ui/repair/JsonLinesFileField.h"

#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QPushButton>

namespace busbar {

JsonLinesFileField::JsonLinesFileField(Purpose purpose, const QString& namePrefix,
                                       const Labels& labels, QWidget* parent)
    : QWidget(parent)
    , m_purpose(purpose)
    , m_namePrefix(namePrefix)
    , m_dialogTitle(labels.dialogTitle) {
    m_path = new QLineEdit(this);
    m_path->setObjectName(namePrefix + QStringLiteral("Path"));
    m_path->setAccessibleName(labels.accessibleName);
    m_path->setPlaceholderText(labels.placeholder);
    auto* browseButton = new QPushButton(tr("B&rowse…"), this);
    browseButton->setObjectName(namePrefix + QStringLiteral("Browse"));
    browseButton->setAutoDefault(false); // Enter in the path field is the dialog's action
    // The form's label (and its mnemonic) leads to the path.
    setFocusProxy(m_path);

    auto* row = new QHBoxLayout(this);
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(m_path, 1);
    row->addWidget(browseButton);

    connect(m_path, &QLineEdit::textChanged, this, &JsonLinesFileField::pathChanged);
    connect(browseButton, &QPushButton::clicked, this, &JsonLinesFileField::browse);
}

QString JsonLinesFileField::path() const {
    return m_path->text().trimmed();
}

void JsonLinesFileField::setPath(const QString& path) {
    m_path->setText(path);
}

void JsonLinesFileField::browse() {
    auto* files = new QFileDialog(window(), m_dialogTitle, QFileInfo(path()).absolutePath(),
                                  tr("JSON Lines (*.jsonl);;All files (*)"));
    files->setObjectName(m_namePrefix + QStringLiteral("FileDialog"));
    files->setAttribute(Qt::WA_DeleteOnClose);
    if (m_purpose == Purpose::Write) {
        files->setAcceptMode(QFileDialog::AcceptSave);
        files->setDefaultSuffix(QStringLiteral("jsonl"));
        // The caller asks before replacing a file, through the confirmation seam.
        files->setOption(QFileDialog::DontConfirmOverwrite);
    } else {
        files->setFileMode(QFileDialog::ExistingFile);
    }
    connect(files, &QFileDialog::fileSelected, m_path, &QLineEdit::setText);
    files->setModal(false);
    files->show();
}

} // namespace busbar
