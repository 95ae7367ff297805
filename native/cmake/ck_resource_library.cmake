# ck_add_resource_library(<target> <generated_type_c> <output_dir> <output_name>)
#
# Builds one resource library: the whole ck_core archive + the generated type file.
# Relies only on a target named ck_core (a static library, possibly IMPORTED) and on
# the include directories native/include and native/src next to this file.
# Output: <output_dir>/lib<output_name>.so on Linux, <output_dir>/<output_name>.dll on Windows.
include_guard(GLOBAL)
find_package(Threads REQUIRED)
get_filename_component(_CK_NATIVE_DIR "${CMAKE_CURRENT_LIST_DIR}/.." ABSOLUTE)

function(ck_add_resource_library target type_c output_dir output_name)
  if(NOT TARGET ck_core)
    message(FATAL_ERROR "ck_add_resource_library: no target named ck_core; build native/ "
                        "(target ck_core) and import it before calling this function")
  endif()
  add_library(${target} SHARED "${type_c}")
  target_include_directories(${target} PRIVATE
    "${_CK_NATIVE_DIR}/include" "${_CK_NATIVE_DIR}/src")
  # The type file does not reference Startup, so the archive must be linked whole or
  # the entry points would be dropped.
  target_link_libraries(${target} PRIVATE "$<LINK_LIBRARY:WHOLE_ARCHIVE,ck_core>"
    Threads::Threads ${CMAKE_DL_LIBS})
  set_target_properties(${target} PROPERTIES
    C_STANDARD 11
    C_STANDARD_REQUIRED ON
    C_VISIBILITY_PRESET hidden
    OUTPUT_NAME "${output_name}"
    LIBRARY_OUTPUT_DIRECTORY "${output_dir}"
    RUNTIME_OUTPUT_DIRECTORY "${output_dir}")
  foreach(config IN ITEMS DEBUG RELEASE RELWITHDEBINFO MINSIZEREL)
    set_target_properties(${target} PROPERTIES
      LIBRARY_OUTPUT_DIRECTORY_${config} "${output_dir}"
      RUNTIME_OUTPUT_DIRECTORY_${config} "${output_dir}")
  endforeach()
  if(WIN32)
    # Link clusapi too (the cluster database, platform/win32_db.c): clusterkit build adds it
    # from its target table (generator/targets.ts).
    set_target_properties(${target} PROPERTIES PREFIX "")
  else()
    set_target_properties(${target} PROPERTIES PREFIX "lib" SUFFIX ".so")
    # nodelete: koffi unloads libraries at exit while our threads may still run.
    # defs: a missing core symbol fails the link instead of the later dlopen; not with
    # sanitizers (CK_SANITIZE), whose runtime the loading process provides (LD_PRELOAD).
    target_link_options(${target} PRIVATE -Wl,-z,nodelete)
    if(NOT CK_SANITIZE)
      target_link_options(${target} PRIVATE -Wl,-z,defs)
    endif()
    target_compile_definitions(${target} PRIVATE _POSIX_C_SOURCE=200809L)
  endif()
  if(NOT MSVC)
    target_compile_options(${target} PRIVATE -Wall -Wextra -Werror)
  endif()
endfunction()
