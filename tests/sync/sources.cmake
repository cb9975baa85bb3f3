target_sources(outpost_tests PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/change_test.cc
  ${CMAKE_CURRENT_LIST_DIR}/codec_test.cc
  ${CMAKE_CURRENT_LIST_DIR}/golden_test.cc
  ${CMAKE_CURRENT_LIST_DIR}/json_text_test.cc
)
target_sources(outpost_tests PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/convergence_test.cc
)
