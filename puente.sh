#!/usr/bin/env bash
# Puente's one entry point: installs what is missing (Debian 12), builds, runs.
#   ./puente.sh run          build and start the console (local mode); without a display, the server
#   ./puente.sh test         build and run every test, PostgreSQL ones included (throwaway cluster)
#   ./puente.sh server ARGS  build and run puente-server with ARGS (default: serve)
#   ./puente.sh bench        build and run the benchmarks (SQLite and PostgreSQL)
#   ./puente.sh screenshots  render the console's screens into docs/screenshots/
#   ./puente.sh package      build the .deb packages (puente-server, puente) into build/packages
#   ./puente.sh deps         only install the missing packages
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
BUILD_DIR=${PUENTE_BUILD_DIR:-$ROOT/build}

APT_PACKAGES=(
    build-essential cmake ninja-build ccache pkg-config
    qt6-base-dev qt6-websockets-dev qtkeychain-qt6-dev libsecret-1-0 dbus-daemon gnome-keyring
    libqt6sql6-sqlite libsqlite3-dev libqt6sql6-psql qt6-l10n-tools qt6-tools-dev qt6-tools-dev-tools qt6-translations-l10n
    libssl-dev libgl-dev libphonenumber-dev libyaml-cpp-dev libzip-dev
    postgresql-15
    dpkg-dev lintian librsvg2-bin desktop-file-utils
    clang libclang-rt-14-dev
)

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { printf 'puente.sh: %s\n' "$*" >&2; exit 1; }

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"
    elif command -v sudo >/dev/null 2>&1; then sudo "$@"
    else die "need root (or sudo) to run: $*"; fi
}

install_deps() {
    local missing=()
    for pkg in "${APT_PACKAGES[@]}"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    log "installing: ${missing[*]}"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# The dispatch benchmark puts nginx (TLS, HTTP/2) in front of the Sandbox, as
# Graph is reached in production. Debian starts a package's daemon on install:
# a policy-rc.d keeps nginx's system service from starting (the benchmark runs
# its own, on a free port).
install_bench_deps() {
    command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] && return 0
    log "installing: nginx-light (bench_dispatch's TLS front)"
    local policy=""
    if [ ! -e /usr/sbin/policy-rc.d ]; then
        policy=/usr/sbin/policy-rc.d
        printf '#!/bin/sh\nexit 101\n' | as_root tee "$policy" >/dev/null
        as_root chmod +x "$policy"
    fi
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nginx-light openssl >/dev/null || true
    [ -n "$policy" ] && as_root rm -f "$policy"
    command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || die "nginx-light could not be installed"
}

configure() {
    local args=(-S "$ROOT" -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPUENTE_WERROR=ON)
    command -v ccache >/dev/null 2>&1 && args+=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
    if [ ! -f "$BUILD_DIR/CMakeCache.txt" ]; then
        log "configuring in $BUILD_DIR"
        cmake "${args[@]}" >/dev/null
    fi
}

build() {
    install_deps
    configure
    log "building"
    cmake --build "$BUILD_DIR" -- -j"$(nproc)"
}

