"""Input files -> contracts (ABI JSON, bytecode, link references, NatSpec).

Recognises, by content and never by file name: a bare ABI array; single-contract artifacts
(Hardhat, Foundry, Truffle, Waffle: anything with an "abi" key); solc --combined-json and
standard-JSON output; Vyper's combined_json. Unknown shapes are an error naming the file, never
an empty binding.
"""

from __future__ import annotations

import glob
import json
import os
import re
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Any, TypeGuard, cast

from abigen.jsontext import loads
from abigen.natspec import docs_from_metadata

_HEX = re.compile(r"[0-9a-fA-F]*")
_HASHED_PLACEHOLDER = re.compile(r"__\$[0-9a-fA-F]{34}\$__")  # solc >= 0.5
_NAMED_PLACEHOLDER = re.compile(r"__[^\s$]+")  # solc < 0.5, Truffle: "__Name" padded with "_"
_PLACEHOLDER_CHARS = 40  # a placeholder stands for a 20-byte address
UNRESOLVED = "?"  # link_references key for libraries known only by their placeholder hash
_FORMATS = (
    "expected a JSON array of ABI entries, an artifact with an 'abi' key, "
    "solc --combined-json or standard-JSON output, or Vyper combined_json output"
)

LinkReferences = dict[str, dict[str, list[tuple[int, int]]]]


class SourceError(ValueError):
    """An input file is missing, unreadable or not something we can bind."""


@dataclass(frozen=True)
class ContractSource:
    """One contract found in the inputs, before its ABI is validated."""

    name: str  # contract name; for a bare ABI file, the file name up to its first dot
    origin: str  # for messages: the file, plus ":<source path>:<Name>" for multi-contract files
    source_path: str | None  # source unit ("contracts/Token.sol") when the input says so
    abi: list[Any]  # raw ABI JSON array (validated later by abigen.runtime.abi.parse)
    bytecode: str | None  # creation code: lowercase hex without 0x; may hold link placeholders
    # {source_path: {library: [(byte_offset, byte_length), ...]}}, sorted
    link_references: LinkReferences
    devdoc: dict[str, Any] | None
    userdoc: dict[str, Any] | None
    compiler: str | None = None  # "0.8.26" when the input says which solc built it


@dataclass(frozen=True)
class Source:
    """The single-contract view `load_abi` returns."""

    name: str  # what to call it in messages: the path, or <stdin>
    abi: object  # the ABI JSON (validated later by the parser)
    bytecode: str | None  # creation code, hex without 0x


# ---------------------------------------------------------------------------------------------
# Public entry points


def load_inputs(
    paths: Sequence[str], *, combined_json: str | None = None, exclude: Sequence[str] = ()
) -> tuple[list[ContractSource], list[SourceError]]:
    """Every contract found, sorted by (source_path or '', name, origin), and one SourceError
    per input that could not be read; the caller generates the rest and exits non-zero.

    Raises SourceError (before reading anything) for a malformed exclusion pattern.
    """
    for pattern in exclude:
        if ":" not in pattern:
            raise SourceError(f"--exc {pattern!r}: expected PATH:TYPE (either may be *)")
    loader = _Loader()
    for path in paths:
        loader.load_argument(path)
    if combined_json is not None:
        loader.load_argument(combined_json, solc_only=True)
    contracts = [
        contract
        for contract in _resolve_hashed_libraries(loader.contracts)
        if not _excluded(contract, exclude)
    ]
    contracts.sort(key=lambda c: (c.source_path or "", c.name, c.origin))
    return contracts, loader.errors


def load_abi(path: str) -> Source:
    """The one contract in one input (a thin wrapper over load_inputs)."""
    contracts, errors = load_inputs([path])
    if errors:
        raise errors[0]
    if len(contracts) != 1:
        names = ", ".join(c.name for c in contracts)
        raise SourceError(f"{_display(path)}: holds {len(contracts)} contracts ({names}), not one")
    contract = contracts[0]
    return Source(contract.origin, contract.abi, contract.bytecode)


