# Build-time settings that change how fast the tree compiles and links, never what it does.
# CI (scripts/test.sh) builds the whole tree twice on a small shared machine, so these matter.
#
#   VS_PRECOMPILED_HEADERS  one precompiled header with the QtCore and standard headers nearly
#                           every file includes, built once and reused by every target (GCC only).
#   VS_UNITY_BUILD          compile the sources of each library under core/ and ui/ as one
#                           combined file: Qt's headers are parsed once per library, not per file.
#                           Each library is one batch, so helpers in anonymous namespaces must
#                           have distinct names within a library (a clash always fails to compile).
#   VS_LINKER               passed as -fuse-ld=<name> (lld, mold, gold); empty keeps the default.
#                           Defaults to lld when ld.lld is installed.
#   VS_DEBUG_INFO           0-3: -g<N> on top of the build type's flags; CI builds use 0 and 1.
#   VS_OPTIMIZATION         0-3, s or g: -O<N> on top of the build type's flags. CI's sanitizer
#                           pass uses 1: a third less compile time than -O2, and the usual
#                           level for ASan.

option(VS_PRECOMPILED_HEADERS "Reuse one precompiled header of QtCore and std headers (GCC)" ON)
option(VS_UNITY_BUILD "Compile each core/ and ui/ library as one combined file" ON)

find_program(VS_LLD_PROGRAM ld.lld)
mark_as_advanced(VS_LLD_PROGRAM)
if(VS_LLD_PROGRAM)
    set(vs_default_linker lld)
else()
    set(vs_default_linker "")
endif()
set(VS_LINKER "${vs_default_linker}" CACHE STRING "Linker for -fuse-ld= (lld, mold, gold; empty: compiler default)")
if(VS_LINKER)
    target_link_options(vs_common INTERFACE -fuse-ld=${VS_LINKER})
endif()

set(VS_DEBUG_INFO "" CACHE STRING "Debug information level 0-3 (-g<N>); empty: the build type's")
if(NOT VS_DEBUG_INFO STREQUAL "")
    if(NOT VS_DEBUG_INFO MATCHES "^[0-3]$")
        message(FATAL_ERROR "VS_DEBUG_INFO must be 0, 1, 2 or 3, not '${VS_DEBUG_INFO}'")
    endif()
    # Target options come after CMAKE_CXX_FLAGS_<CONFIG>, and the last -g<N> wins.
    target_compile_options(vs_common INTERFACE -g${VS_DEBUG_INFO})
endif()

set(VS_OPTIMIZATION "" CACHE STRING "Optimization level 0-3, s or g (-O<N>); empty: the build type's")
if(NOT VS_OPTIMIZATION STREQUAL "")
    if(NOT VS_OPTIMIZATION MATCHES "^[0-3sg]$")
        message(FATAL_ERROR "VS_OPTIMIZATION must be 0, 1, 2, 3, s or g, not '${VS_OPTIMIZATION}'")
    endif()
    target_compile_options(vs_common INTERFACE -O${VS_OPTIMIZATION})
    # GCC's maybe-uninitialized analysis depends on the optimization level and gives false
    # positives below -O2; builds at the default level (CI's pass 1) keep it an error.
    if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND NOT VS_OPTIMIZATION MATCHES "^[23]$")
        target_compile_options(vs_common INTERFACE -Wno-error=maybe-uninitialized)
    endif()
endif()

# Only headers from QtCore and the standard library: they test no per-module macro
# (QT_WIDGETS_LIB, QT_NETWORK_LIB, ...), so one header fits every target. QtTest, QtNetwork and
# QtWidgets headers do test such macros and would make the shared header invalid for some targets.
set(VS_PCH_HEADERS
    <algorithm> <array> <atomic> <chrono> <cstdint> <functional> <memory> <optional> <vector>
    <QByteArray> <QDateTime> <QHash> <QJsonArray> <QJsonDocument> <QJsonObject> <QList>
    <QLoggingCategory> <QObject> <QString> <QStringList> <QTimer>)

# Call once every target exists (end of the root CMakeLists.txt). Every target that links vs_common
# directly reuses the header of vs_pch. GCC quietly ignores a precompiled header whose flags do not
# match and parses the headers instead, so a mismatch costs time, never correctness; clang fails
# instead, so clang builds (the fuzzers) compile without it.
function(vs_enable_precompiled_headers)
    if(NOT VS_PRECOMPILED_HEADERS OR NOT CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
        return()
    endif()
    add_library(vs_pch STATIC ${PROJECT_SOURCE_DIR}/cmake/PrecompiledHeader.cpp)
    target_link_libraries(vs_pch PRIVATE vs_common Qt6::Core)
    target_precompile_headers(vs_pch PRIVATE ${VS_PCH_HEADERS})

    set(directories ${PROJECT_SOURCE_DIR})
    while(directories)
        list(POP_FRONT directories directory)
        get_property(children DIRECTORY ${directory} PROPERTY SUBDIRECTORIES)
        list(APPEND directories ${children})
        get_property(targets DIRECTORY ${directory} PROPERTY BUILDSYSTEM_TARGETS)
        foreach(target IN LISTS targets)
            get_target_property(type ${target} TYPE)
            get_target_property(libraries ${target} LINK_LIBRARIES)
            if(NOT target STREQUAL "vs_pch"
                AND type MATCHES "^(EXECUTABLE|STATIC_LIBRARY|SHARED_LIBRARY|OBJECT_LIBRARY)$"
                AND "vs_common" IN_LIST libraries)
                set_target_properties(${target} PROPERTIES PRECOMPILE_HEADERS_REUSE_FROM vs_pch)
            endif()
        endforeach()
    endwhile()
endfunction()

# Call once every target exists. Only the libraries: a test or program is one or two files, and
# combining a test with its moc output trips -Wsubobject-linkage.
function(vs_enable_unity_builds)
    if(NOT VS_UNITY_BUILD)
        return()
    endif()
    # core/ and ui/ as far as they are part of this build (ui/ is not under VS_BUILD_GUI=OFF).
    get_property(added DIRECTORY ${PROJECT_SOURCE_DIR} PROPERTY SUBDIRECTORIES)
    set(directories)
    foreach(directory IN LISTS added)
        if(directory STREQUAL "${PROJECT_SOURCE_DIR}/core"
           OR directory STREQUAL "${PROJECT_SOURCE_DIR}/ui")
            list(APPEND directories ${directory})
        endif()
    endforeach()
    while(directories)
        list(POP_FRONT directories directory)
        get_property(children DIRECTORY ${directory} PROPERTY SUBDIRECTORIES)
        list(APPEND directories ${children})
        get_property(targets DIRECTORY ${directory} PROPERTY BUILDSYSTEM_TARGETS)
        foreach(target IN LISTS targets)
            get_target_property(type ${target} TYPE)
            if(type STREQUAL "STATIC_LIBRARY")
                # One batch per library: a name defined twice in a library's anonymous namespaces
                # then always fails to compile, not only when a new file happens to put the two
                # files in one batch. (As fast as batches of 8 here: 62 s against 66 s.)
                set_target_properties(${target} PROPERTIES UNITY_BUILD ON UNITY_BUILD_BATCH_SIZE 0)
            endif()
        endforeach()
    endwhile()
endfunction()
