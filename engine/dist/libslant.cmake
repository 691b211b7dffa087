# libslant and what `cmake --install` puts where (included from
# engine/CMakeLists.txt).
#
#   bin/slant                            the command (the library linked in)
#
# engine/slant.h is the public API; engine/lib/api.c implements it on top of
# the modules.

include(GNUInstallDirs)

# The version is written in two places: the project's and the header's macros.
file(STRINGS ${CMAKE_CURRENT_SOURCE_DIR}/slant.h SLANT_HEADER_VERSION
     REGEX "^#define SLANT_(VERSION_(MAJOR|MINOR|MICRO)|SOVERSION) ")
foreach(part MAJOR MINOR MICRO)
  string(REGEX REPLACE ".*SLANT_VERSION_${part} ([0-9]+).*" "\\1" SLANT_H_${part} "${SLANT_HEADER_VERSION}")
endforeach()
string(REGEX REPLACE ".*SLANT_SOVERSION ([0-9]+).*" "\\1" SLANT_SOVERSION "${SLANT_HEADER_VERSION}")
if(NOT "${SLANT_H_MAJOR}.${SLANT_H_MINOR}.${SLANT_H_MICRO}" STREQUAL PROJECT_VERSION)
  message(FATAL_ERROR "engine/slant.h says version ${SLANT_H_MAJOR}.${SLANT_H_MINOR}.${SLANT_H_MICRO}, "
                      "CMakeLists.txt ${PROJECT_VERSION}: change both")
endif()

target_include_directories(slant_lib PUBLIC ${CMAKE_CURRENT_SOURCE_DIR})

install(TARGETS slant RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
