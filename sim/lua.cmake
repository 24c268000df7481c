# hj_lua: the scenario sandbox (Lua 5.4 with memory cap, instruction budget, no __gc), the
# coroutine scheduler on virtual time and the scenario texts (scmsg: the i18n table's
# rows filled in, in the CLI's language). Dependencies: Lua 5.4, hj_world (clock: time
# strings), hj_i18n, libm.
# hj_i18n: the message tables (i18n.c) for the libraries; the hjrange executable compiles
# i18n.c itself, so the archive's copy is only linked where nothing else defines it.
add_library(hj_i18n STATIC i18n.c)
target_include_directories(hj_i18n PUBLIC ${CMAKE_CURRENT_SOURCE_DIR})
target_link_libraries(hj_i18n PRIVATE hj_warnings)
add_library(hj_lua STATIC sandbox.c vsched.c scmsg.c)
target_include_directories(hj_lua PUBLIC ${CMAKE_CURRENT_SOURCE_DIR})
target_link_libraries(hj_lua PUBLIC PkgConfig::LUA hj_world hj_i18n m PRIVATE hj_warnings)
