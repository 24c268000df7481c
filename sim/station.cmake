# hj_station: one station room = world physics + device models + its Modbus/TCP endpoint.
add_library(hj_station STATIC ${CMAKE_CURRENT_LIST_DIR}/station.c)
target_include_directories(hj_station PUBLIC ${CMAKE_CURRENT_LIST_DIR})
target_link_libraries(hj_station PUBLIC hj_world hj_hw hj_net PRIVATE hj_warnings)
