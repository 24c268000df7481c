# hj_lua: the scenario sandbox (Lua 5.4 with memory cap, instruction budget, no __gc) and
# the coroutine scheduler on virtual time. Dependencies: Lua 5.4, hj_world (clock: time strings), libm.
add_library(hj_lua STATIC sandbox.c vsched.c)
target_include_directories(hj_lua PUBLIC ${CMAKE_CURRENT_SOURCE_DIR})
target_link_libraries(hj_lua PUBLIC PkgConfig::LUA hj_world m PRIVATE hj_warnings)
