# The warning set every Outpost target uses, and the sanitizer switch.
# Third-party code (imgui, the SQLite amalgamation) is compiled without these.
add_library(outpost_warnings INTERFACE)
target_compile_options(outpost_warnings INTERFACE -Wall -Wextra -Wno-unused-parameter)

option(OUTPOST_SANITIZE "Build native targets with AddressSanitizer and UBSan" OFF)
if(OUTPOST_SANITIZE AND NOT EMSCRIPTEN)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer)
  add_link_options(-fsanitize=address,undefined)
endif()
