# shared/rules: the IPES rules engine (no I/O; native and WebAssembly).
target_sources(outpost_shared PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/bank_holidays.cc
  ${CMAKE_CURRENT_LIST_DIR}/compliance.cc
  ${CMAKE_CURRENT_LIST_DIR}/compliance_csv.cc
  ${CMAKE_CURRENT_LIST_DIR}/eligibility.cc
  ${CMAKE_CURRENT_LIST_DIR}/provision_clock.cc
  ${CMAKE_CURRENT_LIST_DIR}/records_internal.cc
  ${CMAKE_CURRENT_LIST_DIR}/rule_sources.cc
  ${CMAKE_CURRENT_LIST_DIR}/working_days.cc
)
