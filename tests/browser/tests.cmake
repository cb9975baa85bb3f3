# Browser tests: node's test runner drives Debian's Chromium (playwright-core) against the real
# outpost-sync-server on 127.0.0.1, serving the client built in the wasm tree.
set(OUTPOST_WEB_ROOT "${PROJECT_SOURCE_DIR}/build/wasm/web"
    CACHE PATH "The built client folder (outpost.js, outpost.wasm and web-root/) to serve")
find_program(OUTPOST_NODE node REQUIRED)
foreach(browser_test walking_skeleton device_lock app_update font drawing export workflows)
  add_test(NAME browser.${browser_test}
           COMMAND ${OUTPOST_NODE} --test ${CMAKE_CURRENT_LIST_DIR}/${browser_test}.test.mjs
           WORKING_DIRECTORY ${CMAKE_CURRENT_LIST_DIR})
  set_tests_properties(browser.${browser_test} PROPERTIES
    TIMEOUT 900  # workflows photographs every screen twice: about 5 minutes on 2 cores
    RUN_SERIAL TRUE
    ENVIRONMENT "OUTPOST_SERVER_BINARY=$<TARGET_FILE:outpost-sync-server>;OUTPOST_WEB_ROOT=${OUTPOST_WEB_ROOT};OUTPOST_ARTIFACTS=${PROJECT_SOURCE_DIR}/test-artifacts/browser")
endforeach()
