# shared/domain: record types (header only), validation and the IPES07 notice text.
target_sources(outpost_shared PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/ipes07_notice.cc
  ${CMAKE_CURRENT_LIST_DIR}/receipt_code.cc
  ${CMAKE_CURRENT_LIST_DIR}/validation.cc
)
