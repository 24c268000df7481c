# hj_net: the Modbus/TCP endpoints of the stations (MBAP framing, libmodbus replies, one
# epoll loop for every endpoint). Threading model: see mbloop.h.
add_library(hj_net STATIC
  ${CMAKE_CURRENT_LIST_DIR}/mbframe.c
  ${CMAKE_CURRENT_LIST_DIR}/mbreply.c
  ${CMAKE_CURRENT_LIST_DIR}/mbloop.c
  ${CMAKE_CURRENT_LIST_DIR}/mbserver.c)
target_include_directories(hj_net PUBLIC
  ${CMAKE_CURRENT_LIST_DIR}
  ${CMAKE_CURRENT_LIST_DIR}/../hw-models)
target_link_libraries(hj_net PUBLIC PkgConfig::MODBUS hj_warnings)
