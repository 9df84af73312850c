#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The README's two commands:
#   ./dev.sh run   installs what is missing, builds, and starts Aproc Monitor (with the demo
#                  session when given no arguments)
#   ./dev.sh test  installs what is missing, builds, and runs every test with ctest
#   ./dev.sh docs  installs what is missing, generates the API reference (Doxygen) into build/api/
#                  and prints the path of its index.html; fails on any Doxygen warning
#   ./dev.sh format [--check]  formats every C++ file with the committed .clang-format, or only
#                  checks (fails on a file that differs)
# and for the other scripts (bench/run): ./dev.sh deps [PACKAGE...] installs what is missing only,
# with the given Debian packages besides.
# Both are idempotent: the second time they only rebuild what changed.
# Environment: BUILD_DIR (default build), CMAKE_ARGS (extra configure arguments),
# CI=true (warnings become errors).
set -euo pipefail
cd "$(dirname "$0")"

packages=(cmake ninja-build g++ pkg-config python3
          qt6-base-dev qt6-tools-dev qt6-l10n-tools qt6-tools-dev-tools qt6-translations-l10n
          qcoro-qt6-dev xvfb xauth doxygen)
build_dir=${BUILD_DIR:-build}

install_missing_packages() {
    local missing=()
    for package in "${packages[@]}"; do
        dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "ok installed" || missing+=("$package")
    done
    [ ${#missing[@]} -eq 0 ] && return
    echo "==> installing ${missing[*]}"
    local sudo=()
    [ "$(id -u)" -eq 0 ] || sudo=(sudo)
    "${sudo[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

configure_and_build() {
    local args=(-G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo)
    [ "${CI:-}" = true ] && args+=(-DAPROC_WERROR=ON)
    # shellcheck disable=SC2206
    [ -n "${CMAKE_ARGS:-}" ] && args+=(${CMAKE_ARGS})
    if [ ! -f "$build_dir/build.ninja" ] || [ -n "${CMAKE_ARGS:-}" ] || [ "${CI:-}" = true ]; then
        cmake -S . -B "$build_dir" "${args[@]}"
    fi
    cmake --build "$build_dir" --parallel "$(nproc)"
}

case "${1:-}" in
deps)
    shift
    packages+=("$@")
    install_missing_packages
    ;;
run)
    shift
    install_missing_packages
    configure_and_build
    # Without arguments, the demo session: a newcomer sees the monitor at work at once.
    [ $# -eq 0 ] && set -- --demo
    exec "$build_dir/gui/aproc-monitor" "$@"
    ;;
docs)
    packages=(doxygen) # the reference needs no build
    install_missing_packages
    # Doxygen writes every warning to stderr and, with WARN_AS_ERROR=FAIL_ON_WARNINGS, exits 1
    # after the run if there was any: an undocumented public declaration, an unresolved \ref.
    export APROC_DOCS_OUT="$build_dir/api"
    rm -rf "$APROC_DOCS_OUT" # a fresh run: doxygen warns only about what it generates
    mkdir -p "$APROC_DOCS_OUT"
    # awk drops the repeats (a comment's brief and details are parsed apart, so each says it).
    if ! doxygen docs/Doxyfile 2>&1 | awk '!seen[$0]++' >&2; then
        echo "==> doxygen warned (above): document the declaration or fix the reference" >&2
        exit 1
    fi
    echo "$(realpath "$APROC_DOCS_OUT")/html/index.html"
    ;;
format)
    # Every C++ file git knows, against the committed .clang-format. --check changes nothing and
    # fails, naming each file and line, where a file differs from it (CI runs that).
    packages=(clang-format-14)
    install_missing_packages
    mapfile -t sources < <(git ls-files '*.cpp' '*.h')
    if [ "${2:-}" = --check ]; then
        if ! clang-format-14 --dry-run --Werror "${sources[@]}"; then
            echo "==> not formatted as .clang-format says (above): run ./dev.sh format" >&2
            exit 1
        fi
        echo "==> ${#sources[@]} files formatted as .clang-format says"
    else
        clang-format-14 -i "${sources[@]}"
    fi
    ;;
test)
    install_missing_packages
    configure_and_build
    ctest --test-dir "$build_dir" --output-on-failure --parallel "$(nproc)"
    ;;
*)
    echo "usage: $0 run [aproc-monitor arguments; default --demo] | test | docs | format [--check] | deps [PACKAGE...]" >&2
    exit 64
    ;;
esac
