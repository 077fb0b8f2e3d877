#!/usr/bin/env bash
# Builds the webhook-parser fuzz target with clang and runs it for a short
# while, seeded with Meta's example payloads. Usage: run_fuzz.sh BUILD_DIR [SECONDS]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=${1:?build dir}
seconds=${2:-${PUENTE_FUZZ_SECONDS:-20}}
command -v clang++ >/dev/null || { echo "clang++ is missing: ./puente.sh deps installs it" >&2; exit 1; }
cmake -S "$here" -B "$build" -G Ninja -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=Debug >/dev/null
cmake --build "$build" >/dev/null
corpus="$build/corpus"
mkdir -p "$corpus"
fixtures="$here/../../../shared/fixtures"
[ -d "$fixtures" ] && cp -n "$fixtures"/meta-webhooks/*.json* "$fixtures"/graph-responses/*.json "$corpus"/ 2>/dev/null || true
# No leak detection for Qt's process-wide caches; everything else aborts.
ASAN_OPTIONS=detect_leaks=0 "$build/fuzz_webhookparser" -max_total_time="$seconds" -max_len=65536 -timeout=10 \
    -print_final_stats=1 "$corpus" 2>&1 | tail -n 15
exit "${PIPESTATUS[0]}"
