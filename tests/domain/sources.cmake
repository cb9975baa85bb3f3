target_sources(outpost_tests PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/receipt_code_test.cc
  ${CMAKE_CURRENT_LIST_DIR}/validation_test.cc
)
