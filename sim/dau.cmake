# hj_dau: the data acquisition unit (Modbus/TCP client, HJ 212 links, on-disk queue) and the
# range engine that runs stations + DAUs + platform on the virtual clock (range.h).
add_library(hj_dau STATIC
  ${CMAKE_CURRENT_LIST_DIR}/dau.c
  ${CMAKE_CURRENT_LIST_DIR}/dau_queue.c
  ${CMAKE_CURRENT_LIST_DIR}/range.c)
target_include_directories(hj_dau PUBLIC ${CMAKE_CURRENT_LIST_DIR})
target_link_libraries(hj_dau PUBLIC hj_station hj_proto hj_proto_sm4 hj_detect PkgConfig::MODBUS
  Threads::Threads PRIVATE hj_warnings)
