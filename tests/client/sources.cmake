target_sources(outpost_tests PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/app_test.cc
)
