#!/usr/bin/env bash
# Installs the external JavaScript engines of engines.toml: Debian packages with apt-get and npm
# packages globally; and headless Chromium (Debian package `chromium`), which CI uses to test the
# `closure-diff matrix` HTML page. Idempotent: what is installed already is left alone. Needs root
# (or sudo).
set -euo pipefail
cd "$(dirname "$0")/.."

debian=()
npm=()
# The `package = "debian:..."` / `"npm:..."` lines of engines.toml.
while IFS= read -r line; do
    case "$line" in
        debian:*) debian+=("${line#debian:}") ;;
        npm:*) npm+=("${line#npm:}") ;;
    esac
done < <(sed -n 's/^package *= *"\(.*\)"$/\1/p' engines.toml)
# Not an engine: the browser the matrix page is tested in.
debian+=(chromium)

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
        echo "install-engines: need root for: $*" >&2; return 1; fi
}

missing=()
for package in "${debian[@]}"; do
    # node may come from another repository (NodeSource) under the same package name: keep it.
    if [ "$package" = nodejs ] && command -v node >/dev/null; then continue; fi
    # Likewise a Chromium installed some other way.
    if [ "$package" = chromium ] && command -v chromium >/dev/null; then continue; fi
    dpkg-query -W -f '${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ "${#missing[@]}" -gt 0 ]; then
    echo "install-engines: apt-get install ${missing[*]}"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

if [ "${#npm[@]}" -gt 0 ]; then
    if ! command -v npm >/dev/null; then
        echo "install-engines: apt-get install npm"
        as_root apt-get update -qq
        as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends npm
    fi
    for package in "${npm[@]}"; do
        if npm ls -g --depth=0 "$package" >/dev/null 2>&1; then continue; fi
        echo "install-engines: npm install -g $package"
        as_root npm install -g --no-audit --no-fund "$package"
    done
fi
echo "install-engines: done"
