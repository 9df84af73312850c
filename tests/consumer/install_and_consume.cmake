# SPDX-License-Identifier: MIT
# cmake -P script run by ctest: install, then build and run the consumer against the install.
file(REMOVE_RECURSE ${WORK_DIR})
set(prefix ${WORK_DIR}/prefix)

function(run)
    execute_process(COMMAND ${ARGN} RESULT_VARIABLE result)
    if(NOT result EQUAL 0)
        string(JOIN " " command ${ARGN})
        message(FATAL_ERROR "failed (${result}): ${command}")
    endif()
endfunction()

run(${CMAKE_COMMAND} --install ${APROC_BUILD_DIR} --prefix ${prefix})
if(NOT EXISTS ${prefix}/lib/cmake/Aproc/AprocConfig.cmake AND NOT EXISTS ${prefix}/lib64/cmake/Aproc/AprocConfig.cmake)
    file(GLOB_RECURSE found ${prefix}/*AprocConfig.cmake)
    if(NOT found)
        message(FATAL_ERROR "no AprocConfig.cmake under ${prefix}")
    endif()
endif()
run(${CMAKE_COMMAND} -S ${CONSUMER_SOURCE_DIR} -B ${WORK_DIR}/build -G ${GENERATOR}
    -DCMAKE_PREFIX_PATH=${prefix} -DCMAKE_BUILD_TYPE=Release)
run(${CMAKE_COMMAND} --build ${WORK_DIR}/build)
run(${WORK_DIR}/build/aproc-consumer)
