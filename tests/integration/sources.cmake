target_sources(outpost_tests PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/two_devices_test.cc
)
