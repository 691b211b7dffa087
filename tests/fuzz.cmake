# Fuzz targets, included from tests/CMakeLists.txt.
#
#   fuzz/tokenize   tests/fuzz/fuzz-tokenize.c: slant_utf8_validate,
#                   slant_tokenize (alone and title + text), slant_normalize
#   fuzz/corpus     tests/fuzz/fuzz-corpus.c: the corpus readers (JSON Lines,
#                   its record path, gzip, zstd, a directory tree, a text file)
#   fuzz/lexicon    tests/fuzz/fuzz-lexicon.c: slant_lexicon_load_data, the
#                   matcher over the loaded lexicon, slant_lexicon_lint
#   fuzz/dict       tests/fuzz/fuzz-dict.c: slant_dict_read_data in each
#                   format, slant_dict_to_lexicon, slant_dict_export and the
#                   round trip back
#   fuzz/partial    tests/fuzz/fuzz-partial.c: partial results (`merge`):
#                   slant_partial_peek, _merge, _write again, the report
#
# Every build links each target with tests/fuzz/standalone.c into
# fuzz-TARGET, and ctest runs it over its seed corpus (tests/fuzz/seeds/TARGET
# and fixtures of tests/data): a regression test for every input there, under
# ASan and UBSan in the sanitizer build (tools/test --sanitize).  A target
# aborts on a broken invariant; the last "running" line names the input.
#
# With clang, -DSLANT_LIBFUZZER=ON also builds fuzz-TARGET-libfuzzer: real
# libFuzzer binaries (-fsanitize=fuzzer,address,undefined) over a copy of
# slant_lib built with coverage instrumentation and the same sanitizers.  ctest
# does not run them; see tests/fuzz/README.md.

set(SLANT_FUZZ_DIR ${CMAKE_CURRENT_SOURCE_DIR}/fuzz)
set(SLANT_FUZZ_TARGETS tokenize corpus lexicon dict partial)

# Seeds of each target: its own folder, and fixtures that suit it.
set(SLANT_FUZZ_SEEDS_tokenize
    ${SLANT_FUZZ_DIR}/seeds/tokenize
    ${CMAKE_CURRENT_SOURCE_DIR}/data/cli/tokens.txt
    ${CMAKE_CURRENT_SOURCE_DIR}/data/corpus/text
    ${PROJECT_SOURCE_DIR}/corpora/us-japan-cyber-2019)
set(SLANT_FUZZ_SEEDS_corpus
    ${SLANT_FUZZ_DIR}/seeds/corpus
    ${CMAKE_CURRENT_SOURCE_DIR}/data/corpus
    ${CMAKE_CURRENT_SOURCE_DIR}/data/cli/articles.jsonl
    ${CMAKE_CURRENT_SOURCE_DIR}/data/cli/articles.jsonl.gz
    ${CMAKE_CURRENT_SOURCE_DIR}/data/cli/malformed.jsonl)
set(SLANT_FUZZ_SEEDS_lexicon
    ${SLANT_FUZZ_DIR}/seeds/lexicon
    ${CMAKE_CURRENT_SOURCE_DIR}/data/lexicon
    ${CMAKE_CURRENT_SOURCE_DIR}/data/cli/lexicon.json
    ${CMAKE_CURRENT_SOURCE_DIR}/data/cli/lexicon-broken.json
    ${CMAKE_CURRENT_SOURCE_DIR}/data/cli/lexicon-collision.json
    ${PROJECT_SOURCE_DIR}/lexicons/us-japan-alliance.json)
set(SLANT_FUZZ_SEEDS_dict
    ${SLANT_FUZZ_DIR}/seeds/dict
    ${CMAKE_CURRENT_SOURCE_DIR}/data/dict
    ${CMAKE_CURRENT_SOURCE_DIR}/data/cli/wordlist.tsv
    ${CMAKE_CURRENT_SOURCE_DIR}/data/cli/wordlist-clean.tsv)
set(SLANT_FUZZ_SEEDS_partial
    ${SLANT_FUZZ_DIR}/seeds/partial)

foreach(target ${SLANT_FUZZ_TARGETS})
  add_executable(fuzz-${target} ${SLANT_FUZZ_DIR}/fuzz-${target}.c ${SLANT_FUZZ_DIR}/standalone.c)
  target_link_libraries(fuzz-${target} PRIVATE slant_lib PkgConfig::ZSTD)
  add_test(NAME fuzz/${target} COMMAND fuzz-${target} ${SLANT_FUZZ_SEEDS_${target}})
endforeach()

if(CMAKE_C_COMPILER_ID MATCHES "Clang")
  option(SLANT_LIBFUZZER "Build libFuzzer binaries fuzz-*-libfuzzer (clang only; not run by ctest)" OFF)
  if(SLANT_LIBFUZZER)
    set(SLANT_FUZZ_FLAGS -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all
                         -fno-omit-frame-pointer -g)
    # slant_lib again, instrumented for coverage: libFuzzer sees nothing of
    # code built without it.
    get_target_property(SLANT_FUZZ_LIB_SOURCES slant_lib SOURCES)
    get_target_property(SLANT_FUZZ_LIB_INCLUDES slant_lib INTERFACE_INCLUDE_DIRECTORIES)
    get_target_property(SLANT_FUZZ_LIB_DEFINES slant_lib INTERFACE_COMPILE_DEFINITIONS)
    get_target_property(SLANT_FUZZ_LIB_LIBS slant_lib LINK_LIBRARIES)
    add_library(slant_lib_fuzz STATIC ${SLANT_FUZZ_LIB_SOURCES})
    target_include_directories(slant_lib_fuzz PUBLIC ${SLANT_FUZZ_LIB_INCLUDES})
    target_compile_definitions(slant_lib_fuzz PUBLIC ${SLANT_FUZZ_LIB_DEFINES})
    target_link_libraries(slant_lib_fuzz PUBLIC ${SLANT_FUZZ_LIB_LIBS})
    target_compile_options(slant_lib_fuzz PRIVATE ${SLANT_FUZZ_FLAGS})
    foreach(target ${SLANT_FUZZ_TARGETS})
      add_executable(fuzz-${target}-libfuzzer ${SLANT_FUZZ_DIR}/fuzz-${target}.c)
      target_link_libraries(fuzz-${target}-libfuzzer PRIVATE slant_lib_fuzz PkgConfig::ZSTD)
      target_compile_options(fuzz-${target}-libfuzzer PRIVATE ${SLANT_FUZZ_FLAGS})
      target_link_options(fuzz-${target}-libfuzzer PRIVATE
                          -fsanitize=fuzzer,address,undefined)
    endforeach()
  endif()
endif()
