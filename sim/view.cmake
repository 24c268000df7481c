# hj_view: the SDL2 training range view (`hjrange view`): the core (view.c, no SDL) and
# its SDL2 driver (view-sdl.c: window, renderer, fonts through fontconfig, PNG).
add_library(hj_view STATIC
  ${CMAKE_CURRENT_LIST_DIR}/view.c
  ${CMAKE_CURRENT_LIST_DIR}/view-sdl.c)
target_include_directories(hj_view PUBLIC ${CMAKE_CURRENT_LIST_DIR})
target_link_libraries(hj_view PUBLIC hj_scen hj_dau hj_detect hj_score
  SDL2::SDL2 PkgConfig::SDL2TTF PkgConfig::SDL2IMAGE PkgConfig::FONTCONFIG PkgConfig::CJSON m
  PRIVATE hj_warnings)
