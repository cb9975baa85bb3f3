target_sources(outpost_client_ui PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/app.cc
  ${CMAKE_CURRENT_LIST_DIR}/device_lock.cc
  ${CMAKE_CURRENT_LIST_DIR}/export_flow.cc
  ${CMAKE_CURRENT_LIST_DIR}/receipt.cc
  ${CMAKE_CURRENT_LIST_DIR}/record_forms.cc
  ${CMAKE_CURRENT_LIST_DIR}/rule_words.cc
  ${CMAKE_CURRENT_LIST_DIR}/signing.cc
  ${CMAKE_CURRENT_LIST_DIR}/uk_time.cc
  ${CMAKE_CURRENT_LIST_DIR}/words.cc
)
