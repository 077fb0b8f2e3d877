#!/usr/bin/env bash
# The Debian packages, made and checked as an operator meets them (ctest
# label "package"): cpack into a throwaway folder; each package's files,
# control fields, conffiles and maintainer scripts; lintian (any error
# fails, and so does a warning docs/operations.md does not justify); the
# unit runs only what the package ships; /etc/puente/puente.ini lists every
# setting the server reads, each commented out; the unpacked puente-server
# (stripped, linking no Gui, Widgets or QtKeychain) runs --help, migrate and
# serve (GET /healthz) with the key postinst made; postinst runs twice in a
# throwaway root through its test hooks: the master key is made once (0600)
# and kept, the environment file is 0640 and never overwritten; postrm
# remove keeps the key, purge deletes it. Nothing outside the throwaway
# folder is touched.
#
# Usage: test_packages.sh BUILD_DIR SOURCE_DIR CONSOLE(ON|OFF) [CPACK]
# Without dpkg-deb or lintian it skips (exit 77), except under CI (CI=true),
# where it fails: ./puente.sh deps installs them.
set -euo pipefail

build=$(cd "${1:?build dir}" && pwd)
source=$(cd "${2:?source dir}" && pwd)
console=${3:-ON}
cpack=${4:-cpack}

# Warnings lintian may give, each justified in docs/operations.md
# ("Lintian"). Any other warning, and any error, fails the test.
allowed_warnings=(
    initial-upload-closes-no-bugs
)

step() { printf '== %s\n' "$*"; }
fail() { printf 'FAIL: %s\n' "$*" >&2; exit 1; }
missing() {
    case "${CI:-}" in
        ""|false|0) printf 'SKIP: %s\n' "$1" >&2; exit 77 ;;
        *) fail "$1 (under CI the package test must run: ./puente.sh deps installs it)" ;;
    esac
}
for tool in dpkg-deb dpkg-shlibdeps lintian readelf; do
    command -v "$tool" >/dev/null 2>&1 || missing "$tool is missing"
done
command -v "$cpack" >/dev/null 2>&1 || fail "cpack ($cpack) not found"
[ -f "$build/CPackConfig.cmake" ] || fail "$build/CPackConfig.cmake is missing: configure the build first"

