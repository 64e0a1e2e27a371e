"""Input files -> (ABI JSON, bytecode). Recognises a bare ABI array and {"abi": ...} artifacts.

Unknown shapes are an error naming the file, never an empty binding.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import cast

_HEX = re.compile(r"[0-9a-fA-F]*")


class SourceError(ValueError):
    """An input file is missing, unreadable or not something we can bind."""


@dataclass(frozen=True)
class Source:
    name: str  # what to call it in messages: the path, or <stdin>
    abi: object  # the ABI JSON (validated later by the parser)
    bytecode: str | None  # creation code, hex without 0x


def read_text(path: str) -> tuple[str, str]:
    """(display name, text) of a file, or of stdin for '-'."""
    if path == "-":
        return "<stdin>", sys.stdin.read()
    file = Path(path)
    try:
        return path, file.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise SourceError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise SourceError(f"{path}: is a directory, expected a JSON file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise SourceError(f"{path}: cannot read: {exc}") from None


def load_abi(path: str) -> Source:
    name, text = read_text(path)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise SourceError(f"{name}:{exc.lineno}:{exc.colno}: malformed JSON: {exc.msg}") from None
    if isinstance(data, list):
        return Source(name, cast("list[object]", data), None)
    if isinstance(data, dict) and "abi" in data:
        artifact = cast("dict[str, object]", data)
        abi = artifact["abi"]
        if isinstance(abi, str):  # old solc --combined-json embeds the ABI as a string
            try:
                abi = json.loads(abi)
            except json.JSONDecodeError as exc:
                raise SourceError(
                    f"{name}: the 'abi' string is not valid JSON: {exc.msg}"
                ) from None
        return Source(name, abi, _artifact_bytecode(name, artifact))
    raise SourceError(
        f"{name}: not an ABI: expected a JSON array of ABI entries or an object with an 'abi' key"
    )


def _artifact_bytecode(name: str, data: Mapping[str, object]) -> str | None:
    code = data.get("bytecode")
    if isinstance(code, dict):  # Foundry: {"object": "0x..", "linkReferences": ...}
        code = cast("dict[str, object]", code).get("object")
    if code is None or code in ("", "0x"):
        return None
    if not isinstance(code, str):
        raise SourceError(f"{name}: 'bytecode' must be a hex string")
    return clean_bytecode(name, code)


def load_bytecode(path: str) -> str:
    name, text = read_text(path)
    return clean_bytecode(name, text)


def clean_bytecode(name: str, text: str) -> str:
    code = text.strip()
    if code[:2] in ("0x", "0X"):
        code = code[2:]
    if "__" in code:
        raise SourceError(f"{name}: bytecode has unlinked library placeholders; link it first")
    if not code or not _HEX.fullmatch(code) or len(code) % 2:
        raise SourceError(f"{name}: bytecode is not valid hex")
    return code.lower()
