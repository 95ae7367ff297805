#!/bin/sh
# Builds the libFuzzer targets with clang (outside CMake) and runs each for the
# given number of seconds. Exits non-zero if a target crashes, leaks or fails
# to build; prints libFuzzer's execution and coverage figures for each target.
#
#   native/fuzz/run.sh <seconds>
#   CK_FUZZ_BUILD_DIR=<dir>  build and work directory (default: <repo>/build/fuzz)
#   CK_FUZZ_CC=<compiler>    clang to use (default: clang-14, else clang)
set -eu

usage() {
    echo "usage: native/fuzz/run.sh <seconds>   (seconds: a positive whole number)" >&2
    exit 2
}
[ $# -eq 1 ] || usage
case "$1" in '' | *[!0-9]*) usage ;; esac
[ "$1" -gt 0 ] || usage
seconds=$1

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
out=${CK_FUZZ_BUILD_DIR:-"$root/build/fuzz"}
cc=${CK_FUZZ_CC:-}
if [ -z "$cc" ]; then
    if command -v clang-14 >/dev/null 2>&1; then cc=clang-14; else cc=clang; fi
fi
mkdir -p "$out"

build() { # build <target> <sources...>
    target=$1
    shift
    echo "== building $target"
    "$cc" -std=c11 -D_POSIX_C_SOURCE=200809L -g -O1 -Wall -Wextra -Werror \
        -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
        -I"$root/native/include" -I"$root/native/src" "$@" -o "$out/$target"
}

src="$root/native/src"
build fuzz_clusprop "$here/fuzz_clusprop.c" "$here/fuzz_support.c" \
    "$src/props/clusprop.c" "$src/props/props_table.c" "$src/props/validate.c" \
    "$src/props/secrets.c" \
    "$src/props/db.c" "$src/platform/posix_services.c" "$src/platform/posix_files.c" \
    "$src/text.c" "$src/text_upcase.c" \
    "$root/native/test/fixture_type.c"
build fuzz_frame "$here/fuzz_frame.c" "$src/protocol/frame.c" "$src/protocol/payloads.c" \
    "$src/text.c" "$src/text_upcase.c"

# The whole core, with the process functions stubbed (no fuzzed group id is ever signaled).
core=$(ls "$src"/*.c "$src"/core/*.c "$src"/host/*.c "$src"/props/*.c "$src"/protocol/*.c)
platform="$src/platform/posix_sync.c $src/platform/posix_pipe.c $src/platform/posix_files.c"
platform="$platform $src/platform/posix_services.c $here/fuzz_process_stubs.c"
# shellcheck disable=SC2086 # word splitting of the file lists is intended
build fuzz_host "$here/fuzz_host.c" $core $platform "$root/native/test/fixture_type.c" -lpthread

# props/ and the instance table with the host and the database as input-driven stubs.
# shellcheck disable=SC2086
build fuzz_control "$here/fuzz_control.c" "$src"/props/*.c "$src"/protocol/*.c \
    "$src/text.c" "$src/text_upcase.c" "$src/errors.c" "$src/core/instance.c" "$src/core/map.c" \
    "$src/platform/posix_sync.c" "$src/platform/posix_files.c" \
    "$src/platform/posix_services.c" "$src/platform/posix_pipe.c" "$here/fuzz_process_stubs.c" \
    -lpthread

failed=0
for name in clusprop frame host control; do
    work="$out/corpus_$name"
    mkdir -p "$work"
    log="$out/fuzz_$name.log"
    echo "== running fuzz_$name for $seconds s (log: $log)"
    # The committed seeds are read-only input; new inputs go to the work corpus.
    status=0
    (cd "$out" && "$out/fuzz_$name" -max_total_time="$seconds" -print_final_stats=1 -timeout=10 \
        -rss_limit_mb=2048 "$work" "$here/corpus/$name") >"$log" 2>&1 || status=$?
    grep -E '^#[0-9]+[[:space:]]+DONE|stat::number_of_executed_units|stat::average_exec_per_sec' "$log" || true
    if [ "$status" -ne 0 ]; then
        echo "!! fuzz_$name failed (exit $status); the end of its log:" >&2
        tail -n 40 "$log" >&2
        failed=1
    else
        echo "== fuzz_$name: no crash, no leak"
    fi
done
exit "$failed"
