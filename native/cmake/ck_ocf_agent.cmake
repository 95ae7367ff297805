# ck_add_ocf_agent(<target> <generated_type_c> <output_dir> <output_name>)
#
# Builds the Pacemaker OCF resource agent of one type (docs/ocf.md): the agent's sources in
# native/ocf, the generated type table and ck_core (only the objects the agent uses). The
# caller adds the generated <output_name>_ocf.c with target_sources.
# Output: <output_dir>/<output_name>, an executable.
include_guard(GLOBAL)
find_package(Threads REQUIRED)
get_filename_component(_CK_NATIVE_DIR "${CMAKE_CURRENT_LIST_DIR}/.." ABSOLUTE)

function(ck_add_ocf_agent target type_c output_dir output_name)
  if(NOT TARGET ck_core)
    message(FATAL_ERROR "ck_add_ocf_agent: no target named ck_core; build native/ "
                        "(target ck_core) and import it before calling this function")
  endif()
  file(GLOB agent_sources CONFIGURE_DEPENDS "${_CK_NATIVE_DIR}/ocf/agent_*.c")
  add_executable(${target} ${agent_sources} "${type_c}")
  target_include_directories(${target} PRIVATE
    "${_CK_NATIVE_DIR}/include" "${_CK_NATIVE_DIR}/src" "${_CK_NATIVE_DIR}/ocf")
  target_link_libraries(${target} PRIVATE ck_core Threads::Threads ${CMAKE_DL_LIBS})
  target_compile_definitions(${target} PRIVATE _POSIX_C_SOURCE=200809L)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Werror)
  set_target_properties(${target} PROPERTIES
    C_STANDARD 11
    C_STANDARD_REQUIRED ON
    OUTPUT_NAME "${output_name}"
    RUNTIME_OUTPUT_DIRECTORY "${output_dir}")
  foreach(config IN ITEMS DEBUG RELEASE RELWITHDEBINFO MINSIZEREL)
    set_target_properties(${target} PROPERTIES RUNTIME_OUTPUT_DIRECTORY_${config} "${output_dir}")
  endforeach()
endfunction()
