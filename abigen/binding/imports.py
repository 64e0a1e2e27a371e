"""Import lines of a generated module, from flags recorded while its names and types were made."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Needs:
    abc: bool = False  # collections.abc: Sequence parameters, the libraries Mapping
    dataclass: bool = False  # event and error classes
    field: bool = False  # an event's `log` field
    named_tuple: bool = False  # structs and multi-value results
    typed_dict: bool = False  # the functions-by-signature table
    runtime: bool = False  # abigen.runtime.generated as _rt
    codec: bool = False  # abigen.runtime.codec as _c (an empty ABI encodes nothing)
    structs: tuple[str, ...] = ()  # shared struct classes, from the package's structs module


def import_lines(needs: Needs) -> tuple[str, ...]:
    """isort's layout: future, standard library, abigen, local; a blank line between groups."""
    stdlib = [
        line
        for wanted, line in (
            (needs.abc, "import collections.abc as _abc"),
            (needs.dataclass, "from dataclasses import dataclass as _dataclass"),
            (needs.field, "from dataclasses import field as _field"),
            (needs.named_tuple, "from typing import NamedTuple as _NamedTuple"),
            (needs.typed_dict, "from typing import TypedDict as _TypedDict"),
        )
        if wanted
    ]
    runtime = [
        line
        for wanted, line in (
            (needs.codec, "from abigen.runtime import codec as _c"),
            (needs.runtime, "from abigen.runtime import generated as _rt"),
        )
        if wanted
    ]
    local = [f"from .structs import {', '.join(needs.structs)}"] if needs.structs else []
    lines: list[str] = []
    for group in (["from __future__ import annotations"], stdlib, runtime, local):
        if group:
            lines += [*([""] if lines else []), *group]
    return tuple(lines)
