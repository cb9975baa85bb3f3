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
  outpost_embed_ui_font(${target})
endfunction()

# The UI font: DejaVu Sans (Debian's fonts-dejavu-core), cut at build time by pyftsubset
# (Debian's fonttools) to the characters Outpost's English and Welsh text uses, and embedded in
# outpost.wasm as /fonts/outpost-sans.ttf. Embedded rather than served: the first frame needs
# no extra request, and the offline shell is the same three files as before. main_web.cc
# (BuildFonts) loads it and falls back to ImGui's built-in font, which has no w or y with a
# circumflex, if it is missing. The subset file is made in the build tree, never committed.
#
# The code points, as pyftsubset --unicodes (keep in step with kUiGlyphRanges in main_web.cc):
#   U+0020-007E Basic Latin; U+00A0-00FF Latin-1 Supplement (vowels with circumflex or
#   diaeresis, the pound sign); U+0100-017F Latin Extended-A (U+0175 and U+0177, w and y with
#   circumflex); en and em dashes, curly quotes, bullet, ellipsis (U+2013-2026); the euro sign;
#   left and right arrows; U+FFFD, which ImGui draws for a character the font lacks.
set(OUTPOST_UI_FONT_UNICODES
    "U+0020-007E,U+00A0-017F,U+2013-2014,U+2018-2019,U+201C-201D,U+2022,U+2026,U+20AC,U+2190,U+2192,U+FFFD")
function(outpost_embed_ui_font target)
  # Host files: NO_CMAKE_FIND_ROOT_PATH, since Emscripten's toolchain file confines find_* to
  # its sysroot.
  find_file(OUTPOST_DEJAVU_SANS DejaVuSans.ttf
            PATHS /usr/share/fonts/truetype/dejavu NO_DEFAULT_PATH NO_CMAKE_FIND_ROOT_PATH
            DOC "DejaVu Sans (Debian package fonts-dejavu-core), the UI font's source")
  find_program(OUTPOST_PYFTSUBSET pyftsubset NO_CMAKE_FIND_ROOT_PATH
               DOC "pyftsubset (Debian package fonttools)")
  if(NOT OUTPOST_DEJAVU_SANS OR NOT OUTPOST_PYFTSUBSET)
    message(FATAL_ERROR "The UI font needs fonts-dejavu-core and fonttools: run tools/install-deps")
  endif()
  set(font "${CMAKE_BINARY_DIR}/fonts/outpost-sans.ttf")
  # No hinting and no layout tables: ImGui's stb_truetype rasteriser reads neither. The name
  # table is kept whole, since it carries the font's licence.
  add_custom_command(OUTPUT "${font}"
    COMMAND ${CMAKE_COMMAND} -E make_directory "${CMAKE_BINARY_DIR}/fonts"
    COMMAND "${OUTPOST_PYFTSUBSET}" "${OUTPOST_DEJAVU_SANS}"
            "--unicodes=${OUTPOST_UI_FONT_UNICODES}" "--layout-features=" --no-hinting
            "--name-IDs=*" --drop-tables+=FFTM "--output-file=${font}"
    DEPENDS "${OUTPOST_DEJAVU_SANS}"
    COMMENT "Subsetting DejaVu Sans for the UI font"
    VERBATIM)
  add_custom_target(${target}_font DEPENDS "${font}")
  add_dependencies(${target} ${target}_font)
  target_link_options(${target} PRIVATE "SHELL:--embed-file ${font}@/fonts/outpost-sans.ttf")
  set_property(TARGET ${target} APPEND PROPERTY LINK_DEPENDS "${font}")
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
