# Compiler warnings and sanitizer flags shared by every baton target.
function(baton_target_defaults target)
  target_compile_options(${target} PRIVATE
    -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion
    -Wnon-virtual-dtor -Wold-style-cast -Woverloaded-virtual
    -Wimplicit-fallthrough -Werror=return-type
    # GCC 12 reports false positives inside libstdc++'s string concatenation (GCC bug 105651).
    $<$<CXX_COMPILER_ID:GNU>:-Wno-restrict>)
  # -Wnull-dereference is left out: with GCC 12 it fires inside Boost.Any and libstdc++, not our code.
  if(BATON_SANITIZE)
    target_compile_options(${target} PRIVATE
      -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
    target_link_options(${target} PRIVATE -fsanitize=address,undefined)
  endif()
  if(BATON_FUZZ)
    # Coverage for libFuzzer in every baton library; fuzz/CMakeLists.txt links the targets with the fuzzer.
    target_compile_options(${target} PRIVATE
      -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer)
    target_link_options(${target} PRIVATE -fsanitize=address,undefined)
  endif()
endfunction()

# A static library of one stage family: its folder is its include root.
function(baton_library name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPENDS" ${ARGN})
  add_library(${name} STATIC ${ARG_SOURCES})
  target_include_directories(${name} PUBLIC ${CMAKE_SOURCE_DIR})
  target_link_libraries(${name} PUBLIC ${ARG_DEPENDS})
  baton_target_defaults(${name})
endfunction()

# A program that runs baton's stages: malloc and free come from jemalloc (BATON_ALLOCATOR_LIBRARY, set by the top
# CMakeLists.txt when the build uses it) for the whole process, SQLite and libxml2 included. Measured in
# docs/benchmarks.md ("The allocator").
function(baton_program_allocator target)
  if(BATON_ALLOCATOR_LIBRARY)
    target_link_libraries(${target} PRIVATE ${BATON_ALLOCATOR_LIBRARY})
  endif()
endfunction()
