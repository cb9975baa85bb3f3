target_sources(outpost_tests PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/app_test.cc
  ${CMAKE_CURRENT_LIST_DIR}/device_lock_test.cc
  ${CMAKE_CURRENT_LIST_DIR}/uk_time_test.cc
)
