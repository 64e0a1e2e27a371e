#!/usr/bin/env bash
# Fetch the real-world corpus: compiled artifacts of pinned npm packages, into .cache/corpus/.
# `npm pack` downloads a package's registry tarball alone (no dependency resolution, no
# install scripts); we keep only the artifact JSON the corpus test generates bindings from.
# Usage: tests/corpus/fetch.sh [CACHE_DIR]   (default .cache/corpus; the Makefile stamps it)
set -euo pipefail

cache=${1:-.cache/corpus}

# name  package@version  what to keep from the tarball's package/ folder
corpus=(
    "openzeppelin         @openzeppelin/contracts@4.9.6  build/contracts/*.json"
    "uniswap-v2-core      @uniswap/v2-core@1.0.1         build/*.json"
    "uniswap-v3-core      @uniswap/v3-core@1.0.1         artifacts/*.json"
    "uniswap-v3-periphery @uniswap/v3-periphery@1.4.4    artifacts/*.json"
)

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# A private npm cache: works with a fresh HOME and leaves the user's cache alone.
export npm_config_cache="$work/npm-cache"

mkdir -p "$cache"
for entry in "${corpus[@]}"; do
    read -r name spec pattern <<<"$entry"
    tarball=$(npm pack --silent --pack-destination "$work" "$spec" | tail -n 1)
    # Unpack beside the target and swap it in, so an interrupted run leaves no half folder.
    mkdir -p "$work/$name"
    tar -xzf "$work/$tarball" -C "$work/$name" --strip-components=1 --wildcards "package/$pattern"
    count=$(find "$work/$name" -name '*.json' | wc -l)
    if [[ $count -eq 0 ]]; then
        echo "fetch.sh: $spec: nothing matched package/$pattern" >&2
        exit 1
    fi
    rm -rf "${cache:?}/$name"
    mv "$work/$name" "$cache/$name"
    echo "corpus: $spec -> $cache/$name ($count artifacts)"
done
