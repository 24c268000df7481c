# hj_report: report.png / report.html of a run (SDL2 off-screen, SDL2_ttf, fontconfig,
# SDL2_image for the PNG). Used by `hjrange suite`, `hjrange report` and `hjrange run`.
add_library(hj_report STATIC ${CMAKE_CURRENT_LIST_DIR}/report.c)
target_include_directories(hj_report PUBLIC ${CMAKE_CURRENT_LIST_DIR})
target_link_libraries(hj_report PUBLIC hj_score
  PRIVATE SDL2::SDL2 PkgConfig::SDL2TTF PkgConfig::SDL2IMAGE PkgConfig::FONTCONFIG
  PkgConfig::CJSON m hj_warnings)
