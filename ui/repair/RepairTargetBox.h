#pragma once

#include <QGroupBox>
#include <QList>

class QCheckBox;
class QRadioButton;

namespace busbar {

class NamespaceSession;
class RepairTargetPicker;
struct RepairRequest;

// The part both repair dialogs share: where the messages go, whether their dead-letter
// properties are stripped (default) and whether they keep their message ids (default, so a
// target with duplicate detection absorbs a retry) or get new ones.
class RepairTargetBox final : public QGroupBox {
    Q_OBJECT
public:
    RepairTargetBox(const QList<NamespaceSession*>& sessions, NamespaceSession* source,
                    const QString& defaultEntity, QWidget* parent = nullptr);

    [[nodiscard]] RepairTargetPicker* picker() const { return m_picker; }
    // Fills target, targetDescription and the options' target and id/dead-letter handling;
    // false with `error` set when no target is usable.
    bool fill(RepairRequest& request, QString& error) const;

Q_SIGNALS:
    void changed();

private:
    RepairTargetPicker* m_picker = nullptr;
    QCheckBox* m_strip = nullptr;
    QRadioButton* m_keepIds = nullptr;
    QRadioButton* m_regenerateIds = nullptr;
};

} // namespace busbar
