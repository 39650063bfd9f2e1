#pragma once

#include "core/common/Result.h"
#include "ui/send/ComposeForm.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace busbar {

// Saved compose forms, one JSON file per template in a folder (by default the app's data
// dir, QStandardPaths::AppDataLocation + "/templates"), so they can be shared and diffed.
// A form holds no secrets, and templates never get any.
class ComposeTemplates final {
public:
    // `directory` empty = the default location.
    explicit ComposeTemplates(QString directory = {});

    [[nodiscard]] QString directory() const { return m_directory; }
    [[nodiscard]] QStringList names() const;
    VoidResult save(const QString& name, const ComposeForm& form) const;
    [[nodiscard]] Result<ComposeForm> load(const QString& name) const;
    VoidResult remove(const QString& name) const;

    static QJsonObject toJson(const ComposeForm& form);
    static Result<ComposeForm> fromJson(const QJsonObject& json);

private:
    [[nodiscard]] QString pathOf(const QString& name) const;

    QString m_directory;
};

} // namespace busbar
