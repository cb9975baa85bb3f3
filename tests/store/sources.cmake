target_sources(outpost_tests PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/migrations_test.cc
  ${CMAKE_CURRENT_LIST_DIR}/change_store_test.cc
  ${CMAKE_CURRENT_LIST_DIR}/plan_versions_test.cc
  ${CMAKE_CURRENT_LIST_DIR}/record_store_test.cc
)
