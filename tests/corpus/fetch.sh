#!/usr/bin/env bash
# Fetch the real-world corpus: published npm packages holding compiled artifacts, into
# .cache/corpus/<name>/. `npm pack` downloads a package's registry tarball alone (no dependency
# resolution, no install scripts). Each tree keeps every *.json file of the package, where the
# package put it: users point abigen at a package's root, so non-ABI JSON (package.json,
# Hardhat .dbg.json and build-info, solhint configs) must be there for the walk to skip.
# Sources, docs and bytecode-only files are dropped (bedrock unpacks to 126 MB, 123 MB of it
# JSON; v4-core to 45 MB, 18 MB JSON).
#
# Usage: tests/corpus/fetch.sh [CACHE_DIR]   (default .cache/corpus; the Makefile stamps it)
# A tree already fetched with the same pin is kept, so editing this list re-fetches only
# what changed; an interrupted run leaves each tree either complete or absent.
set -euo pipefail

cache=${1:-.cache/corpus}

# name (folder; tests/corpus/corpus_artifacts.py TREES) package@version tarball integrity
corpus=(
    "openzeppelin         @openzeppelin/contracts@4.9.6             sha512-xSmezSupL+y9VkHZJGDoCBpmnB2ogM13ccaYDWqJTfS3dbuHkgjuwDFUmaFauBCboQMGB/S5UqUl2y54X99BmA=="
    "uniswap-v2-core      @uniswap/v2-core@1.0.1                    sha512-MtybtkUPSyysqLY2U210NBDeCHX+ltHt3oADGdjqoThZaFRDKwM6k1Nb3F0A3hk5hwuQvytFWhrWHOEq6nVJ8Q=="
    "uniswap-v3-core      @uniswap/v3-core@1.0.1                    sha512-7pVk4hEm00j9tc71Y9+ssYpO6ytkeI0y7WE9P6UcmNzhxPePwyAxImuhVsTqWK9YFvzgtvzJHi64pBl4jUzKMQ=="
    "uniswap-v3-periphery @uniswap/v3-periphery@1.4.4               sha512-S4+m+wh8HbWSO3DKk4LwUCPZJTpCugIsHrWR86m/OrUyvSqGDTXKFfc2sMuGXCZrD1ZqO3rhQsKgdWg3Hbb2Kw=="
    "uniswap-v2-periphery @uniswap/v2-periphery@1.1.0-beta.0        sha512-6dkwAMKza8nzqYiXEr2D86dgW3TTavUvCR0w2Tu33bAbM8Ah43LKAzH7oKKPRT5VJQaMi1jtkGs1E8JPor1n5g=="
    "uniswap-v4-core      @uniswap/v4-core@1.0.2                    sha512-X15Tm2wWd+USAzEExMbo+g9naA6QN6mPgWm0MzDwRNlOfaNlepfUpSyt9RSrUfEODspwbyWbcLg6t5nwc/e7lg=="
    "arbitrum-nitro       @arbitrum/nitro-contracts@3.2.0           sha512-uiwqpgLLBpym/55YBPVItkfOnkfGRh+yWyIeTxBjSn+O0nDcEwPZhB1EQSE+eTxteD9nP7ZacAi3a9f+E/17vQ=="
    "optimism             @eth-optimism/contracts@0.6.0             sha512-vQ04wfG9kMf1Fwy3FEMqH2QZbgS0gldKhcBeBUPfO8zu68L61VI97UDXmsMQXzTsEAxK8HnokW3/gosl4/NW3w=="
    "optimism-bedrock     @eth-optimism/contracts-bedrock@0.17.3    sha512-cHPO7ntWeOBDLO7ZFFSZGI1D7CDqf4loRbRVJrFIsqLEz+hysWIqA0e3dv2GnrjVeuYePBfI2NTBEG4uwz9bQQ=="
    "zeroex               @0x/contracts-zero-ex@0.38.6              sha512-SeDDfexphDVOubNosO6PkvA9Grt5MGgT8bodUF+AODXiJ+CHYxWtBT7WYYkIvEmMYK0RMrtwtHRv8J9FgqV+Og=="
    "aave-v3              @aave/core-v3@1.19.3                      sha512-Xr7+VcoU5b4mPwM4IUCnskw3lciwrnL4Xloyad8GOddYeixnri2lZYobNmErm1LwE50vqjI0O+9QGNKY2TDkeQ=="
    "chainlink            @chainlink/contracts@1.5.0                sha512-1fGJwjvivqAxvVOTqZUEXGR54CATtg0vjcXgSIk4Cfoad2nUhSG/qaWHXjLg1CkNTeOoteoxGQcpP/HiA5HsUA=="
)

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# A private npm cache: works with a fresh HOME and leaves the user's cache alone.
export npm_config_cache="$work/npm-cache"

mkdir -p "$cache"
for entry in "${corpus[@]}"; do
    read -r name spec integrity <<<"$entry"
    pin="$cache/.$name.pin"  # what the tree was fetched as
    if [[ -d "$cache/$name" && -f "$pin" && "$(cat "$pin")" == "$spec $integrity" ]]; then
        continue
    fi
    tarball=$(npm pack --silent --pack-destination "$work" "$spec" | tail -n 1)
    # npm checks the registry's own integrity field; this also pins the bytes we tested with.
    actual="sha512-$(openssl dgst -sha512 -binary "$work/$tarball" | base64 -w0)"
    if [[ "$actual" != "$integrity" ]]; then
        echo "fetch.sh: $spec: tarball integrity $actual, expected $integrity" >&2
        exit 1
    fi
    # Unpack beside the target and swap it in, so an interrupted run leaves no half folder.
    mkdir -p "$work/$name"
    tar -xzf "$work/$tarball" -C "$work/$name" --strip-components=1 --wildcards 'package/*.json'
    rm "$work/$tarball"
    count=$(find "$work/$name" -name '*.json' | wc -l)
    rm -f "$pin"
    rm -rf "${cache:?}/$name"
    mv "$work/$name" "$cache/$name"
    echo "$spec $integrity" >"$pin"
    echo "corpus: $spec -> $cache/$name ($count JSON files, $(du -sh "$cache/$name" | cut -f1))"
done
