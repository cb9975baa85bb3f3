target_sources(outpost_tests PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/bank_holidays_test.cc
  ${CMAKE_CURRENT_LIST_DIR}/compliance_csv_test.cc
  ${CMAKE_CURRENT_LIST_DIR}/compliance_test.cc
  ${CMAKE_CURRENT_LIST_DIR}/eligibility_test.cc
  ${CMAKE_CURRENT_LIST_DIR}/journey_test.cc
  ${CMAKE_CURRENT_LIST_DIR}/provision_clock_test.cc
  ${CMAKE_CURRENT_LIST_DIR}/working_days_test.cc
)
