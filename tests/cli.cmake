# CLI-level tests, included from tests/CMakeLists.txt.
#
#   golden/GROUP       tests/golden/run.py --group GROUP: the cases
#                      tests/golden/cases/GROUP-* (exact stdout, stderr and
#                      exit status; reports validated against
#                      engine/report.schema.json and engine/score.schema.json);
#                      a failure names the case.  One test per group rather
#                      than per case: Python and jsonschema start once a group.
#   golden/schema-selftest
#                      the schemas accept real output and reject broken ones
#   determinism/NAME   tests/golden/determinism.py: the same bytes run after run
#                      and whatever the thread count
#   diff/junit         tests/diff/test-junit.py: the JUnit XML of `slant diff`
#                      parses (xml.etree) and its counts are the JSON output's;
#                      the default format is text on a terminal, JSON in a pipe
#
# Each runs the slant binary of this build ($<TARGET_FILE:slant>), so the
# sanitizer build (build-asan/) tests its own binary, with the source folder
# as working directory: paths in reports are relative ("tests/data/cli/...").
# One case by hand: tests/golden/run.py --slant build/slant --source-dir . --case NAME

# Debian's interpreter first: tools/setup installs python3-jsonschema for it,
# while another python3 earlier on PATH may lack the module.
if(EXISTS /usr/bin/python3 AND NOT DEFINED Python3_EXECUTABLE)
  set(Python3_EXECUTABLE /usr/bin/python3)
endif()
find_package(Python3 COMPONENTS Interpreter REQUIRED)
# The interpreter itself, not a launcher in front of it (a pyenv shim costs
# about half a second per run).
execute_process(COMMAND ${Python3_EXECUTABLE} -c "import sys; print(sys.executable)"
                OUTPUT_VARIABLE SLANT_PYTHON OUTPUT_STRIP_TRAILING_WHITESPACE
                RESULT_VARIABLE rc)
if(NOT rc EQUAL 0 OR NOT EXISTS "${SLANT_PYTHON}")
  set(SLANT_PYTHON ${Python3_EXECUTABLE})
endif()

set(SLANT_GOLDEN_DIR ${CMAKE_CURRENT_SOURCE_DIR}/golden)
set(SLANT_CLI_ENV "SLANT_DATA_DIR=${PROJECT_SOURCE_DIR}")

file(GLOB SLANT_GOLDEN_CASES LIST_DIRECTORIES true CONFIGURE_DEPENDS
     ${SLANT_GOLDEN_DIR}/cases/*)
set(SLANT_GOLDEN_GROUPS "")
foreach(dir ${SLANT_GOLDEN_CASES})
  if(IS_DIRECTORY ${dir})
    get_filename_component(name ${dir} NAME)
    string(REGEX REPLACE "-.*" "" group ${name})
    list(APPEND SLANT_GOLDEN_GROUPS ${group})
  endif()
endforeach()
list(REMOVE_DUPLICATES SLANT_GOLDEN_GROUPS)

foreach(group ${SLANT_GOLDEN_GROUPS})
  add_test(NAME golden/${group}
           COMMAND ${SLANT_PYTHON} ${SLANT_GOLDEN_DIR}/run.py
                   --slant $<TARGET_FILE:slant> --source-dir ${PROJECT_SOURCE_DIR}
                   --group ${group}
           WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
  set_tests_properties(golden/${group} PROPERTIES
                       ENVIRONMENT "${SLANT_CLI_ENV}" LABELS "cli;golden" TIMEOUT 300)
endforeach()

add_test(NAME golden/schema-selftest
         COMMAND ${SLANT_PYTHON} ${SLANT_GOLDEN_DIR}/run.py
                 --slant $<TARGET_FILE:slant> --source-dir ${PROJECT_SOURCE_DIR}
                 --schema-selftest
         WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
set_tests_properties(golden/schema-selftest PROPERTIES
                     ENVIRONMENT "${SLANT_CLI_ENV}" LABELS "cli;golden" TIMEOUT 120)

foreach(name bundled-twice threads-compare threads-documents threads-score-hits threads-suggest
             threads-voice)
  add_test(NAME determinism/${name}
           COMMAND ${SLANT_PYTHON} ${SLANT_GOLDEN_DIR}/determinism.py
                   --slant $<TARGET_FILE:slant> --source-dir ${PROJECT_SOURCE_DIR}
                   --test ${name}
           WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
  set_tests_properties(determinism/${name} PROPERTIES
                       ENVIRONMENT "${SLANT_CLI_ENV}" LABELS "cli;determinism" TIMEOUT 300)
endforeach()

add_test(NAME diff/junit
         COMMAND ${SLANT_PYTHON} ${CMAKE_CURRENT_SOURCE_DIR}/diff/test-junit.py
                 $<TARGET_FILE:slant> ${PROJECT_SOURCE_DIR})
set_tests_properties(diff/junit PROPERTIES
                     ENVIRONMENT "${SLANT_CLI_ENV}" LABELS "cli" TIMEOUT 120)
