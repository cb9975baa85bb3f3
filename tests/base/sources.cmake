target_sources(outpost_tests PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/civil_date_test.cc
  ${CMAKE_CURRENT_LIST_DIR}/sha256_test.cc
)
