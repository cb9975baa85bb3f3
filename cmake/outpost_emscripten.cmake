# Everything Emscripten-specific about building the tablet client, in one place: the -s link
# flags, the runtime settings the platform layer relies on, and the assembly of the served web
# folder. No other CMake file sets -s flags on Outpost targets (the imgui target's -sUSE_GLFW=3
# compile flag in outpost_third_party.cmake only selects the GLFW headers).
#
# Pinned toolchain: Debian's emscripten 3.1.6. Newer Emscripten releases rename or drop settings
# used here (USE_WEBGL2, the Browser/GLFW JS internals that platform/touch_input.cc patches), so
# an upgrade must re-run the browser tests in tests/browser.
#
# This file is also run in script mode (cmake -P) after each link to stamp sw.js; see the bottom.

if(NOT CMAKE_SCRIPT_MODE_FILE)

# Links `target` as the browser executable outpost.js + outpost.wasm (never .html: emcc's HTML
# minifier crashes at -O1 and above with 3.1.6; the page is web-root/index.html).
function(outpost_configure_web_target target)
  target_link_options(${target} PRIVATE
    -O2
    # GLFW window and input on a WebGL2 context (shaders are "#version 300 es").
    -sUSE_GLFW=3
    -sUSE_WEBGL2=1
    -sFULL_ES3=1
    # The in-memory /persist the App's SQLite file lives in; platform/web_vault.cc encrypts it
    # into IndexedDB itself. FS must be present even though the only references to it are in
    # EM_JS bodies, which the linker cannot see.
    -sFORCE_FILESYSTEM=1
    # SQLite's page cache and the replica grow with the caseload.
    -sALLOW_MEMORY_GROWTH=1
    # The browser owns the loop: main() returns and the runtime must stay alive.
    -sEXIT_RUNTIME=0
    # EM_JS code hands strings and response bodies to C++ in memory it allocates.
    -sEXPORTED_FUNCTIONS=_main,_malloc,_free
    # Only a page runs the client: drop the Node.js and worker start-up code.
    -sENVIRONMENT=web
    # No exceptions anywhere in Outpost (style.md, habit 2).
    -sDISABLE_EXCEPTION_CATCHING=1)
  set_target_properties(${target} PROPERTIES OUTPUT_NAME outpost SUFFIX ".js")
endfunction()

# After `target` links, makes `out_dir` hold everything the server serves: every file of
# `web_root`, outpost.js and outpost.wasm, and sw.js with its cache version replaced by a hash of
# the build, so that each new build installs a fresh offline cache and deletes the old one.
function(outpost_assemble_web_folder target web_root out_dir)
  add_custom_command(TARGET ${target} POST_BUILD
    COMMAND ${CMAKE_COMMAND} -E make_directory "${out_dir}"
    COMMAND ${CMAKE_COMMAND} -E copy_directory "${web_root}" "${out_dir}"
    COMMAND ${CMAKE_COMMAND} -E copy "$<TARGET_FILE:${target}>"
            "$<TARGET_FILE_DIR:${target}>/outpost.wasm" "${out_dir}"
    COMMAND ${CMAKE_COMMAND} -DOUTPOST_WEB_DIR=${out_dir}
            -P "${CMAKE_CURRENT_FUNCTION_LIST_FILE}"
    COMMENT "Assembling the served web folder in ${out_dir}"
    VERBATIM)
  # Edits to web-root/ alone must also refresh the folder.
  file(GLOB_RECURSE web_root_files CONFIGURE_DEPENDS "${web_root}/*")
  set_property(TARGET ${target} APPEND PROPERTY LINK_DEPENDS ${web_root_files})
endfunction()

else()

# Script mode: OUTPOST_WEB_DIR is the assembled folder. sw.js names its cache
# "outpost-shell-@OUTPOST_SHELL_VERSION@" and precaches @OUTPOST_SHELL_FILES@: every file of the
# folder but sw.js itself, as '/path' JavaScript strings. The version is a hash of those files' names
# and contents, so it changes exactly when something the service worker caches changes, and a
# file added to web-root/ (fonts, say) is cached with no other edit.
file(GLOB_RECURSE shell_files RELATIVE "${OUTPOST_WEB_DIR}" "${OUTPOST_WEB_DIR}/*")
list(REMOVE_ITEM shell_files "sw.js")
list(SORT shell_files)
set(shell_hash_input "")
set(shell_list "")
foreach(name IN LISTS shell_files)
  file(SHA256 "${OUTPOST_WEB_DIR}/${name}" one_hash)
  string(APPEND shell_hash_input "${name} ${one_hash}\n")
  if(shell_list)
    string(APPEND shell_list ", ")
  endif()
  string(APPEND shell_list "'/${name}'")
endforeach()
string(SHA256 shell_version "${shell_hash_input}")
string(SUBSTRING "${shell_version}" 0 16 shell_version)
file(READ "${OUTPOST_WEB_DIR}/sw.js" sw_text)
string(REPLACE "@OUTPOST_SHELL_VERSION@" "${shell_version}" sw_text "${sw_text}")
string(REPLACE "@OUTPOST_SHELL_FILES@" "${shell_list}" sw_text "${sw_text}")
file(WRITE "${OUTPOST_WEB_DIR}/sw.js" "${sw_text}")

endif()
