# `cpack -G DEB` in a build directory makes a .deb that apt installs on Debian 12, pulling the
# Qt libraries through dpkg-shlibdeps; plugins loaded at run time are named explicitly.
set(CPACK_PACKAGE_NAME "videostreams")
set(CPACK_PACKAGE_VENDOR "VideoStreams")
set(CPACK_PACKAGE_CONTACT "VideoStreams maintainers <maintainers@videostreams.invalid>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_GENERATOR "DEB")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION "net")
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "libqt6sql6-sqlite, qt6-qpa-plugins")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "redis-server")
set(CPACK_PACKAGING_INSTALL_PREFIX "/usr")
# The installed binary needs no symbols; unstripped it is about 36 MB.
set(CPACK_STRIP_FILES ON)
include(CPack)
