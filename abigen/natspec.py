"""NatSpec (solc's and Vyper's devdoc/userdoc) -> Doc values on the ABI model.

NatSpec is untrusted text: it is kept verbatim (the renderer escapes it). Only whitespace is
normalised: runs of spaces inside lines, line ends, and blank lines around the text. Entries of the wrong JSON type are
ignored: documentation is never a reason to refuse a binding.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any, cast

from abigen.jsontext import loads
from abigen.runtime.abi.model import Constructor, ContractAbi, Doc, Error, Event, Function, Param

_Json = Mapping[str, Any]
_EMPTY: _Json = {}


def attach(contract: ContractAbi, devdoc: _Json | None, userdoc: _Json | None) -> ContractAbi:
    """A copy of `contract` whose members and the contract itself carry their NatSpec."""
    dev = devdoc or _EMPTY
    user = userdoc or _EMPTY
    constructor = contract.constructor
    if constructor is not None:
        constructor = _constructor(constructor, dev, user)
    return replace(
        contract,
        functions=tuple(_function(f, dev, user) for f in contract.functions),
        events=tuple(_event(e, dev, user) for e in contract.events),
        errors=tuple(_error(e, dev, user) for e in contract.errors),
        constructor=constructor,
        doc=_contract_doc(dev, user),
    )


def docs_from_metadata(metadata: object) -> tuple[dict[str, Any] | None, dict[str, Any] | None]:
    """(devdoc, userdoc) from solc metadata (an object or its JSON string): output.devdoc/userdoc."""
    if isinstance(metadata, str):
        try:
            metadata = loads(metadata)
        except (ValueError, RecursionError):  # untrusted: malformed, or nested too deeply
            return None, None
    output = _section(metadata, "output")
    devdoc, userdoc = output.get("devdoc"), output.get("userdoc")
    return (
        cast("dict[str, Any]", devdoc) if isinstance(devdoc, dict) else None,
        cast("dict[str, Any]", userdoc) if isinstance(userdoc, dict) else None,
    )


def clean(text: object) -> str:
    """NatSpec text with runs of spaces and tabs inside lines collapsed to one space (solc
    keeps the alignment spaces of the source), line-end whitespace and surrounding blank
    lines removed; "" if not text. Line breaks and indentation are kept. Linear time."""
    if not isinstance(text, str):
        return ""
    lines = [_collapse(line) for line in text.split("\n")]
    filled = [index for index, line in enumerate(lines) if line]
    return "\n".join(lines[filled[0] : filled[-1] + 1]) if filled else ""


_RUNS = re.compile(r"[ \t]{2,}|\t")


def _collapse(line: str) -> str:
    body = line.lstrip(" \t")
    indent = line[: len(line) - len(body)]
    return (indent + _RUNS.sub(" ", body)).rstrip()


# ---------------------------------------------------------------------------------------------
# Members


def _function(function: Function, dev: _Json, user: _Json) -> Function:
    dev_entry = _section(dev, "methods").get(function.signature)
    user_entry = _section(user, "methods").get(function.signature)
    if dev_entry is None:
        # Public state variables are documented by variable name, not by getter signature.
        dev_entry = _section(dev, "stateVariables").get(function.name)
    if dev_entry is None and user_entry is None:
        return function  # most functions carry no NatSpec: keep the model object as is
    dev_json = _object(dev_entry)
    user_json = _user_entry(user_entry)
    doc = _doc(dev_json, user_json, function.inputs)
    return replace(function, doc=replace(doc, returns=_returns(dev_json, function.outputs)))


def _event(event: Event, dev: _Json, user: _Json) -> Event:
    signature = event.signature
    dev_entry = _object(_section(dev, "events").get(signature))
    user_entry = _user_entry(_section(user, "events").get(signature))
    return replace(event, doc=_doc(dev_entry, user_entry, event.inputs))


def _error(error: Error, dev: _Json, user: _Json) -> Error:
    # solc keys errors by signature with a LIST: one entry per definition of that error.
    signature = error.signature
    dev_entry = _merge(_section(dev, "errors").get(signature))
    user_entry = _merge(_section(user, "errors").get(signature))
    return replace(error, doc=_doc(dev_entry, user_entry, error.inputs))


def _constructor(constructor: Constructor, dev: _Json, user: _Json) -> Constructor:
    dev_entry = _object(_section(dev, "methods").get("constructor"))
    user_entry = _user_entry(_section(user, "methods").get("constructor"))
    return replace(constructor, doc=_doc(dev_entry, user_entry, constructor.inputs))


def _contract_doc(dev: _Json, user: _Json) -> Doc:
    title, author = clean(dev.get("title")), clean(dev.get("author"))
    notice = _lines(title, clean(user.get("notice")))
    details = _lines(clean(dev.get("details")), f"Author: {author}" if author else "")
    return Doc(notice=notice, details=details)


# ---------------------------------------------------------------------------------------------
# Entries


def _doc(dev_entry: _Json, user_entry: _Json, inputs: Sequence[Param]) -> Doc:
    return Doc(
        notice=clean(user_entry.get("notice")),
        details=clean(dev_entry.get("details")),
        params=_ordered(_object(dev_entry.get("params")), [p.name for p in inputs]),
    )


def _returns(dev_entry: _Json, outputs: Sequence[Param]) -> tuple[tuple[str, str], ...]:
    """@return texts in output order, keyed as solc does: the output's name, or "_<index>"."""
    returns = _object(dev_entry.get("returns"))
    if not returns:
        text = clean(dev_entry.get("return"))  # old solc: a single "return" string
        return (("", text),) if text else ()
    return _ordered(returns, [p.name or f"_{i}" for i, p in enumerate(outputs)])


def _ordered(texts: _Json, keys: Sequence[str]) -> tuple[tuple[str, str], ...]:
    """(key, text) pairs in the ABI's order; keys the ABI does not know follow, sorted."""
    known = set(keys)  # a set: hostile inputs may hold many keys on both sides
    order = [key for key in keys if key in texts]
    order += sorted(key for key in texts if key not in known)
    pairs = ((key, clean(texts[key])) for key in order)
    return tuple((key, text) for key, text in pairs if text)


def _merge(entries: object) -> _Json:
    """One entry from a list of them (errors): distinct texts joined, first param text wins."""
    if isinstance(entries, dict):
        return cast("dict[str, Any]", entries)
    if not isinstance(entries, list):
        return _EMPTY
    items = [_object(entry) for entry in cast("list[object]", entries)]
    params: dict[str, Any] = {}
    for item in items:
        for name, text in _object(item.get("params")).items():
            params.setdefault(name, text)
    merged: dict[str, Any] = {"params": params}
    for key in ("notice", "details"):
        texts = [clean(item.get(key)) for item in items]
        merged[key] = _lines(*dict.fromkeys(texts))
    return merged


def _user_entry(value: object) -> _Json:
    # Old solc wrote a constructor's userdoc as a bare string.
    return {"notice": value} if isinstance(value, str) else _object(value)


def _section(doc: object, key: str) -> _Json:
    return _object(_object(doc).get(key))


def _object(value: object) -> _Json:
    # Mapping, not only dict: callers may pass any read-only mapping of parsed JSON.
    return cast("_Json", value) if isinstance(value, Mapping) else _EMPTY


def _lines(*texts: str) -> str:
    return "\n".join(text for text in texts if text)
