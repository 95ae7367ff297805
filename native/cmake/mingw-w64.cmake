# CMake toolchain file: cross-compile clusterkit for 64-bit Windows with mingw-w64
# (Debian package gcc-mingw-w64-x86-64). Use it with
#   cmake -S native -B build/win -DCMAKE_TOOLCHAIN_FILE=native/cmake/mingw-w64.cmake
# On a real Windows machine do not use this file: Visual Studio's generator and the
# Windows SDK take its place (see docs/windows.md).
set(CMAKE_SYSTEM_NAME Windows)
set(CMAKE_SYSTEM_PROCESSOR AMD64)

set(CK_MINGW_PREFIX x86_64-w64-mingw32 CACHE STRING "mingw-w64 target triplet")
set(CMAKE_C_COMPILER ${CK_MINGW_PREFIX}-gcc)
set(CMAKE_CXX_COMPILER ${CK_MINGW_PREFIX}-g++)
set(CMAKE_RC_COMPILER ${CK_MINGW_PREFIX}-windres)

# Debian's mingw sysroot; headers and import libraries come only from there.
set(CMAKE_FIND_ROOT_PATH /usr/${CK_MINGW_PREFIX})
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)

# add_test() of a Windows executable runs it under Wine. The caller is expected to
# export WINEPREFIX (scripts/wine-prefix.sh) so tests never touch ~/.wine.
find_program(CK_WINE_PROGRAM wine)
if(CK_WINE_PROGRAM)
  set(CMAKE_CROSSCOMPILING_EMULATOR ${CK_WINE_PROGRAM})
endif()

# No libgcc_s DLL next to the resource library: RHS loads it from a cluster node
# that has no mingw runtime.
set(CMAKE_SHARED_LINKER_FLAGS_INIT "-static-libgcc")
set(CMAKE_EXE_LINKER_FLAGS_INIT "-static-libgcc")

# The core uses Win32 threads only. Without these, FindThreads finds mingw's
# winpthreads and links -lpthread, which would make every resource library depend on
# libwinpthread-1.dll. Pre-answering its checks leaves Threads::Threads empty.
set(CMAKE_HAVE_LIBC_PTHREAD FALSE CACHE INTERNAL "clusterkit: Win32 threads only")
set(CMAKE_HAVE_PTHREADS_CREATE FALSE CACHE INTERNAL "clusterkit: Win32 threads only")
set(CMAKE_HAVE_PTHREAD_CREATE FALSE CACHE INTERNAL "clusterkit: Win32 threads only")
set(THREADS_HAVE_PTHREAD_ARG FALSE CACHE INTERNAL "clusterkit: Win32 threads only")
