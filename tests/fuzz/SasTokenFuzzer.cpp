// libFuzzer entry point, built only with -DBUSBAR_FUZZ=ON under Clang (tests/fuzz/CMakeLists.txt).
#include "tests/fuzz/AuthFuzzChecks.h"

#include <QByteArray>
#include <QString>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const QString input = QString::fromUtf8(reinterpret_cast<const char*>(data), qsizetype(size));
    const QString broken = busbar::checkSasTokenInvariants(input);
    if (!broken.isEmpty()) {
        std::fprintf(stderr, "invariant broken: %s\n", broken.toUtf8().constData());
        std::abort();
    }
    return 0;
}
