"""Binding model -> Python source text, through Jinja templates that only loop and print.

Every string that comes from an ABI or NatSpec reaches the code through `pystr` or
`docstring`, both built on repr(), so no name or comment can become code.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from functools import cache
from pathlib import Path
from typing import Any, cast

import jinja2

from abigen.binding.model import Module, Package, StructsModule


def _template_dir() -> Path:
    installed = Path(__file__).parent / "templates"  # inside a wheel
    return installed if installed.is_dir() else Path(__file__).parent.parent / "templates"


def _without_surrogates(text: str) -> str:
    """Lone surrogates ("\\ud800", possible in JSON text) spelled out as `\\ud800`: a string
    holding one cannot be encoded as UTF-8, so a module whose docstring or constant held one
    would fail to import (or print)."""
    if text.isascii():
        return text
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def pystr(value: str) -> str:
    return repr(_without_surrogates(str(value)))


def pyhex(value: bytes) -> str:
    """Selectors and topics as they are usually read: `bytes.fromhex("a9059cbb")`."""
    return f'bytes.fromhex("{value.hex()}")'


def pytuple(items: Sequence[object]) -> str:
    """Items rendered as a tuple display; str items are taken as code (names, expressions)."""
    parts = [str(item) for item in items]
    return f"({parts[0]},)" if len(parts) == 1 else f"({', '.join(parts)})"


def docstring(lines: Iterable[str], indent: int) -> str:
    """A triple-quoted docstring whose every line went through ascii(): nothing can escape it."""
    escaped: list[str] = []
    for line in lines:
        # ascii(), not repr(): non-ASCII NatSpec (math signs, Cyrillic, bidi marks) is escaped, so no
        # character can look like another in the source (ruff RUF001-3, "trojan source").
        literal = ascii(_without_surrogates(str(line)))
        body = literal[1:-1]
        if literal[0] == "'":  # repr left double quotes bare; they would end our """ string
            body = body.replace('"', '\\"')
        escaped.append(body)
    while escaped and not escaped[-1]:
        escaped.pop()
    if not escaped:
        escaped = [""]
    pad = " " * indent
    if len(escaped) == 1:
        return f'"""{escaped[0]}"""'
    inner = "\n".join(f"{pad}{line}" if line else "" for line in escaped[1:])
    return f'"""{escaped[0]}\n{inner}\n{pad}"""'


def chunks(text: str, size: int) -> list[str]:
    return [text[i : i + size] for i in range(0, len(text), size)]


def _bytecode_cache() -> jinja2.BytecodeCache | None:
    """Compiled templates kept between runs (compiling them costs ~0.1 s a run); keyed by
    the template source's checksum, so an edited template is never served stale."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    folder = os.path.join(base, "abigen", "templates")
    try:
        os.makedirs(folder, exist_ok=True)
    except OSError:
        return None  # a read-only home: just compile every time
    return jinja2.FileSystemBytecodeCache(folder)


@cache
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(_template_dir()),
        bytecode_cache=_bytecode_cache(),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    # Typed through Any: mypy and pyright read jinja's filter table differently.
    cast(Any, env).filters.update(
        pystr=pystr, pyhex=pyhex, pytuple=pytuple, docstring=docstring, chunks=chunks
    )
    return env


def render_module(module: Module) -> str:
    return _environment().get_template("module.py.jinja").render(module=module)


def render_structs(structs_module: StructsModule) -> str:
    return _environment().get_template("structs.py.jinja").render(structs_module=structs_module)


def render_package_init(package: Package) -> str:
    return _environment().get_template("package_init.py.jinja").render(package=package)
