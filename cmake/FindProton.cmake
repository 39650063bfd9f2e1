# FindProton
# ----------
# Finds Qpid Proton (the C library and the C++ binding).
#
# Tries an installed CONFIG package first (upstream ships ProtonConfig.cmake and
# ProtonCppConfig.cmake on some platforms); Debian 12 ships none that work, so it falls
# back to find_path/find_library.
#
# Imported targets:
#   Proton::core  - libqpid-proton (the C engine; its C API is needed for raw deliveries)
#   Proton::cpp   - libqpid-proton-cpp (links Proton::core)
# Result variables: Proton_FOUND, Proton_VERSION (when known).

if(TARGET Proton::cpp AND TARGET Proton::core)
  set(Proton_FOUND TRUE)
  return()
endif()

find_package(ProtonCpp CONFIG QUIET)
if(ProtonCpp_FOUND AND TARGET Proton::cpp)
  if(NOT TARGET Proton::core)
    find_package(Proton CONFIG QUIET)
  endif()
  if(TARGET Proton::core)
    set(Proton_FOUND TRUE)
    return()
  endif()
endif()

find_path(Proton_INCLUDE_DIR NAMES proton/io/connection_driver.hpp)
find_library(Proton_CORE_LIBRARY NAMES qpid-proton)
find_library(Proton_CPP_LIBRARY NAMES qpid-proton-cpp)

if(Proton_INCLUDE_DIR AND EXISTS "${Proton_INCLUDE_DIR}/proton/version.h")
  file(STRINGS "${Proton_INCLUDE_DIR}/proton/version.h" _proton_version_lines
       REGEX "#define PN_VERSION_(MAJOR|MINOR|POINT)")
  foreach(_part MAJOR MINOR POINT)
    string(REGEX MATCH "PN_VERSION_${_part} ([0-9]+)" _match "${_proton_version_lines}")
    set(_proton_${_part} "${CMAKE_MATCH_1}")
  endforeach()
  set(Proton_VERSION "${_proton_MAJOR}.${_proton_MINOR}.${_proton_POINT}")
endif()

include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(Proton
  REQUIRED_VARS Proton_CPP_LIBRARY Proton_CORE_LIBRARY Proton_INCLUDE_DIR
  VERSION_VAR Proton_VERSION)

if(Proton_FOUND)
  add_library(Proton::core UNKNOWN IMPORTED)
  set_target_properties(Proton::core PROPERTIES
    IMPORTED_LOCATION "${Proton_CORE_LIBRARY}"
    INTERFACE_INCLUDE_DIRECTORIES "${Proton_INCLUDE_DIR}")
  add_library(Proton::cpp UNKNOWN IMPORTED)
  set_target_properties(Proton::cpp PROPERTIES
    IMPORTED_LOCATION "${Proton_CPP_LIBRARY}"
    INTERFACE_INCLUDE_DIRECTORIES "${Proton_INCLUDE_DIR}"
    INTERFACE_LINK_LIBRARIES Proton::core)
endif()

mark_as_advanced(Proton_INCLUDE_DIR Proton_CORE_LIBRARY Proton_CPP_LIBRARY)
