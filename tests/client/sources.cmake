target_sources(outpost_tests PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/app_test.cc
  ${CMAKE_CURRENT_LIST_DIR}/device_lock_test.cc
  ${CMAKE_CURRENT_LIST_DIR}/export_flow_test.cc
  ${CMAKE_CURRENT_LIST_DIR}/frame_picture_test.cc
  ${CMAKE_CURRENT_LIST_DIR}/receipt_test.cc
  ${CMAKE_CURRENT_LIST_DIR}/signature_pad_test.cc
  ${CMAKE_CURRENT_LIST_DIR}/signing_screen_test.cc
  ${CMAKE_CURRENT_LIST_DIR}/signing_test.cc
  ${CMAKE_CURRENT_LIST_DIR}/uk_time_test.cc
)
