#!/usr/bin/env bash
# Builds the fuzz targets with clang (libFuzzer, ASan, UBSan) and runs one.
# Usage: run_fuzz.sh BUILD_DIR TARGET [RUNS] [SEED] [SECONDS]
#   TARGET: fuzz_webhookparser (seeded with Meta's example payloads),
#           fuzz_httpparser, fuzz_httpserver (seeded with tests/fuzz/seeds-http)
# CTest uses a fixed seed and run count, so a CI result can be reproduced;
# explore with other seeds, more runs or SECONDS (a time limit) by hand.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=${1:?build dir}
target=${2:?target}
runs=${3:-500000}
seed=${4:-1}
seconds=${5:-0}
command -v clang++ >/dev/null || { echo "clang++ is missing: ./puente.sh deps installs it" >&2; exit 1; }
cmake -S "$here" -B "$build" -G Ninja -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=Debug >/dev/null
cmake --build "$build" --target "$target" >/dev/null
corpus="$build/corpus-$target"
rm -rf "$corpus" && mkdir -p "$corpus"
case "$target" in
    fuzz_webhookparser) cp "$here"/../fixtures/meta-webhooks/*.json* "$here"/../fixtures/graph-responses/*.json "$corpus"/; max_len=65536 ;;
    *) cp "$here"/seeds-http/* "$corpus"/; max_len=8192 ;;
esac
# No leak detection for Qt's process-wide caches; everything else aborts.
ASAN_OPTIONS=detect_leaks=0 QT_LOGGING_RULES='*.info=false;*.warning=false' "$build/$target" -runs="$runs" -seed="$seed" \
    -max_len="$max_len" -timeout=10 -max_total_time="$seconds" -artifact_prefix="$build/$target-" -print_final_stats=1 "$corpus" 2>&1 | tail -n 15
exit "${PIPESTATUS[0]}"
