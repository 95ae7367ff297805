# ck_sanitize.cmake - with CK_SANITIZE set (e.g. address,undefined; clang or gcc), every
# target defined after this is built with those sanitizers and a sanitizer error aborts.
# Included by native/CMakeLists.txt and by projects that link a sanitizer build of the core
# (test/soak/soak-sanitized.ts).
include_guard(GLOBAL)
set(CK_SANITIZE "" CACHE STRING "Sanitizers to build with, e.g. address,undefined")
if(CK_SANITIZE)
  add_compile_options(-fsanitize=${CK_SANITIZE} -fno-sanitize-recover=all
    -fno-omit-frame-pointer -g)
  add_link_options(-fsanitize=${CK_SANITIZE})
endif()
