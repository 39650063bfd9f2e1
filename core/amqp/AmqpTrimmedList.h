#pragma once

#include "core/amqp/AmqpEncoder.h"

#include <QByteArray>

namespace busbar {

// Writes a list's fields in order and drops the trailing absent ones: AMQP lets a list end
// early, and that short form is what Proton and the SDKs write (header and properties).
class AmqpTrimmedList {
public:
    AmqpTrimmedList(QByteArray& out, AmqpEncoder& encoder)
        : m_out(out)
        , m_encoder(encoder)
        , m_token(encoder.beginList())
        , m_keepEnd(out.size()) {}

    // Writes the field with `write` when present, else a null that finish() drops if nothing
    // present follows it.
    void field(bool present, auto&& write) {
        ++m_index;
        if (!present) {
            m_encoder.writeNull();
            return;
        }
        write();
        m_keepEnd = m_out.size();
        m_keepCount = m_index;
    }
    void finish() {
        m_out.truncate(m_keepEnd);
        m_encoder.endList(m_token, m_keepCount);
    }

private:
    QByteArray& m_out;
    AmqpEncoder& m_encoder;
    qsizetype m_token;
    qsizetype m_keepEnd;
    quint32 m_index = 0;
    quint32 m_keepCount = 0;
};

} // namespace busbar
