target_sources(outpost_tests PRIVATE ${CMAKE_CURRENT_LIST_DIR}/civil_date_test.cc)
