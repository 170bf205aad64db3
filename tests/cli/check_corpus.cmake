# Runs `divboard check` over the malformed corpus: every file must exit 1 (never crash or
# hang) with the expected "FILE: /pointer: message" line; valid files must exit 0.
# Expectations live in tests/corpus/expected.tsv: file, pointer, part of the message.
file(MAKE_DIRECTORY "${WORK_DIR}")
set(failures "")

function(run_check file out_code out_text)
  execute_process(COMMAND "${DIVBOARD}" check "${file}" RESULT_VARIABLE code OUTPUT_VARIABLE text
                  ERROR_VARIABLE err TIMEOUT 20)
  set(${out_code} "${code}" PARENT_SCOPE)
  set(${out_text} "${text}${err}" PARENT_SCOPE)
endfunction()

# Inputs too large or too odd to commit are made here.
string(REPEAT "[" 100000 deep)
file(WRITE "${WORK_DIR}/deep.json" "${deep}")
file(WRITE "${WORK_DIR}/empty.json" "")
# Huge arrays, strings and objects and deep nesting of every kind (tests/corpus/make_generated.py).
execute_process(COMMAND /usr/bin/python3 "${SOURCE_DIR}/tests/corpus/make_generated.py" "${WORK_DIR}"
                RESULT_VARIABLE made)
if(NOT made EQUAL 0)
  message(FATAL_ERROR "tests/corpus/make_generated.py failed")
endif()

file(STRINGS "${SOURCE_DIR}/tests/corpus/expected.tsv" rows)
set(count 0)
foreach(row IN LISTS rows)
  if(row MATCHES "^#" OR row STREQUAL "")
    continue()
  endif()
  string(REPLACE "\t" ";" fields "${row}")
  list(GET fields 0 name)
  list(GET fields 1 pointer)
  list(GET fields 2 message)
  # "/0*64" stands for "/0" written 64 times.
  if(pointer MATCHES "^(.*)\\*([0-9]+)$")
    string(REPEAT "${CMAKE_MATCH_1}" ${CMAKE_MATCH_2} pointer)
  endif()
  if(EXISTS "${WORK_DIR}/${name}")
    set(path "${WORK_DIR}/${name}")
  else()
    set(path "${SOURCE_DIR}/tests/corpus/bad/${name}")
  endif()
  run_check("${path}" code text)
  math(EXPR count "${count} + 1")
  if(NOT code EQUAL 1)
    string(APPEND failures "${name}: exit ${code}, expected 1\n${text}\n")
    continue()
  endif()
  string(FIND "${text}" "${path}: ${pointer}: " at_pointer)
  string(FIND "${text}" "${message}" at_message)
  if(at_pointer EQUAL -1 OR at_message EQUAL -1)
    string(APPEND failures "${name}: expected '${pointer}: ...${message}...', got:\n${text}\n")
  endif()
endforeach()

file(GLOB good "${SOURCE_DIR}/tests/corpus/good/*.json" "${WORK_DIR}/good/*.json")
foreach(path IN LISTS good)
  run_check("${path}" code text)
  if(NOT code EQUAL 0)
    string(APPEND failures "${path}: exit ${code}, expected 0\n${text}\n")
  endif()
endforeach()

execute_process(COMMAND "${DIVBOARD}" check RESULT_VARIABLE code OUTPUT_QUIET ERROR_QUIET)
if(NOT code EQUAL 2)
  string(APPEND failures "check with no FILE: exit ${code}, expected 2\n")
endif()

if(failures)
  message(FATAL_ERROR "${failures}")
endif()
message(STATUS "checked ${count} malformed files")
