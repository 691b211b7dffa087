# The Debian package (included from the top CMakeLists.txt): in a build
# folder, `cpack -G DEB` makes slant_VERSION_ARCH.deb of what `cmake
# --install` puts in place, under /usr.  One package: the command, the
# library (shared and static), the header and slant.pc, the man pages and
# the data.  The installed binary finds /usr/share/slant from /usr/bin
# (engine/cli/cli-data.c), whatever prefix the build was configured for.
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME slant)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_VENDOR "slant")
set(CPACK_PACKAGE_CONTACT "slant developers <slant@example.org>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "stance and bias comparison engine for news text")
set(CPACK_PACKAGE_DESCRIPTION
    "slant stems news text with Snowball, scores it against framing lexicons and writes\n"
    "per-source comparison reports as JSON, with bootstrap intervals. The package holds\n"
    "the slant command, libslant (shared and static) with slant.h and slant.pc, the man\n"
    "pages, and the bundled lexicons, corpus and JSON Schemas.")
string(REPLACE ";" "" CPACK_PACKAGE_DESCRIPTION "${CPACK_PACKAGE_DESCRIPTION}")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION science)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
# libslant.so.0: a shlibs file for packages built against it, and the
# ldconfig trigger
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS ON)
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS_POLICY "=")
# Depends from the libraries the binaries link (dpkg-shlibdeps, which needs
# the file command); without those tools, the same packages listed by hand.
find_program(SLANT_DPKG_SHLIBDEPS dpkg-shlibdeps)
find_program(SLANT_FILE file)
if(SLANT_DPKG_SHLIBDEPS AND SLANT_FILE)
  set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
else()
  set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS OFF)
  set(CPACK_DEBIAN_PACKAGE_DEPENDS "libc6, libglib2.0-0, libcjson1, libstemmer0d, libzstd1, libisal2")
endif()
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "pkg-config, libglib2.0-dev, libcjson-dev, libstemmer-dev, libzstd-dev, libisal-dev")
include(CPack)
