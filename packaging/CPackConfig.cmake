# CPack: a Debian package and a tarball of what the install() rules put in place.
# Included from the top-level CMakeLists.txt after every subdirectory, so all install rules
# are known. Build packages with:
#   cmake --preset release && cmake --build --preset release && cpack --config build/release/CPackConfig.cmake
# Windows and macOS packaging adds generators here (NSIS/WiX, DragNDrop) without touching
# the install rules.

set(CPACK_PACKAGE_NAME "busbar")
set(CPACK_PACKAGE_VENDOR "The Busbar developers")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
string(CONCAT CPACK_PACKAGE_DESCRIPTION
    "Browse Azure Service Bus namespaces, peek and receive messages, send test messages and "
    "repair dead letters, with a local Service Bus emulator for trying it all offline.")
set(CPACK_PACKAGE_HOMEPAGE_URL "${PROJECT_HOMEPAGE_URL}")
set(CPACK_PACKAGE_CONTACT "The Busbar developers")
set(CPACK_PACKAGE_INSTALL_DIRECTORY "Busbar")
set(CPACK_RESOURCE_FILE_README "${PROJECT_SOURCE_DIR}/README.md")
set(CPACK_STRIP_FILES ON)
set(CPACK_PACKAGE_CHECKSUM SHA256)

if(NOT CPACK_GENERATOR)
  set(CPACK_GENERATOR "TGZ")
  if(CMAKE_SYSTEM_NAME STREQUAL "Linux")
    list(APPEND CPACK_GENERATOR "DEB")
  endif()
endif()

# Debian: dependencies come from the binaries' shared libraries (dpkg-shlibdeps), plus
# what is loaded at run time rather than linked: the SVG icon engine plugin (libqt6svg6) and a
# Secret Service for the keychain.
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION "devel")
set(CPACK_DEBIAN_PACKAGE_PRIORITY "optional")
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "libqt6svg6")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "gnome-keyring | kwalletmanager")

# Source tarball: the tree without build output and editor state.
set(CPACK_SOURCE_GENERATOR "TGZ")
set(CPACK_SOURCE_PACKAGE_FILE_NAME "busbar-${PROJECT_VERSION}")
set(CPACK_SOURCE_IGNORE_FILES
    "/\\\\.git/" "/build/" "/node_modules/" "/\\\\.cache/" "\\\\.user$")

include(CPack)
