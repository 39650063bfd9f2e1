# One INTERFACE target carries the language standard, warnings and Qt hygiene defines.
# Every Busbar target links it, so a flag changes in exactly one place.
add_library(busbar_compile_options INTERFACE)
add_library(Busbar::compile_options ALIAS busbar_compile_options)

target_compile_features(busbar_compile_options INTERFACE cxx_std_23)
set(CMAKE_CXX_STANDARD 23)
set(CMAKE_CXX_STANDARD_REQUIRED ON)
set(CMAKE_CXX_EXTENSIONS OFF)

target_include_directories(busbar_compile_options INTERFACE "${PROJECT_SOURCE_DIR}")

target_compile_definitions(busbar_compile_options INTERFACE
  QT_NO_CAST_FROM_ASCII
  QT_NO_CAST_TO_ASCII
  QT_NO_CAST_FROM_BYTEARRAY
  QT_NO_KEYWORDS
  QT_USE_QSTRINGBUILDER
  QT_NO_URL_CAST_FROM_STRING
  QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
  QT_DISABLE_DEPRECATED_UP_TO=0x060400
  BUSBAR_VERSION="${PROJECT_VERSION}")

if(MSVC)
  target_compile_options(busbar_compile_options INTERFACE /W4 /permissive- /utf-8 /Zc:__cplusplus)
  if(BUSBAR_WERROR)
    target_compile_options(busbar_compile_options INTERFACE /WX)
  endif()
else()
  target_compile_options(busbar_compile_options INTERFACE
    -Wall -Wextra -Wpedantic
    -Wcast-align -Wformat=2 -Wmissing-declarations -Wnon-virtual-dtor
    -Woverloaded-virtual -Wnull-dereference -Wimplicit-fallthrough
    -Wundef -Wunused)
  if(BUSBAR_WERROR)
    target_compile_options(busbar_compile_options INTERFACE -Werror)
  endif()
  if(BUSBAR_SANITIZE)
    target_compile_options(busbar_compile_options INTERFACE
      -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
    target_link_options(busbar_compile_options INTERFACE -fsanitize=address,undefined)
  endif()
endif()
