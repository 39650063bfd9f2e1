#pragma once

#include <QString>
#include <QWidget>

class QLineEdit;

namespace busbar {

// The JSON Lines file of Export… (to write) or Import… (to read): its full path as typed and a
// Browse… button whose file dialog does not block (the path follows what is chosen there).
// Children are named from `namePrefix` for tests and screenshots: <prefix>Path,
// <prefix>Browse and, while open, <prefix>FileDialog (a child of the enclosing window).
class JsonLinesFileField final : public QWidget {
    Q_OBJECT
public:
    enum class Purpose {
        Write, // asks for a new or existing file; the caller confirms replacing one
        Read,  // an existing file only
    };

    struct Labels {
        QString accessibleName; // of the path field
        QString placeholder;
        QString dialogTitle;
    };

    JsonLinesFileField(Purpose purpose, const QString& namePrefix, const Labels& labels,
                       QWidget* parent = nullptr);

    // The path without surrounding spaces.
    [[nodiscard]] QString path() const;
    void setPath(const QString& path);

Q_SIGNALS:
    // The text changed: typed, pasted or chosen through Browse….
    void pathChanged();

private:
    void browse();

    Purpose m_purpose;
    QString m_namePrefix;
    QString m_dialogTitle;
    QLineEdit* m_path = nullptr;
};

} // namespace busbar