def load_bytecode(path: str) -> str:
    name, text = read_text(path)
    return clean_bytecode(name, text)


def clean_bytecode(name: str, text: str) -> str:
    """Hex without 0x, lowercase outside library names; link placeholders are allowed."""
    code, _ = _scan_bytecode(name, text)
    return code


def read_text(path: str) -> tuple[str, str]:
    """(display name, text) of a file, or of stdin for '-'."""
    if path == "-":
        return "<stdin>", sys.stdin.read()
    try:
        # utf-8-sig: tolerate the byte-order mark some Windows editors write.
        return path, Path(path).read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise SourceError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise SourceError(f"{path}: is a directory, expected a JSON file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise SourceError(f"{path}: cannot read: {exc}") from None


# ---------------------------------------------------------------------------------------------
# Finding files


@dataclass(frozen=True)
class _File:
    path: str  # as given or found; "-" for stdin
    explicit: bool  # named by the user: any problem is an error; else non-ABI files are skipped

    @property
    def display(self) -> str:
        return _display(self.path)


@dataclass(frozen=True)
class _Read:
    contracts: list[ContractSource]
    errors: list[SourceError]
    recognised: bool  # the file was ABI-bearing (even if broken)


class _Loader:
    """Reads arguments in order, each file once however often it is reached."""

    def __init__(self) -> None:
        self.contracts: list[ContractSource] = []
        self.errors: list[SourceError] = []
        self._done: dict[str, _Read] = {}
        self._stdin_read = False

    def load_argument(self, argument: str, *, solc_only: bool = False) -> None:
        try:
            files = self._expand(argument)
        except SourceError as exc:
            self.errors.append(exc)
            return
        recognised = False
        for file in files:
            recognised |= self._load_file(file, solc_only).recognised
        if not recognised:  # (an explicitly named file is always "recognised" or an error)
            # A directory or pattern that yields nothing is a mistake, not an empty package.
            self.errors.append(SourceError(f"{argument}: no ABI or artifact JSON files found"))

    def _expand(self, argument: str) -> list[_File]:
        if argument == "-":
            if self._stdin_read:
                raise SourceError("-: standard input can be read only once")
            self._stdin_read = True
            return [_File("-", explicit=True)]
        if os.path.isdir(argument):
            return list(_walk(argument))
        if os.path.exists(argument) or not _is_pattern(argument):
            return [_File(argument, explicit=True)]  # a missing file is reported when read
        matches = sorted(glob.glob(argument, recursive=True))
        if not matches:
            raise SourceError(f"{argument}: no files match this pattern")
        return [file for match in matches for file in _matched(match)]

    def _load_file(self, file: _File, solc_only: bool) -> _Read:
        key = file.path if file.path == "-" else os.path.realpath(file.path)
        if key in self._done:  # reached again through another argument: already collected
            return self._done[key]
        result = self._done[key] = _read_file(file, solc_only)
        self.contracts.extend(result.contracts)
        self.errors.extend(result.errors)
        return result


def _walk(directory: str) -> Iterator[_File]:
    for path in sorted(Path(directory).rglob("*.json")):
        if path.is_file():
            yield _File(str(path), explicit=False)


def _matched(match: str) -> Iterator[_File]:
    # Files matched by a pattern are treated like a directory's: non-ABI JSON is skipped.
    if os.path.isdir(match):
        yield from _walk(match)
    else:
        yield _File(match, explicit=False)


def _is_pattern(path: str) -> bool:
    return any(char in path for char in "*?[")


def _display(path: str) -> str:
    return "<stdin>" if path == "-" else path


# ---------------------------------------------------------------------------------------------
# Recognising a file's shape


def _read_file(file: _File, solc_only: bool) -> _Read:
    try:
        data = _parse_json(file)
    except SourceError as exc:
        return _Read([], [exc], recognised=True)
    reader = _reader_for(data, solc_only, file.explicit)
    if reader is None:
        if not file.explicit:
            return _Read([], [], recognised=False)
        return _Read([], [_unrecognised(data, file, solc_only)], recognised=True)
    contracts, errors = reader(data, file)
    if not contracts and not errors and file.explicit:
        errors = [SourceError(f"{file.display}: holds no contracts")]
    return _Read(contracts, errors, recognised=True)


def _parse_json(file: _File) -> object:
    """The file's JSON. A file found by a walk that is not JSON gives None: not ours, skipped."""
    name, text = read_text(file.path) if file.explicit else _read_found(file.path)
    try:
        return _loads(text)
    except json.JSONDecodeError as exc:
        if not file.explicit:
            return None
        raise SourceError(f"{name}:{exc.lineno}:{exc.colno}: malformed JSON: {exc.msg}") from None
    except ValueError as exc:
        if not file.explicit:
            return None
        raise SourceError(f"{name}: unreadable JSON: {exc}") from None


def _loads(text: str) -> object:
    return loads(text)


def _reason(exc: ValueError) -> str:
    return exc.msg if isinstance(exc, json.JSONDecodeError) else str(exc)


def _read_found(path: str) -> tuple[str, str]:
    try:
        return path, Path(path).read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        return path, ""  # not text, so not JSON: skipped like any other non-JSON file
    except OSError as exc:
        raise SourceError(f"{path}: cannot read: {exc}") from None


def _unrecognised(data: object, file: _File, solc_only: bool) -> SourceError:
    if solc_only:
        return SourceError(f"{file.display}: not solc --combined-json or standard-JSON output")
    return _solc_failure(data, file) or SourceError(
        f"{file.display}: not an ABI or a known artifact format ({_FORMATS})"
    )


_Reader = Callable[[Any, _File], tuple[list[ContractSource], list[SourceError]]]


def _reader_for(data: object, solc_only: bool, explicit: bool) -> _Reader | None:
    """How to read this JSON value, or None if it is not a shape we know."""
    if isinstance(data, list):
        # Found by a walk, only an array of ABI entries counts, not just any JSON array; named
        # by the user, any array is read as an ABI so the parser can say what is wrong with it.
        is_abi = explicit or _looks_like_abi(cast("list[object]", data))
        return _bare_abi if is_abi and not solc_only else None
    if not isinstance(data, dict):
        return None
    top = cast("dict[str, Any]", data)
    if "abi" in top:
        return None if solc_only else _artifact_file
    if isinstance(top.get("compilerOutput"), dict) and "abi" in top["compilerOutput"]:
        return None if solc_only else _zerox_artifact
    contracts = top.get("contracts")
    if isinstance(contracts, dict):
        units = cast("dict[str, Any]", contracts).values()
        # Combined-json entries hold "abi"/"bin" directly; standard-JSON nests them per name.
        if any(isinstance(unit, dict) and ("abi" in unit or "bin" in unit) for unit in units):
            return _solc_combined
        return _solc_standard
    if not solc_only and "version" in top and any(_is_vyper_entry(v) for v in top.values()):
        return _vyper_combined
    return None


def _looks_like_abi(entries: list[object]) -> bool:
    # Every ABI entry is an object with a "type" (or, in old ABIs, "inputs").
    return all(_is_abi_entry(entry) for entry in entries)


def _is_abi_entry(entry: object) -> bool:
    return isinstance(entry, dict) and bool(
        {"type", "inputs"} & cast("dict[str, Any]", entry).keys()
    )


def _is_vyper_entry(value: object) -> bool:
    return isinstance(value, dict) and "abi" in value


def _solc_failure(data: object, file: _File) -> SourceError | None:
    """solc output with errors and no contracts: say so rather than 'unknown format'."""
    if not isinstance(data, dict):
        return None
    problems = cast("dict[str, Any]", data).get("errors")
    if not isinstance(problems, list):
        return None
    for problem in cast("list[object]", problems):
        if isinstance(problem, dict):
            entry = cast("dict[str, Any]", problem)
            if entry.get("severity") == "error":
                text = str(entry.get("formattedMessage") or entry.get("message") or "")
                first = text.strip().splitlines()[0] if text.strip() else "(no message)"
                return SourceError(f"{file.display}: the compiler reported errors: {first}")
    return None


# ---------------------------------------------------------------------------------------------
# Readers, one per shape


def _artifact_file(data: Any, file: _File) -> tuple[list[ContractSource], list[SourceError]]:
    if cast("dict[str, Any]", data)["abi"] is None and not file.explicit:
        return [], []  # Foundry's artifact of a Yul object: nothing to bind
    try:
        return [_artifact(cast("dict[str, Any]", data), file)], []
    except SourceError as exc:
        return [], [exc]


def _zerox_artifact(data: Any, file: _File) -> tuple[list[ContractSource], list[SourceError]]:
    """0x's artifacts: {"contractName", "compilerOutput": {"abi", "evm", "devdoc"}, "compiler"}."""
    top = cast("dict[str, Any]", data)
    output = cast("dict[str, Any]", top["compilerOutput"])
    name = _string(top.get("contractName")) or _stem(file)
    try:
        code, refs = _code_fields(_get(output, "evm", "bytecode"))
        contract = _contract(output, file.display, name, None, code, refs, None)
    except SourceError as exc:
        return [], [exc]
    return [replace(contract, compiler=_version(_get(top, "compiler", "version")))], []


def _bare_abi(data: Any, file: _File) -> tuple[list[ContractSource], list[SourceError]]:
    abi = cast("list[Any]", data)
    return [ContractSource(_stem(file), file.display, None, abi, None, {}, None, None)], []


def _artifact(data: dict[str, Any], file: _File) -> ContractSource:
    """Hardhat, Foundry, Truffle, Waffle, or any {"abi": ...} object."""
    metadata = _metadata(data)
    target = _compilation_target(metadata)
    target_path, target_name = target or (None, None)
    name = _string(data.get("contractName")) or target_name or _stem(file)
    source_path = (
        target_path
        or _string(data.get("sourceName"))  # Hardhat
        or _string(data.get("sourcePath"))  # Truffle (absolute; used only without metadata)
        or _string(_get(data, "ast", "absolutePath"))  # Foundry without metadata
    )
    code, refs = data.get("bytecode"), data.get("linkReferences")
    if isinstance(code, dict):  # Foundry: {"object": "0x..", "linkReferences": {...}}
        code, refs = _code_fields(cast("dict[str, Any]", code))
    elif code is None and "evm" in data:  # Waffle: solc's per-contract output
        code, refs = _code_fields(_get(data, "evm", "bytecode"))
    return _contract(data, file.display, name, source_path, code, refs, metadata)


def _solc_combined(data: Any, file: _File) -> tuple[list[ContractSource], list[SourceError]]:
    """solc --combined-json: {"contracts": {"path.sol:Name": {"abi", "bin", ...}}}."""
    units = cast("dict[str, Any]", data["contracts"])
    found: list[ContractSource] = []
    errors: list[SourceError] = []
    for key, entry in sorted(units.items()):
        path, _, name = key.rpartition(":")
        origin = f"{file.display}:{key}"
        try:
            item = _object(entry, origin)
            metadata = _metadata(item)
            code = item.get("bin")
            found.append(_contract(item, origin, name, path or None, code, None, metadata))
        except SourceError as exc:
            errors.append(exc)
    return found, errors


def _solc_standard(data: Any, file: _File) -> tuple[list[ContractSource], list[SourceError]]:
    """solc standard-JSON output: {"contracts": {"path.sol": {"Name": {"abi", "evm", ...}}}}."""
    units = cast("dict[str, Any]", data["contracts"])
    found: list[ContractSource] = []
    errors: list[SourceError] = []
    for path, raw_unit in sorted(units.items()):  # path -> {name -> contract}
        try:
            unit = _object(raw_unit, f"{file.display}:{path}")
        except SourceError as exc:
            errors.append(exc)
            continue
        for name, entry in sorted(unit.items()):
            origin = f"{file.display}:{path}:{name}"
            try:
                item = _object(entry, origin)
                code, refs = _code_fields(_get(item, "evm", "bytecode"))
                found.append(_contract(item, origin, name, path, code, refs, _metadata(item)))
            except SourceError as exc:
                errors.append(exc)
    return found, errors


def _vyper_combined(data: Any, file: _File) -> tuple[list[ContractSource], list[SourceError]]:
    """vyper -f combined_json: {"path.vy": {"abi", "bytecode", ...}, "version": "0.3.x"}."""
    top = cast("dict[str, Any]", data)
    found: list[ContractSource] = []
    errors: list[SourceError] = []
    for path, entry in sorted(top.items()):
        if not _is_vyper_entry(entry):
            continue  # "version", or outputs we do not use
        name = Path(path).name.split(".")[0] or path
        origin = f"{file.display}:{path}:{name}"
        try:
            item = cast("dict[str, Any]", entry)
            found.append(_contract(item, origin, name, path, item.get("bytecode"), None, None))
        except SourceError as exc:
            errors.append(exc)
    return found, errors


# ---------------------------------------------------------------------------------------------
# Fields shared by every shape


def _contract(
    entry: dict[str, Any],
    origin: str,
    name: str,
    source_path: str | None,
    code: object,
    refs: object,
    metadata: dict[str, Any] | None,
) -> ContractSource:
    abi = _abi(entry, origin)
    bytecode, links = _bytecode_and_links(code, refs, origin)
    devdoc = _doc(entry, "devdoc", origin)
    userdoc = _doc(entry, "userdoc", origin)
    if (devdoc is None or userdoc is None) and metadata is not None:
        # Foundry (and others) keep NatSpec only inside the metadata.
        meta_dev, meta_user = docs_from_metadata(metadata)
        devdoc = devdoc if devdoc is not None else meta_dev
        userdoc = userdoc if userdoc is not None else meta_user
    compiler = _version(_get(metadata, "compiler", "version"))
    if source_path is not None:
        source_path = _encodable(source_path)
    return ContractSource(
        _encodable(name),
        _encodable(origin),
        source_path,
        abi,
        bytecode,
        links,
        devdoc,
        userdoc,
        compiler,
    )


def _encodable(text: str) -> str:
    """Text from JSON with its lone surrogates ("\\ud800" is valid JSON) spelled out as
    `\\ud800`: such a string cannot be encoded as UTF-8, so printing it (a listing, an error
    message) or writing it into a module would fail."""
    if text.isascii():
        return text
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def _version(value: object) -> str | None:
    """ "0.8.26+commit.8a97fa7a" -> "0.8.26"; None unless it looks like a version."""
    text = _string(value)
    if text is None:
        return None
    release = text.split("+")[0].removeprefix("v")
    return release if re.fullmatch(r"\d+(\.\d+)*", release) else None


def _code_fields(bytecode: object) -> tuple[object, object]:
    """solc's {"object": hex, "linkReferences": {...}} (also Foundry's "bytecode")."""
    return _get(bytecode, "object"), _get(bytecode, "linkReferences")


def _abi(entry: Mapping[str, Any], origin: str) -> list[Any]:
    if "abi" not in entry:
        raise SourceError(f"{origin}: has no 'abi'")
    abi = entry["abi"]
    if abi is None:
        raise SourceError(
            f"{origin}: 'abi' is null (an artifact of a Yul object?): nothing to bind"
        )
    if isinstance(abi, str):  # old solc --combined-json embeds the ABI as a JSON string
        try:
            abi = _loads(abi)
        except ValueError as exc:
            raise SourceError(
                f"{origin}: the 'abi' string is not valid JSON: {_reason(exc)}"
            ) from None
    if not isinstance(abi, list):
        raise SourceError(f"{origin}: an ABI must be a JSON array of entries, got {_kind(abi)}")
    return cast("list[object]", abi)


def _doc(entry: Mapping[str, Any], key: str, origin: str) -> dict[str, Any] | None:
    value = entry.get(key)
    if isinstance(value, str):  # old solc --combined-json: a JSON string
        try:
            value = _loads(value)
        except ValueError:
            raise SourceError(f"{origin}: the '{key}' string is not valid JSON") from None
    if value is None:
        return None
    if not isinstance(value, dict):
        raise SourceError(f"{origin}: '{key}' must be an object, got {_kind(value)}")
    return cast("dict[str, Any]", value)


def _metadata(entry: Mapping[str, Any]) -> dict[str, Any] | None:
    """solc's metadata (an object, or a JSON string); None if absent or unreadable.

    Metadata is only borrowed from (compilation target, NatSpec), so a broken one is ignored.
    """
    value = entry.get("metadata")
    if value is None:
        value = entry.get("rawMetadata")  # Foundry keeps the string form here too
    if isinstance(value, str):
        try:
            value = _loads(value)
        except ValueError:
            return None
    return cast("dict[str, Any]", value) if isinstance(value, dict) else None


def _compilation_target(metadata: Mapping[str, Any] | None) -> tuple[str, str] | None:
    """(source unit, contract name) from metadata.settings.compilationTarget."""
    target = _get(metadata, "settings", "compilationTarget")
    if not isinstance(target, dict) or len(cast("dict[str, Any]", target)) != 1:
        return None
    ((path, name),) = cast("dict[str, Any]", target).items()
    return (path, name) if isinstance(name, str) and path and name else None


def _bytecode_and_links(
    code: object, refs: object, origin: str
) -> tuple[str | None, LinkReferences]:
    if code is None or code in ("", "0x"):  # interfaces and abstract contracts have none
        return None, {}
    if not isinstance(code, str):
        raise SourceError(f"{origin}: 'bytecode' must be a hex string")
    bytecode, placeholders = _scan_bytecode(origin, code)
    links = _given_links(refs, origin, len(bytecode) // 2) if refs is not None else {}
    if not links and placeholders:  # Truffle, combined-json, Vyper: work them out ourselves
        links = _links_from_placeholders(placeholders)
    return bytecode, links


# ---------------------------------------------------------------------------------------------
# Bytecode and link references


def _scan_bytecode(name: str, text: str) -> tuple[str, list[tuple[int, str]]]:
    """(clean code, [(byte offset, placeholder)]): hex outside 40-char library placeholders."""
    code = text.strip()
    if code[:2] in ("0x", "0X"):
        code = code[2:]
    invalid = SourceError(f"{name}: bytecode is not valid hex")
    if not code or len(code) % 2:
        raise invalid
    pieces: list[str] = []
    placeholders: list[tuple[int, str]] = []
    position = 0
    while (start := code.find("_", position)) != -1:
        token = _placeholder_at(code, start)
        if token is None or not _HEX.fullmatch(code, position, start):
            raise invalid
        pieces += [code[position:start].lower(), token]
        placeholders.append((start // 2, token))
        position = start + _PLACEHOLDER_CHARS
    if not _HEX.fullmatch(code, position):
        raise invalid
    pieces.append(code[position:].lower())
    return "".join(pieces), placeholders


def _placeholder_at(code: str, start: int) -> str | None:
    """The placeholder starting at this character, normalised, or None if there is none."""
    token = code[start : start + _PLACEHOLDER_CHARS]
    if start % 2 or len(token) != _PLACEHOLDER_CHARS or not token.endswith("__"):
        return None
    if _HASHED_PLACEHOLDER.fullmatch(token):
        return token.lower()
    # A named placeholder keeps its case: it is a library name, not hex.
    return token if _NAMED_PLACEHOLDER.fullmatch(token.rstrip("_")) else None


def _links_from_placeholders(placeholders: list[tuple[int, str]]) -> LinkReferences:
    links: LinkReferences = {}
    for offset, token in placeholders:
        if token.startswith("__$"):
            source, library = UNRESOLVED, token[2:-2]  # "$<34 hex>$": resolved later if we can
        else:
            # Old solc writes "path:Name" (truncated to 36 characters); Truffle just "Name".
            source, _, library = token[2:].rstrip("_").rpartition(":")
        links.setdefault(source, {}).setdefault(library, []).append((offset, 20))
    return _sorted_links(links)


def _given_links(refs: object, origin: str, size: int) -> LinkReferences:
    """solc's {"path.sol": {"Lib": [{"start": 12, "length": 20}]}}, checked and sorted."""
    links: LinkReferences = {}
    for source, libraries in _object(refs, f"{origin}: linkReferences").items():
        for library, spots in _object(libraries, f"{origin}: linkReferences").items():
            where = f"{origin}: linkReferences for {source}:{library}"
            if not isinstance(spots, list):
                raise SourceError(f"{where}: expected an array, got {_kind(spots)}")
            offsets = [_spot(spot, where, size) for spot in cast("list[object]", spots)]
            links.setdefault(source, {})[library] = offsets
    return _sorted_links(links)


def _spot(spot: object, where: str, size: int) -> tuple[int, int]:
    start = _get(spot, "start")
    length = _get(spot, "length")
    if not (_is_count(start) and _is_count(length) and length > 0 and start + length <= size):
        raise SourceError(f"{where}: expected {{'start', 'length'}} inside the bytecode")
    return start, length


def _is_count(value: object) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _sorted_links(links: LinkReferences) -> LinkReferences:
    return {
        source: {library: sorted(links[source][library]) for library in sorted(links[source])}
        for source in sorted(links)
    }


def _resolve_hashed_libraries(contracts: list[ContractSource]) -> list[ContractSource]:
    """Name "__$<hash>$__" libraries after any loaded contract whose "path:Name" hashes to it."""
    if not any(UNRESOLVED in contract.link_references for contract in contracts):
        return contracts  # the common case: skip hashing every contract's name
    known = {
        placeholder_hash(f"{c.source_path}:{c.name}"): (c.source_path, c.name)
        for c in contracts
        if c.source_path is not None
    }
    return [_resolve(contract, known) for contract in contracts]


def placeholder_hash(qualified_name: str) -> str:
    """The "$<34 hex>$" solc puts in "__$..$__" for a library's fully qualified name."""
    from abigen.runtime.keccak import keccak256  # loads native code: only when a library needs it

    return f"${keccak256(qualified_name.encode())[:17].hex()}$"


def _resolve(contract: ContractSource, known: Mapping[str, tuple[str, str]]) -> ContractSource:
    unresolved = contract.link_references.get(UNRESOLVED)
    if not unresolved:
        return contract
    links: LinkReferences = {
        source: {library: list(spots) for library, spots in libraries.items()}
        for source, libraries in contract.link_references.items()
        if source != UNRESOLVED
    }
    for key, spots in unresolved.items():
        source, library = known.get(key, (UNRESOLVED, key))
        links.setdefault(source, {}).setdefault(library, []).extend(spots)
    return replace(contract, link_references=_sorted_links(links))


# ---------------------------------------------------------------------------------------------
# Exclusion and small JSON helpers


def _excluded(contract: ContractSource, patterns: Sequence[str]) -> bool:
    """go-ethereum's --exc: "path:Type", "*:Type" or "path:*" (here any fnmatch pattern)."""
    qualified = f"{contract.source_path or contract.origin}:{contract.name}"
    return any(fnmatchcase(qualified, pattern) for pattern in patterns)


def _stem(file: _File) -> str:
    """A bare ABI's contract name: "Token.abi.json" -> "Token"."""
    if file.path == "-":
        return "stdin"
    name = Path(file.path).name
    return name.split(".")[0] or Path(file.path).stem or name


def _object(value: object, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise SourceError(f"{where}: expected an object, got {_kind(value)}")
    return cast("dict[str, Any]", value)


def _get(value: object, *keys: str) -> object:
    """value[k1][k2]... through JSON objects, or None where the path stops."""
    for key in keys:
        if not isinstance(value, dict):
            return None
        value = cast("dict[str, object]", value).get(key)
    return value


def _string(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


def _kind(value: object) -> str:
    kinds = {bool: "a boolean", dict: "an object", list: "an array", str: "a string"}
    for python_type, label in kinds.items():
        if isinstance(value, python_type):
            return label
    return "null" if value is None else "a number"
