#pragma once

#include <QByteArray>
#include <QString>

#include <proton/codec.h>
#include <proton/condition.h>
#include <proton/connection.h>
#include <proton/connection.hpp>
#include <proton/delivery.h>
#include <proton/delivery.hpp>
#include <proton/disposition.h>
#include <proton/link.h>
#include <proton/link.hpp>
#include <proton/receiver.hpp>
#include <proton/receiver_options.hpp>
#include <proton/sender.hpp>
#include <proton/sender_options.hpp>
#include <proton/session.h>
#include <proton/terminus.h>
#include <proton/tracker.hpp>
#include <proton/transport.h>
#include <proton/transport.hpp>

namespace busbar {

// Proton-C++ 0.37 does not install proton::unwrap, but the C API is needed for raw delivery
// bytes, pre-encoded sends, outcomes with details and max-message-size. Deriving from the
// wrapper gives legal access to its protected pn_object() (notes/proton-connection-driver.md).
template <class T>
struct ProtonAccess : T {
    static auto get(const T& wrapper) {
        // Through a named member pointer: applying &ProtonAccess::pn_object directly trips
        // GCC's -Wstrict-aliasing at -O2.
        using Member = decltype(&ProtonAccess::pn_object);
        const Member member = &ProtonAccess::pn_object;
        return (wrapper.*member)();
    }
};

inline pn_link_t* cLink(const proton::link& link) {
    return ProtonAccess<proton::link>::get(link);
}
inline pn_delivery_t* cDelivery(const proton::transfer& transfer) {
    return ProtonAccess<proton::transfer>::get(transfer);
}
inline pn_connection_t* cConnection(const proton::connection& connection) {
    return ProtonAccess<proton::connection>::get(connection);
}
inline pn_transport_t* cTransport(const proton::transport& transport) {
    return ProtonAccess<proton::transport>::get(transport);
}

inline QString toQString(const char* text) {
    return text ? QString::fromUtf8(text) : QString();
}

// Sets an AMQP error condition (name and description) on a C condition object.
inline void setCondition(pn_condition_t* condition, const QString& name,
                         const QString& description) {
    pn_condition_set_name(condition, name.toUtf8().constData());
    if (!description.isEmpty()) {
        pn_condition_set_description(condition, description.toUtf8().constData());
    }
}

// Server-side opens: credit and settlement are managed by the emulator, never by the adapter
// (its auto credit window would fight ours, and its auto-settle would free deliveries that a
// broker completion still refers to).
inline void openServerReceiver(proton::receiver& receiver) {
    receiver.open(proton::receiver_options().credit_window(0).auto_accept(false));
}
inline void openServerSender(proton::sender& sender) {
    sender.open(proton::sender_options().auto_settle(false));
}

// Closes (detaches with closed=true) a link with an error condition.
inline void closeLinkWithError(pn_link_t* link, const QString& condition,
                               const QString& description) {
    setCondition(pn_link_condition(link), condition, description);
    pn_link_close(link);
}

} // namespace busbar
