target_sources(outpost_tests PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/accounts_test.cc
  ${CMAKE_CURRENT_LIST_DIR}/audit_test.cc
  ${CMAKE_CURRENT_LIST_DIR}/seal_test.cc
  ${CMAKE_CURRENT_LIST_DIR}/commands_test.cc
  ${CMAKE_CURRENT_LIST_DIR}/crash_safety_test.cc
  ${CMAKE_CURRENT_LIST_DIR}/export_import_test.cc
  ${CMAKE_CURRENT_LIST_DIR}/hostile_input_test.cc
  ${CMAKE_CURRENT_LIST_DIR}/receipts_test.cc
  ${CMAKE_CURRENT_LIST_DIR}/review_page_test.cc
  ${CMAKE_CURRENT_LIST_DIR}/role_matrix_test.cc
  ${CMAKE_CURRENT_LIST_DIR}/sign_in_throttle_test.cc
  ${CMAKE_CURRENT_LIST_DIR}/static_files_test.cc
  ${CMAKE_CURRENT_LIST_DIR}/sync_api_test.cc
  ${CMAKE_CURRENT_LIST_DIR}/sync_service_test.cc
  ${CMAKE_CURRENT_LIST_DIR}/tls_test.cc
)
