# Settings every target shares: link vs_common and you get them.
add_library(vs_common INTERFACE)

target_compile_features(vs_common INTERFACE cxx_std_20)
target_compile_definitions(vs_common INTERFACE
    QT_NO_CAST_FROM_ASCII
    QT_NO_CAST_TO_ASCII
    QT_NO_CONTEXTLESS_CONNECT
    QT_USE_QSTRINGBUILDER
    QT_NO_URL_CAST_FROM_STRING
    QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
    QT_DISABLE_DEPRECATED_UP_TO=0x060400
    VS_VERSION_STRING="${PROJECT_VERSION}")

target_compile_options(vs_common INTERFACE
    -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wcast-align
    -Woverloaded-virtual -Wformat=2 -Wimplicit-fallthrough)
if(VS_WARNINGS_AS_ERRORS)
    target_compile_options(vs_common INTERFACE -Werror)
endif()

if(VS_SANITIZE)
    target_compile_options(vs_common INTERFACE
        -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
    target_link_options(vs_common INTERFACE -fsanitize=address,undefined)
endif()
