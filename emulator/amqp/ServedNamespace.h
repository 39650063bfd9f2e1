#pragma once

#include "emulator/config/NamespaceConfig.h"

namespace busbar::emulator {

class Broker;
class ConsumerDirectory;

// One namespace as the AMQP layer serves it: its configuration (SAS rules), its broker and
// the directory that routes the broker's consumer signals to receive links.
struct ServedNamespace {
    NamespaceConfig config;
    Broker* broker = nullptr;
    ConsumerDirectory* consumers = nullptr;
};

} // namespace busbar::emulator
