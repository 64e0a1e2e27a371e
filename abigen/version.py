"""abigen's version, read from the installed package's metadata.

Read directly from the `.dist-info` folder on sys.path (where importlib.metadata finds it
too): importing importlib.metadata costs ~15 ms, more than the rest of `abigen --version`.
"""

from __future__ import annotations

import os
import sys

_PREFIX = "abigen-"
_SUFFIX = ".dist-info"


def installed_version() -> str:
    for entry in sys.path:
        try:
            names = sorted(os.listdir(entry or "."))
        except OSError:  # missing folders and zip files on sys.path
            continue
        for name in names:
            if name.startswith(_PREFIX) and name.endswith(_SUFFIX):
                found = _metadata_version(os.path.join(entry or ".", name, "METADATA"))
                if found is not None:
                    return found
    # Anything else (an egg, a zipped install) is importlib.metadata's business.
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("abigen")
    except PackageNotFoundError:
        return "unknown (not installed as a package)"


def _metadata_version(path: str) -> str | None:
    try:
        with open(path, encoding="utf-8") as handle:
            for line in handle:
                if not line.strip():  # the headers end at the first blank line
                    break
                key, _, value = line.partition(":")
                if key == "Version":
                    return value.strip()
    except OSError:
        return None
    return None
