# The program version comes from project(); the git commit is read when CMake
# configures. So that a commit does not leave a stale id in the binary, CMake
# is told to re-configure when HEAD moves (the reflog of HEAD changes with
# every commit, checkout and merge). Outside git the commit is "unknown".
set(TRUSTSIM_GIT_COMMIT "unknown")
find_package(Git QUIET)
if(GIT_FOUND)
  execute_process(
    COMMAND ${GIT_EXECUTABLE} rev-parse HEAD
    WORKING_DIRECTORY ${PROJECT_SOURCE_DIR}
    OUTPUT_VARIABLE trustsim_head
    OUTPUT_STRIP_TRAILING_WHITESPACE
    RESULT_VARIABLE trustsim_git_status
    ERROR_QUIET)
  if(trustsim_git_status EQUAL 0 AND trustsim_head)
    set(TRUSTSIM_GIT_COMMIT ${trustsim_head})
    execute_process(
      COMMAND ${GIT_EXECUTABLE} rev-parse --absolute-git-dir
      WORKING_DIRECTORY ${PROJECT_SOURCE_DIR}
      OUTPUT_VARIABLE trustsim_git_dir
      OUTPUT_STRIP_TRAILING_WHITESPACE
      ERROR_QUIET)
    if(EXISTS "${trustsim_git_dir}/logs/HEAD")
      set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${trustsim_git_dir}/logs/HEAD")
    endif()
  endif()
endif()
message(STATUS "trustsim ${PROJECT_VERSION}, git commit ${TRUSTSIM_GIT_COMMIT}")
