#include "ui/repair/RepairTargetBox.h"

#include "ui/explorer/NamespaceSession.h"
#include "ui/repair/RepairRequest.h"
#include "ui/repair/RepairTargetPicker.h"

#include <QCheckBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QRadioButton>

namespace busbar {

RepairTargetBox::RepairTargetBox(const QList<NamespaceSession*>& sessions, NamespaceSession* source,
                                 const QString& defaultEntity, QWidget* parent)
    : QGroupBox(tr("Target"), parent) {
    setObjectName(QStringLiteral("repairTargetBox"));
    auto* form = new QFormLayout(this);
    m_picker = new RepairTargetPicker(sessions, source, defaultEntity, this);
    form->addRow(tr("Send to:"), m_picker);
    m_strip = new QCheckBox(tr("Strip dead-letter properties (reason and description)"), this);
    m_strip->setObjectName(QStringLiteral("stripDeadLetterCheck"));
    m_strip->setChecked(true);
    form->addRow(m_strip);
    auto* ids = new QHBoxLayout;
    m_keepIds = new QRadioButton(tr("Keep message ids"), this);
    m_keepIds->setObjectName(QStringLiteral("keepMessageIdRadio"));
    m_keepIds->setChecked(true);
    m_regenerateIds = new QRadioButton(tr("Give new message ids"), this);
    m_regenerateIds->setObjectName(QStringLiteral("regenerateMessageIdRadio"));
    ids->addWidget(m_keepIds);
    ids->addWidget(m_regenerateIds);
    ids->addStretch(1);
    form->addRow(tr("Message ids:"), ids);
    connect(m_picker, &RepairTargetPicker::changed, this, &RepairTargetBox::changed);
}

bool RepairTargetBox::fill(RepairRequest& request, QString& error) const {
    NamespaceSession* target = m_picker->targetSession();
    const QString entity = m_picker->targetEntity();
    if (target == nullptr) {
        error = tr("The target namespace is no longer open.");
        return false;
    }
    if (entity.isEmpty()) {
        error = tr("Choose the queue or topic to send to.");
        return false;
    }
    if (entity.contains(QStringLiteral("/subscriptions/"), Qt::CaseInsensitive)) {
        error = tr("A subscription cannot be sent to; choose its topic.");
        return false;
    }
    request.target = target;
    request.targetDescription = m_picker->describe();
    request.options.targetEntity = entity;
    request.options.stripDeadLetterProperties = m_strip->isChecked();
    request.options.regenerateMessageIds = m_regenerateIds->isChecked();
    return true;
}

} // namespace busbar