work=$(mktemp -d "${TMPDIR:-/tmp}/puente-package.XXXXXX")
server_pid=""
# Waits up to 15 s for a process to end; false if it has not.
ended() {
    local _
    for _ in $(seq 1 150); do
        kill -0 "$1" 2>/dev/null || return 0
        sleep 0.1
    done
    return 1
}
cleanup() {
    if [ -n "$server_pid" ]; then
        kill "$server_pid" 2>/dev/null || true
        ended "$server_pid" || kill -KILL "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT

# --- build the packages --------------------------------------------------
step "cpack into $work/out"
started=$SECONDS
if ! (cd "$work" && "$cpack" --config "$build/CPackConfig.cmake" -G DEB -B "$work/out") >"$work/cpack.log" 2>&1; then
    cat "$work/cpack.log" >&2
    fail "cpack failed"
fi
echo "   ($((SECONDS - started)) s)"
shopt -s nullglob
server_debs=("$work"/out/puente-server_*.deb)
console_debs=("$work"/out/puente_*.deb)
shopt -u nullglob
[ ${#server_debs[@]} -eq 1 ] || fail "expected one puente-server_*.deb, got: ${server_debs[*]:-none}"
server_deb=${server_debs[0]}
debs=("$server_deb")
if [ "$console" = ON ]; then
    [ ${#console_debs[@]} -eq 1 ] || fail "expected one puente_*.deb, got: ${console_debs[*]:-none}"
    console_deb=${console_debs[0]}
    debs+=("$console_deb")
else
    [ ${#console_debs[@]} -eq 0 ] || fail "PUENTE_BUILD_CONSOLE is OFF but a console package was made"
fi
ls -l "$work"/out/*.deb | sed 's/^/   /'

# --- file lists --------------------------------------------------------
# "MODE OWNER PATH" per entry (a symlink's target dropped).
listing() { dpkg-deb -c "$1" | awk '{ print $1, $2, $6 }'; }
has() { # has LIST MODE PATH
    grep -qxF -e "$2 root/root $3" "$1" || fail "$(basename "$1" .list) lacks $3 as $2 root/root (has: $(grep -F " $3" "$1" || echo nothing))"
}
lacks() { # lacks LIST REGEX
    ! grep -E "$2" "$1" >/dev/null || fail "$(basename "$1" .list) must not ship: $(grep -E "$2" "$1" | tr '\n' ' ')"
}
step "files of puente-server"
listing "$server_deb" >"$work/puente-server.list"
sed 's/^/   /' "$work/puente-server.list"
has "$work/puente-server.list" -rwxr-xr-x ./usr/bin/puente-server
has "$work/puente-server.list" -rw-r--r-- ./lib/systemd/system/puente-server.service
has "$work/puente-server.list" -rw-r--r-- ./etc/puente/puente.ini
has "$work/puente-server.list" -rw-r--r-- ./etc/nginx/sites-available/puente
for doc in copyright changelog.Debian.gz operations.md.gz; do
    has "$work/puente-server.list" -rw-r--r-- "./usr/share/doc/puente-server/$doc"
done
has "$work/puente-server.list" -rw-r--r-- ./usr/share/man/man1/puente-server.1.gz
# The key, the data and the secrets are made on the machine, never shipped;
# no nginx site is enabled; nothing of the console.
lacks "$work/puente-server.list" '^\S+ \S+ \./var/|/etc/puente/environment$|sites-enabled|/usr/bin/puente$|\.desktop$|/icons/'
# Every directory 0755, every file 0644 or 0755, all root's.
awk '$1 !~ /^(drwxr-xr-x|-rw-r--r--|-rwxr-xr-x)$/ || $2 != "root/root"' "$work/puente-server.list" >"$work/odd"
[ ! -s "$work/odd" ] || fail "unusual modes or owners in puente-server: $(cat "$work/odd")"

if [ "$console" = ON ]; then
    step "files of puente"
    listing "$console_deb" >"$work/puente.list"
    sed 's/^/   /' "$work/puente.list"
    has "$work/puente.list" -rwxr-xr-x ./usr/bin/puente
    has "$work/puente.list" -rw-r--r-- ./usr/share/applications/puente.desktop
    for size in 16 32 48 64 128 256; do
        has "$work/puente.list" -rw-r--r-- "./usr/share/icons/hicolor/${size}x${size}/apps/puente.png"
    done
    has "$work/puente.list" -rw-r--r-- ./usr/share/icons/hicolor/scalable/apps/puente.svg
    has "$work/puente.list" -rw-r--r-- ./usr/share/doc/puente/copyright
    has "$work/puente.list" -rw-r--r-- ./usr/share/doc/puente/changelog.Debian.gz
    has "$work/puente.list" -rw-r--r-- ./usr/share/man/man1/puente.1.gz
    lacks "$work/puente.list" '/usr/bin/puente-server$|^\S+ \S+ \./etc/|^\S+ \S+ \./lib/'
    awk '$1 !~ /^(drwxr-xr-x|-rw-r--r--|-rwxr-xr-x)$/ || $2 != "root/root"' "$work/puente.list" >"$work/odd"
    [ ! -s "$work/odd" ] || fail "unusual modes or owners in puente: $(cat "$work/odd")"
fi

# --- control fields ----------------------------------------------------
field() { dpkg-deb -f "$1" "$2"; }
expect_field() { # expect_field DEB FIELD VALUE
    local got
    got=$(field "$1" "$2")
    [ "$got" = "$3" ] || fail "$(basename "$1"): $2 is '$got', expected '$3'"
}
depends_has() { # depends_has DEB FIELD PACKAGE...
    local deb=$1 name=$2 got pkg
    shift 2
    got=$(field "$deb" "$name")
    for pkg in "$@"; do
        grep -Eq "(^|, |\| )$pkg( |,|$)" <<<"$got" || fail "$(basename "$deb"): $name lacks $pkg: $got"
    done
}
depends_lacks() { # depends_lacks DEB FIELD REGEX
    local got
    got=$(field "$1" "$2")
    ! grep -Eq "$3" <<<"$got" || fail "$(basename "$1"): $2 must not name $3: $got"
}
arch=$(dpkg --print-architecture)
for deb in "${debs[@]}"; do
    step "control of $(basename "$deb")"
    dpkg-deb -f "$deb" | sed 's/^/   /'
    expect_field "$deb" Architecture "$arch"
    expect_field "$deb" Section net
    grep -Eq '^[0-9]+(\.[0-9]+)*-[0-9]+$' <<<"$(field "$deb" Version)" || fail "$(basename "$deb"): odd Version $(field "$deb" Version)"
    grep -Eq '^.+ <[^ @]+@[^ @]+>$' <<<"$(field "$deb" Maintainer)" || fail "$(basename "$deb"): Maintainer is not 'Name <address>'"
done
expect_field "$server_deb" Package puente-server
depends_has "$server_deb" Depends adduser libqt6core6 libqt6network6 libqt6sql6 libqt6sql6-sqlite libqt6sql6-psql libqt6websockets6
# The server is headless: no Widgets, no Gui, no keychain.
depends_lacks "$server_deb" Depends 'libqt6widgets|libqt6gui|keychain|libqt6svg|qpa-plugins|libgl|libx11|libxcb'
if [ "$console" = ON ]; then
    expect_field "$console_deb" Package puente
    depends_has "$console_deb" Depends libqt6core6 libqt6widgets6 libqt6gui6 libqt6keychain1 libqt6sql6-sqlite qt6-qpa-plugins
    grep -q 'gnome-keyring | kwalletmanager' <<<"$(field "$console_deb" Recommends)" \
        || fail "puente: Recommends lacks 'gnome-keyring | kwalletmanager': $(field "$console_deb" Recommends)"
fi

# --- control archive: conffiles and maintainer scripts -----------------
step "maintainer scripts and conffiles of puente-server"
ctrl=$work/control-server
dpkg-deb -e "$server_deb" "$ctrl"
ls -l "$ctrl" | sed 's/^/   /'
printf '/etc/puente/puente.ini\n/etc/nginx/sites-available/puente\n' >"$work/conffiles.expected"
diff -u "$work/conffiles.expected" "$ctrl/conffiles" || fail "puente-server: conffiles differ"
for script in postinst prerm postrm; do
    [ -f "$ctrl/$script" ] || fail "puente-server has no $script"
    [ "$(stat -c %a "$ctrl/$script")" = 755 ] || fail "puente-server: $script is $(stat -c %a "$ctrl/$script"), not 755"
    head -n 1 "$ctrl/$script" | grep -qx '#!/bin/sh' || fail "puente-server: $script is not a /bin/sh script"
    sh -n "$ctrl/$script" || fail "puente-server: $script: sh -n fails"
    if command -v dash >/dev/null 2>&1; then dash -n "$ctrl/$script" || fail "puente-server: $script: dash -n fails"; fi
done
[ -f "$ctrl/md5sums" ] || fail "puente-server has no md5sums"
if [ "$console" = ON ]; then
    dpkg-deb -e "$console_deb" "$work/control-console"
    [ -f "$work/control-console/md5sums" ] || fail "puente has no md5sums"
fi

# --- lintian -----------------------------------------------------------
step "lintian"
lintian_args=(--tag-display-limit 0)
lintian "${lintian_args[@]}" "${debs[@]}" >"$work/lintian.txt" 2>&1 || true
if [ -s "$work/lintian.txt" ]; then sed 's/^/   /' "$work/lintian.txt"; else echo "   (nothing to say)"; fi
! grep -q '^E: ' "$work/lintian.txt" || fail "lintian reports errors"
grep -Eq '^(internal error|Cannot|Unknown option)' "$work/lintian.txt" && fail "lintian did not run"
unjustified=$(grep '^W: ' "$work/lintian.txt" | awk '{ print $3 }' | sort -u | while read -r tag; do
    printf '%s\n' "${allowed_warnings[@]}" | grep -qxF "$tag" || echo "$tag"
done)
[ -z "$unjustified" ] || fail "lintian warnings not justified in docs/operations.md: $unjustified"

# --- the unpacked files ------------------------------------------------
root=$work/root
dpkg-deb -x "$server_deb" "$root"
bin=$root/usr/bin/puente-server
# A clean environment: no PUENTE_* setting of whoever runs the test. (env
# execs the program: in the background, $! is the server itself.)
run=(env -i PATH=/usr/bin:/bin HOME="$work" LANG=C.UTF-8)

step "the unit runs what the package ships"
grep -E '^Exec[A-Za-z]*=' "$root/lib/systemd/system/puente-server.service" | sed 's/^[^=]*=-\{0,1\}//; s/ .*//' | sort -u | while read -r exe; do
    grep -qxF -e "-rwxr-xr-x root/root .$exe" "$work/puente-server.list" || fail "the unit runs $exe, which the package does not ship"
done
grep -q '^User=puente$' "$root/lib/systemd/system/puente-server.service" || fail "the unit does not run as puente"

step "puente.ini: every setting the server reads, all commented"
ini=$root/etc/puente/puente.ini
active=$(grep -Ev '^[[:space:]]*(;|$|\[puente\]$)' "$ini" || true)
[ -z "$active" ] || fail "puente.ini has lines that are neither comments nor [puente]: $active"
# The settings the server reads (Settings lookups in app/server and core/config).
keys=$(grep -rhoE '([a-z_]*settings(\(\))?(\.|->)(value|contains)\(QStringLiteral\("[a-z_]+"|(number|seconds)\(s, "[a-z_]+"|\bs\.value\(QStringLiteral\("[a-z_]+")' \
    "$source/app/server" "$source/core/config" | grep -oE '"[a-z_]+"' | tr -d '"' | sort -u)
[ "$(wc -w <<<"$keys")" -ge 30 ] || fail "found only $(wc -w <<<"$keys") settings in the sources: the search is out of date"
for key in $keys; do
    grep -Eq "^;$key =( |\$)" "$ini" || fail "puente.ini does not list the setting '$key' (as ';$key = default')"
done
echo "   $(wc -w <<<"$keys") settings, each listed"

step "puente-server --help"
"${run[@]}" "$bin" --help >"$work/help.txt" || fail "puente-server --help failed: $(cat "$work/help.txt")"
grep -q 'migrate' "$work/help.txt" || fail "puente-server --help does not describe migrate"
readelf -d "$bin" | grep -q 'NEEDED' || fail "puente-server: no dynamic section?"
! readelf -d "$bin" | grep -Ei 'NEEDED.*(Qt6Gui|Qt6Widgets|keychain)' || fail "the packaged puente-server links Gui, Widgets or QtKeychain"
! readelf -S "$bin" | grep -q '\.debug_info' || fail "the packaged puente-server is not stripped"

# --- postinst in a throwaway root --------------------------------------
hooks=(PUENTE_PKG_ROOT="$root" PUENTE_PKG_SKIP_USER=1 PUENTE_PKG_USER="$(id -un)" PUENTE_PKG_GROUP="$(id -gn)")
state=$root/var/lib/puente
key=$state/master.key
envfile=$root/etc/puente/environment
check_made() {
    [ "$(stat -c %a "$state")" = 700 ] || fail "/var/lib/puente is $(stat -c %a "$state"), not 700"
    [ "$(stat -c '%a %U:%G' "$key")" = "600 $(id -un):$(id -gn)" ] || fail "master.key is $(stat -c '%a %U:%G' "$key")"
    [ "$(stat -c '%a %U:%G' "$envfile")" = "640 $(id -un):$(id -gn)" ] || fail "environment is $(stat -c '%a %U:%G' "$envfile")"
    local lines
    lines=$(grep -Ev '^[[:space:]]*(#|$)' "$key")
    [ "$(wc -l <<<"$lines")" = 1 ] || fail "master.key holds $(wc -l <<<"$lines") keys"
    [ "$(base64 -d <<<"$lines" | wc -c)" = 32 ] || fail "master.key's key is not base64 of 32 bytes"
}
step "postinst configure (fresh install) in $root"
env "${hooks[@]}" sh "$ctrl/postinst" configure "" || fail "postinst configure failed"
check_made
sha256sum "$key" >"$work/key.sum"
echo "PUENTE_PUBLIC_URL=https://operator.example" >>"$envfile"
cp -p "$envfile" "$work/environment.before"
step "postinst configure (upgrade) again"
env "${hooks[@]}" sh "$ctrl/postinst" configure "0.0.9-1" || fail "postinst configure (upgrade) failed"
check_made
sha256sum -c --quiet "$work/key.sum" || fail "the second postinst changed the master key"
cmp -s "$envfile" "$work/environment.before" || fail "the second postinst changed /etc/puente/environment"
! ls -A "$state" "$root/etc/puente" | grep -q '\.new\.' || fail "postinst left temporary files behind"

# --- migrate and serve, with the key postinst made --------------------
step "puente-server migrate (SQLite in the throwaway /var/lib/puente)"
"${run[@]}" "$bin" --config "$ini" --data-dir "$state" migrate >"$work/migrate.log" 2>&1 || { cat "$work/migrate.log" >&2; fail "migrate failed"; }
sed 's/^/   /' "$work/migrate.log"
step "puente-server serve, GET /healthz"
"${run[@]}" "$bin" --config "$ini" --data-dir "$state" serve --listen 127.0.0.1:0 >"$work/serve.log" 2>&1 &
server_pid=$!
port=""
for _ in $(seq 1 300); do
    port=$(sed -n 's|.*listening on http://127\.0\.0\.1:\([0-9]*\).*|\1|p' "$work/serve.log" | head -n 1)
    [ -n "$port" ] && break
    kill -0 "$server_pid" 2>/dev/null || { cat "$work/serve.log" >&2; fail "serve exited"; }
    sleep 0.1
done
[ -n "$port" ] || { cat "$work/serve.log" >&2; fail "serve did not listen within 30 s"; }
exec 3<>"/dev/tcp/127.0.0.1/$port" || fail "cannot connect to 127.0.0.1:$port"
printf 'GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n' >&3
answer=$(timeout 10 cat <&3 || true)
exec 3<&-
printf '%s\n' "$answer" | sed 's/^/   /'
grep -q '^HTTP/1.1 200' <<<"$answer" || fail "/healthz did not answer 200"
grep -q '"status" *: *"ok"' <<<"$answer" || fail "/healthz did not say ok"
kill -TERM "$server_pid"
ended "$server_pid" || { cat "$work/serve.log" >&2; fail "serve did not stop within 15 s of SIGTERM"; }
status=0
wait "$server_pid" || status=$?
server_pid=""
[ "$status" = 0 ] || { cat "$work/serve.log" >&2; fail "serve exited with $status on SIGTERM"; }
sha256sum -c --quiet "$work/key.sum" || fail "the server changed the master key"

# --- remove keeps the key, purge deletes it ----------------------------
step "prerm remove, postrm remove: the key stays"
env "${hooks[@]}" sh "$ctrl/prerm" remove || fail "prerm remove failed"
env "${hooks[@]}" sh "$ctrl/postrm" remove || fail "postrm remove failed"
sha256sum -c --quiet "$work/key.sum" || fail "postrm remove touched the master key"
[ -f "$envfile" ] || fail "postrm remove deleted /etc/puente/environment"
step "postrm purge: the state folder and the environment file go"
env "${hooks[@]}" sh "$ctrl/postrm" purge || fail "postrm purge failed"
[ ! -e "$state" ] || fail "postrm purge left /var/lib/puente"
[ ! -e "$envfile" ] || fail "postrm purge left /etc/puente/environment"
[ -f "$ini" ] || fail "postrm purge deleted puente.ini (a conffile: dpkg's to delete)"

# --- the console's files -----------------------------------------------
if [ "$console" = ON ]; then
    step "puente: desktop entry and icons"
    croot=$work/console-root
    dpkg-deb -x "$console_deb" "$croot"
    desktop=$croot/usr/share/applications/puente.desktop
    for line in 'Type=Application' 'Exec=puente' 'Icon=puente' 'Name=Puente' 'Name[es]=Puente' 'Name[en]=Puente' \
        'GenericName[es]=Consola de WhatsApp' 'GenericName=WhatsApp console'; do
        grep -qxF "$line" "$desktop" || fail "puente.desktop lacks '$line'"
    done
    if command -v desktop-file-validate >/dev/null 2>&1; then
        desktop-file-validate "$desktop" || fail "desktop-file-validate refuses puente.desktop"
    fi
    for size in 16 32 48 64 128 256; do
        png=$croot/usr/share/icons/hicolor/${size}x${size}/apps/puente.png
        [ "$(od -An -c -j1 -N3 "$png" | tr -d ' ')" = PNG ] || fail "$png is not a PNG"
        dims=$(od -An -tu1 -j16 -N8 "$png" | awk '{ print $3 * 256 + $4, $7 * 256 + $8 }')
        [ "$dims" = "$size $size" ] || fail "$png is $dims, not ${size}x${size}"
    done
    grep -q '<svg' "$croot/usr/share/icons/hicolor/scalable/apps/puente.svg" || fail "the scalable icon is not an SVG"
    ! readelf -S "$croot/usr/bin/puente" | grep -q '\.debug_info' || fail "the packaged puente is not stripped"
fi

step "ok ($SECONDS s)"
