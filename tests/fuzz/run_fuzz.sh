#!/usr/bin/env bash
# Builds the webhook-parser fuzz target with clang and runs it, seeded with
# Meta's example payloads. Usage: run_fuzz.sh BUILD_DIR [RUNS] [SEED]
# CTest uses a fixed seed and run count, so a CI result can be reproduced;
# explore with other seeds and more runs by hand.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=${1:?build dir}
runs=${2:-500000}
seed=${3:-1}
command -v clang++ >/dev/null || { echo "clang++ is missing: ./puente.sh deps installs it" >&2; exit 1; }
cmake -S "$here" -B "$build" -G Ninja -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=Debug >/dev/null
cmake --build "$build" >/dev/null
corpus="$build/corpus"
fixtures="$here/../fixtures"
# No leak detection for Qt's process-wide caches; everything else aborts.
rm -rf "$corpus" && mkdir -p "$corpus"
cp "$fixtures"/meta-webhooks/*.json* "$fixtures"/graph-responses/*.json "$corpus"/
ASAN_OPTIONS=detect_leaks=0 "$build/fuzz_webhookparser" -runs="$runs" -seed="$seed" -max_len=65536 -timeout=10 \
    -artifact_prefix="$build/" -print_final_stats=1 "$corpus" 2>&1 | tail -n 15
exit "${PIPESTATUS[0]}"
