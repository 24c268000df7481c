# hj_world: virtual clock, seeded RNG, plant, discharge channel, sample line (libc, libm, hj_hw).
add_library(hj_world STATIC
  ${CMAKE_CURRENT_LIST_DIR}/clock.c
  ${CMAKE_CURRENT_LIST_DIR}/rng.c
  ${CMAKE_CURRENT_LIST_DIR}/aqua.c
  ${CMAKE_CURRENT_LIST_DIR}/plant.c
  ${CMAKE_CURRENT_LIST_DIR}/channel.c
  ${CMAKE_CURRENT_LIST_DIR}/sampleline.c
  ${CMAKE_CURRENT_LIST_DIR}/world.c)
# hw-models: water.h (plain data) and the generator under rng.c (hwrng.c).
target_include_directories(hj_world PUBLIC ${CMAKE_CURRENT_LIST_DIR} ${PROJECT_SOURCE_DIR}/hw-models)
target_link_libraries(hj_world PUBLIC hj_hw m PRIVATE hj_warnings)
