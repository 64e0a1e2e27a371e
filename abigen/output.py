"""Rendered text -> disk: formatted, checked to compile, then written atomically.

Nothing is written unless every file rendered, formatted and compiled; each file is
written to a temp file beside it and renamed, so a failed run leaves old files untouched.
"""

from __future__ import annotations

import functools
import importlib
import os
import subprocess
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path

# Formatting settings are fixed here (not read from the user's config) so output is the
# same on every machine; so is ruff itself: an exact pin in the package's dependencies, and the
# binary is checked to be that version (formatting changes between ruff releases).
RUFF_VERSION = "0.17.6"
_RUFF_FIX = f"reinstall abigen, or pip install ruff=={RUFF_VERSION}"
_SETTINGS = ("--isolated", "--no-cache", "--line-length", "100", "--target-version", "py310")
_RUFF_FORMAT = ("format", *_SETTINGS)
# isort's ordering (imports, and __all__ per RUF022) is intricate (natural numbers, case
# classes): let the pinned ruff apply it rather than imitate it in templates.
_IMPORTS_STRUCTS = "from .structs import"
_RUFF_SORT = ("check", *_SETTINGS, "--select", "I,RUF022", "--fix", "--quiet", "--exit-zero")


class OutputError(Exception):
    """Output could not be produced or written; the message names the file."""


def finish(sources: Mapping[str, str]) -> dict[str, str]:
    """Format rendered modules ({relative path: text}); formatting fails on any syntax error.

    ruff's parser is a full Python parser, so this is the "does it compile" check as well;
    compile() on top would double the cost of a large run (1 s for OpenZeppelin's 166
    contracts) for no extra safety: names are unique by construction, and the test suites
    import every generated module.
    """
    return _format(sources)


@functools.cache
def _ruff() -> str:
    """The ruff binary of the installed `ruff` package (abigen's pinned dependency), not
    whatever `ruff` is on PATH; checked to be the pinned version (~2 ms, once per run)."""
    try:
        # ruff ships no type information: the finder is typed here.
        find_ruff_bin: Callable[[], str] = importlib.import_module("ruff.__main__").find_ruff_bin
        binary = find_ruff_bin()
    except (ImportError, FileNotFoundError):  # no ruff package, or its binary is missing
        raise OutputError(f"cannot format output: ruff is not installed ({_RUFF_FIX})") from None
    check_ruff_version(binary)
    return binary


def check_ruff_version(binary: str) -> None:
    """Fail unless `binary --version` is the pinned ruff (it may come from another install)."""
    try:
        result = subprocess.run(
            [binary, "--version"], capture_output=True, text=True, check=False, timeout=30
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise OutputError(
            f"cannot format output: cannot run {binary}: {exc} ({_RUFF_FIX})"
        ) from None
    if result.stdout.split() != ["ruff", RUFF_VERSION]:
        reported = (result.stdout.strip() or "nothing").splitlines()[0]
        raise OutputError(
            f"cannot format output: abigen needs ruff {RUFF_VERSION}, {binary} --version "
            f"says {reported!r} ({_RUFF_FIX})"
        )


def _scratch_parent() -> str | None:
    # Formatting goes through files; on a slow disk creating and deleting hundreds of them
    # costs more than the formatting itself, so prefer memory-backed /dev/shm.
    shm = "/dev/shm"
    return shm if os.path.isdir(shm) and os.access(shm, os.W_OK | os.X_OK) else None


def _format(sources: Mapping[str, str]) -> dict[str, str]:
    with tempfile.TemporaryDirectory(prefix="abigen-", dir=_scratch_parent()) as scratch:
        root = Path(scratch)
        for name, text in sources.items():
            try:
                (root / name).parent.mkdir(parents=True, exist_ok=True)
                (root / name).write_text(text, encoding="utf-8")
            except OSError as exc:  # e.g. a name the file system refuses: our bug, said in a line
                raise OutputError(f"internal error: cannot stage {name}: {exc.strerror}") from None
        # Only a package's __init__ and modules importing shared structs can be out of isort's
        # order; sorting just those keeps a 166-contract run from paying a full lint pass.
        unsorted = [
            n
            for n, text in sources.items()
            if n.endswith("__init__.py") or _IMPORTS_STRUCTS in text
        ]
        if unsorted:
            _run_ruff(_RUFF_SORT, root, unsorted)
        _run_ruff(_RUFF_FORMAT, root, ["."])
        return {name: (root / name).read_text(encoding="utf-8") for name in sources}


def _run_ruff(command: tuple[str, ...], root: Path, paths: list[str]) -> None:
    result = subprocess.run(
        [_ruff(), *command, *paths], cwd=root, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        # A syntax error in what we rendered: our bug, not the user's.
        detail = (result.stderr or result.stdout).strip().splitlines()
        raise OutputError(
            f"internal error: generated code does not parse: {detail[0] if detail else '?'}"
        )


def write_atomically(files: Mapping[Path, str]) -> None:
    """Write every file or none: folders are checked before the first write."""
    for path in files:
        if not path.parent.is_dir():
            raise OutputError(f"cannot write {path}: folder {path.parent} does not exist")
        if path.is_dir():
            raise OutputError(f"cannot write {path}: it is a folder, expected a file path")
    for path, text in files.items():
        try:
            _write_one(path, text)
        except OSError as exc:
            raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from None


def _write_one(path: Path, text: str) -> None:
    # mkstemp creates 0600 files: give the result the mode a plain open() would (or keep the
    # existing file's), so regenerating never changes permissions.
    try:
        mode = path.stat().st_mode & 0o777
    except FileNotFoundError:
        mode = 0o666 & ~_umask()
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        os.chmod(temp, mode)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def _umask() -> int:
    current = os.umask(0)  # the only portable way to read it is to set it
    os.umask(current)
    return current


def is_stale(path: Path, text: str) -> bool:
    try:
        return path.read_text(encoding="utf-8") != text
    except FileNotFoundError:
        return True


def remove_generated(folder: Path, *, keep: set[Path], mark: str) -> None:
    """Delete modules we generated earlier that this run no longer produces (a removed contract)."""
    for path in folder.glob("*.py"):
        if path in keep:
            continue
        with path.open(encoding="utf-8", errors="replace") as handle:
            first = handle.readline().rstrip("\n")
        if first == mark:
            path.unlink()