# A throwaway PostgreSQL cluster: its own data folder, port and socket,
# stopped and deleted on exit, whatever happens.
PG_DIR=""
PG_BIN=""
pg_as() {
    if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
stop_postgres() {
    [ -n "$PG_DIR" ] || return 0
    pg_as "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$PG_DIR"
    PG_DIR=""
}
start_postgres() {
    PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
    [ -x "$PG_BIN/initdb" ] || die "PostgreSQL server binaries not found under /usr/lib/postgresql"
    PG_DIR=$(mktemp -d /tmp/puente-pg.XXXXXX)
    trap stop_postgres EXIT
    chmod 755 "$PG_DIR"
    [ "$(id -u)" -eq 0 ] && chown postgres: "$PG_DIR"
    local port
    for port in $(seq 55432 55632); do
        (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || break
    done
    pg_as "$PG_BIN/initdb" -D "$PG_DIR/data" -U puente -A trust -E UTF8 --no-sync >"$PG_DIR/initdb.log" 2>&1 \
        || { cat "$PG_DIR/initdb.log" >&2; die "initdb failed"; }
    pg_as "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 60 \
        -o "-p $port -k $PG_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" \
        start >/dev/null || { cat "$PG_DIR/server.log" >&2; die "PostgreSQL did not start"; }
    PG_PORT=$port
    export PUENTE_TEST_PG_URL="postgres://puente@127.0.0.1:$port/postgres"
    log "throwaway PostgreSQL on 127.0.0.1:$port ($PG_DIR)"
}

cmd=${1:-}
[ $# -gt 0 ] && shift
case "$cmd" in
    deps)
        install_deps ;;
    run)
        build
        if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
            log "starting the console (local mode, with the Sandbox demo)"
            exec "$BUILD_DIR/app/desktop/puente" --sandbox "$@"
        fi
        log "no display here, so no console window: starting puente-server with the Sandbox demo on http://127.0.0.1:8080 instead"
        log "to watch it from a console on a machine with a display: ssh -L 8080:127.0.0.1:8080 <this machine>, then run"
        log "  puente, choose \"Server at an address\", type http://127.0.0.1:8080 and sign in as agente@demo.puente / demo-puente-2026"
        log "(or check it here: curl http://127.0.0.1:8080/readyz)"
        exec "$BUILD_DIR/app/server/puente-server" --data-dir "$BUILD_DIR/sandbox-demo" serve --sandbox --listen 127.0.0.1:8080 "$@" ;;
    server)
        build
        [ $# -eq 0 ] && set -- serve
        exec "$BUILD_DIR/app/server/puente-server" "$@" ;;
    test)
        build
        start_postgres
        log "running the tests"
        cd "$BUILD_DIR"
        ctest --output-on-failure --timeout 900 -j"$(nproc)" "$@" ;;
    bench)
        build
        install_bench_deps
        start_postgres
        seconds=${PUENTE_BENCH_SECONDS:-10}
        log "storage micro-benchmarks"
        "$BUILD_DIR/bench/bench_storage"
        "$BUILD_DIR/bench/bench_storage" "$PUENTE_TEST_PG_URL"
        log "webhook load, SQLite"
        "$BUILD_DIR/bench/bench_loadgen" "$BUILD_DIR/app/server/puente-server" --seconds "$seconds" 2>&1 | grep -v '^{'
        # Each PostgreSQL benchmark starts from an empty database of its own.
        fresh_bench_db() {
            pg_as "$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U puente -d postgres -qc 'DROP DATABASE IF EXISTS puente_bench' \
                -c 'CREATE DATABASE puente_bench' >/dev/null
        }
        log "webhook load, PostgreSQL"
        fresh_bench_db
        "$BUILD_DIR/bench/bench_loadgen" "$BUILD_DIR/app/server/puente-server" "${PUENTE_TEST_PG_URL%/postgres}/puente_bench" \
            --seconds "$seconds" 2>&1 | grep -v '^{'
        log "inbound processor alone, SQLite"
        "$BUILD_DIR/bench/bench_inbound" 2>&1 | grep -v ' info \| warning '
        log "inbound processor alone, PostgreSQL"
        fresh_bench_db
        "$BUILD_DIR/bench/bench_inbound" "${PUENTE_TEST_PG_URL%/postgres}/puente_bench" 2>&1 | grep -v ' info \| warning '
        log "outbox dispatcher against the Sandbox, SQLite"
        "$BUILD_DIR/bench/bench_dispatch" 2>&1 | grep -v ' info \| warning '
        log "outbox dispatcher against the Sandbox, PostgreSQL"
        fresh_bench_db
        "$BUILD_DIR/bench/bench_dispatch" "${PUENTE_TEST_PG_URL%/postgres}/puente_bench" 2>&1 | grep -v ' info \| warning '
        log "notifications event API, SQLite"
        "$BUILD_DIR/bench/bench_notifications" "$BUILD_DIR/app/server/puente-server" 2>&1 | grep -v '^{\|^puente\.'
        log "notifications event API, PostgreSQL"
        fresh_bench_db
        "$BUILD_DIR/bench/bench_notifications" "$BUILD_DIR/app/server/puente-server" "${PUENTE_TEST_PG_URL%/postgres}/puente_bench" 2>&1 | grep -v '^{\|^puente\.'
        log "campaigns: a 100,000-row import; 10,000 recipients at one number's pace with a recruiter answering, SQLite"
        "$BUILD_DIR/bench/bench_campaigns" "$BUILD_DIR/app/server/puente-server" 2>&1 | grep -v '^{\|^puente\.'
        log "campaigns, PostgreSQL"
        fresh_bench_db
        "$BUILD_DIR/bench/bench_campaigns" "$BUILD_DIR/app/server/puente-server" "${PUENTE_TEST_PG_URL%/postgres}/puente_bench" 2>&1 | grep -v '^{\|^puente\.'
        log "chat import: a 200,000-line export against a bare insert of its rows, SQLite"
        "$BUILD_DIR/bench/bench_import" 2>&1 | grep -v ' info \| warning \|^puente\.'
        log "chat import, PostgreSQL"
        fresh_bench_db
        "$BUILD_DIR/bench/bench_import" "${PUENTE_TEST_PG_URL%/postgres}/puente_bench" 2>&1 | grep -v ' info \| warning \|^puente\.'
        log "console: first paint, scrolling, memory (10,000 conversations, a chat of 100,000 messages)"
        "$BUILD_DIR/bench/bench_console" "$BUILD_DIR/app/server/puente-server" 2>&1 | grep -v propagateSizeHints ;;
    screenshots)
        build
        for suite in tst_console tst_whatsappconfigdialog tst_signin tst_adminpanels tst_adminpanels_users tst_notifications; do
            log "rendering $suite"
            env -u DBUS_SESSION_BUS_ADDRESS PUENTE_SCREENSHOT_DIR="$ROOT/docs/screenshots" QT_QPA_PLATFORM=offscreen \
                "$BUILD_DIR/tests/$suite" >/dev/null
        done
        log "screenshots in $ROOT/docs/screenshots" ;;
    package)
        build
        log "packaging into $BUILD_DIR/packages"
        cpack --config "$BUILD_DIR/CPackConfig.cmake" -G DEB -B "$BUILD_DIR/packages" >/dev/null
        ls -l "$BUILD_DIR"/packages/*.deb
        log "install on Debian 12: apt install ./puente-server_*.deb (the service) and/or ./puente_*.deb (the console); see docs/operations.md" ;;
    *)
        sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'
        [ -z "$cmd" ] || [ "$cmd" = help ] || [ "$cmd" = -h ] || [ "$cmd" = --help ] || exit 2 ;;
esac
