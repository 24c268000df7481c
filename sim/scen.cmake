# hj_scen: the scenario runtime (SCENARIO-API.md bindings over the sandbox, the scheduler
# and the range engine). HJ_SCEN_LIB_DIR: the fraud library require() uses by default.
add_library(hj_scen STATIC
  ${CMAKE_CURRENT_LIST_DIR}/scen.c
  ${CMAKE_CURRENT_LIST_DIR}/scen_obj.c
  ${CMAKE_CURRENT_LIST_DIR}/libdir.c)
target_include_directories(hj_scen PUBLIC ${CMAKE_CURRENT_LIST_DIR})
target_link_libraries(hj_scen PUBLIC hj_lua hj_station hj_dau hj_world PkgConfig::CJSON PRIVATE hj_warnings)
target_compile_definitions(hj_scen PUBLIC HJ_SCEN_LIB_DIR="${PROJECT_SOURCE_DIR}/scenarios/lib")
# libdir.c: an installed hjrange finds the library where `cmake --install` puts it
# (HJ_INSTALL_LIBDIR, CMakeLists.txt), relative to its own folder so that any --prefix works
file(RELATIVE_PATH HJ_LIBDIR_REL "${CMAKE_INSTALL_FULL_BINDIR}" "${HJ_INSTALL_FULL_LIBDIR}")
set_source_files_properties(${CMAKE_CURRENT_LIST_DIR}/libdir.c PROPERTIES COMPILE_DEFINITIONS
  "HJ_LIBDIR_REL=\"${HJ_LIBDIR_REL}\";HJ_BUILD_DIR=\"${CMAKE_BINARY_DIR}\"")
