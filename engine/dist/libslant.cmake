# libslant and what `cmake --install` puts where (included from
# engine/CMakeLists.txt).
#
#   bin/slant                            the command (the library linked in)
#   lib/libslant.so.0.1.0, .so.0, .so    the shared library, SONAME libslant.so.0:
#                                        exports engine/slant.h's functions only
#   lib/libslant.a                       the static library (slant_lib itself)
#   include/slant.h                      the public API
#   lib/pkgconfig/slant.pc               pkg-config (relocatable: paths from ${pcfiledir})
#   share/man/man1/slant.1, slant-COMMAND.1   from the --help texts, at build time
#   share/slant/lexicons/                the lexicons with their codebooks
#   share/slant/corpora/                 the bundled corpora
#   share/slant/schemas/                 the JSON Schemas of the report and of a score line
#
# The installed binary finds share/slant from where it stands (engine/cli/cli-data.c).

include(GNUInstallDirs)
set(SLANT_INSTALL_DATADIR ${CMAKE_INSTALL_DATADIR}/slant)

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

# One compilation of the library serves both: position-independent, and
# every symbol hidden but those marked SLANT_EXPORT (engine/lib/api.c), so
# the shared library exports the public API alone while the static one
# still links the command and the tests, which use the private headers.
set_target_properties(slant_lib PROPERTIES
  OUTPUT_NAME slant
  POSITION_INDEPENDENT_CODE ON
  C_VISIBILITY_PRESET hidden)
target_include_directories(slant_lib PUBLIC ${CMAKE_CURRENT_SOURCE_DIR})

add_library(slant_shared SHARED $<TARGET_OBJECTS:slant_lib>)
target_link_libraries(slant_shared PRIVATE PkgConfig::GLIB PkgConfig::CJSON Stemmer::stemmer
                      PkgConfig::ZSTD Threads::Threads m)
if(ISAL_FOUND)
  target_link_libraries(slant_shared PRIVATE PkgConfig::ISAL)
endif()
set_target_properties(slant_shared PROPERTIES
  OUTPUT_NAME slant
  VERSION ${PROJECT_VERSION}
  SOVERSION ${SLANT_SOVERSION})
# every symbol resolved at link time: a missing dependency fails here, not
# in the program that loads the library
target_link_options(slant_shared PRIVATE -Wl,-z,defs -Wl,--as-needed)

# Where the installed binary looks for its data (see cli-data.c): share/slant
# relative to its own folder, then the configured prefix's; a binary in this
# build tree reads the source tree.
file(RELATIVE_PATH SLANT_DATA_FROM_BIN ${CMAKE_INSTALL_FULL_BINDIR}
     ${CMAKE_INSTALL_FULL_DATADIR}/slant)
target_compile_definitions(slant PRIVATE
  SLANT_BUILD_DIR="${PROJECT_BINARY_DIR}"
  SLANT_INSTALL_DATA_DIR="${CMAKE_INSTALL_FULL_DATADIR}/slant"
  SLANT_DATA_FROM_BIN="${SLANT_DATA_FROM_BIN}")

# Man pages from the --help texts, made at build time: with help2man when
# it is installed (tools/setup installs it), else by engine/dist/man.cmake
# itself (plainer pages, the same text).
find_program(SLANT_HELP2MAN help2man)
set(SLANT_MAN_DIR ${PROJECT_BINARY_DIR}/man)
add_custom_command(
  OUTPUT ${SLANT_MAN_DIR}/slant.1
  COMMAND ${CMAKE_COMMAND} -E env ASAN_OPTIONS=detect_leaks=0 LC_ALL=C.UTF-8
          ${CMAKE_COMMAND} -DSLANT=$<TARGET_FILE:slant> -DOUT=${SLANT_MAN_DIR}
          -DWORK=${PROJECT_BINARY_DIR}/man-work -DVERSION=${PROJECT_VERSION}
          -DHELP2MAN=${SLANT_HELP2MAN} -DINCLUDE=${CMAKE_CURRENT_SOURCE_DIR}/dist/slant.h2m
          -P ${CMAKE_CURRENT_SOURCE_DIR}/dist/man.cmake
  DEPENDS slant ${CMAKE_CURRENT_SOURCE_DIR}/dist/man.cmake ${CMAKE_CURRENT_SOURCE_DIR}/dist/slant.h2m
  COMMENT "Making the man pages from the --help texts"
  VERBATIM)
add_custom_target(slant_man ALL DEPENDS ${SLANT_MAN_DIR}/slant.1)

# pkg-config: the header needs glib's flags (GError), so glib-2.0 is
# required; the rest is for static linking only.  libstemmer has no .pc.
get_filename_component(SLANT_STEMMER_LIBDIR ${STEMMER_LIBRARY} DIRECTORY)
set(SLANT_PC_STEMMER -lstemmer)
if(NOT SLANT_STEMMER_LIBDIR IN_LIST CMAKE_C_IMPLICIT_LINK_DIRECTORIES)
  set(SLANT_PC_STEMMER "-L${SLANT_STEMMER_LIBDIR} -lstemmer")
endif()
set(SLANT_PC_ISAL "")
if(ISAL_FOUND)
  set(SLANT_PC_ISAL libisal)
endif()
file(RELATIVE_PATH SLANT_PC_PREFIX ${CMAKE_INSTALL_FULL_LIBDIR}/pkgconfig ${CMAKE_INSTALL_PREFIX})
string(REGEX REPLACE "/$" "" SLANT_PC_PREFIX "${SLANT_PC_PREFIX}")
configure_file(${CMAKE_CURRENT_SOURCE_DIR}/dist/slant.pc.in ${PROJECT_BINARY_DIR}/slant.pc @ONLY)

install(TARGETS slant RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(TARGETS slant_shared slant_lib
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR})
install(FILES ${CMAKE_CURRENT_SOURCE_DIR}/slant.h DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(FILES ${PROJECT_BINARY_DIR}/slant.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
install(DIRECTORY ${SLANT_MAN_DIR}/ DESTINATION ${CMAKE_INSTALL_MANDIR}/man1
        FILES_MATCHING PATTERN "*.1")
install(DIRECTORY ${PROJECT_SOURCE_DIR}/lexicons/ DESTINATION ${SLANT_INSTALL_DATADIR}/lexicons)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/corpora/ DESTINATION ${SLANT_INSTALL_DATADIR}/corpora)
file(GLOB SLANT_SCHEMAS ${CMAKE_CURRENT_SOURCE_DIR}/*.schema.json)
install(FILES ${SLANT_SCHEMAS} DESTINATION ${SLANT_INSTALL_DATADIR}/schemas)
