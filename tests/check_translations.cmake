# Runs lupdate over the console's sources into a scratch copy of
# puente_es.ts and fails if any message is untranslated: a new tr() string
# without a Spanish translation, or an unfinished one.
file(REMOVE_RECURSE ${WORK_DIR})
file(MAKE_DIRECTORY ${WORK_DIR})
file(COPY ${SOURCE_DIR}/translations/puente_es.ts DESTINATION ${WORK_DIR})
file(GLOB_RECURSE sources ${SOURCE_DIR}/ui/*.cpp ${SOURCE_DIR}/ui/*.h ${SOURCE_DIR}/app/desktop/*.cpp)
execute_process(COMMAND ${LUPDATE} -silent -no-obsolete -locations none ${sources} -ts ${WORK_DIR}/puente_es.ts
    RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "lupdate failed (${rc})")
endif()
file(READ ${WORK_DIR}/puente_es.ts ts)
string(REGEX MATCHALL "<source>[^<]*</source>[ \n\r\t]*<translation type=\"unfinished\"" missing "${ts}")
list(LENGTH missing count)
string(REGEX MATCHALL "<message>" all "${ts}")
list(LENGTH all total)
if(total EQUAL 0)
    message(FATAL_ERROR "puente_es.ts has no messages: lupdate found no tr() strings")
endif()
if(count GREATER 0)
    message(FATAL_ERROR "${count} of ${total} strings have no Spanish translation: ${missing}\n"
        "Run: cmake --build build --target update_translations, then translate translations/puente_es.ts")
endif()
message(STATUS "translations_complete: all ${total} strings translated")
