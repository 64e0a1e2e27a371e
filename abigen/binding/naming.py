"""The naming policy: every Python identifier the generator emits is decided here.

ABI names are untrusted; the parser already restricted them to ASCII identifiers, and
this module turns them into snake_case members and PascalCase classes that can never
be keywords, shadow the runtime's own attributes, or collide silently.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Container, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import TypeVar

# Where snake_case puts a `_`: before the last capital of a run that a lower-case letter
# follows (ETHBalance -> ETH_Balance), and between a lower-case letter or digit and a capital
# (balanceOf -> balance_Of). Zero-width lookarounds look at one or two characters around each
# position: linear time (`([A-Z]+)([A-Z][a-z])` backtracked: 80k characters took 39 s).
_BOUNDARY = re.compile(r"(?<=[A-Z])(?=[A-Z][a-z])|(?<=[a-z0-9])(?=[A-Z])")
_UNDERSCORES = re.compile("_+")


# Fixed lists, not the `keyword` module's: `type` became a soft keyword in 3.12, and output
# must not depend on the Python version that runs the generator.
KEYWORDS = frozenset(
    [
        "False",
        "None",
        "True",
        "and",
        "as",
        "assert",
        "async",
        "await",
        "break",
        "class",
        "continue",
        "def",
        "del",
        "elif",
        "else",
        "except",
        "finally",
        "for",
        "from",
        "global",
        "if",
        "import",
        "in",
        "is",
        "lambda",
        "nonlocal",
        "not",
        "or",
        "pass",
        "raise",
        "return",
        "try",
        "while",
        "with",
        "yield",
    ]
)
SOFT_KEYWORDS = frozenset({"_", "case", "match", "type"})


class NameCollisionError(ValueError):
    """Two different ABI members map to the same Python name."""


def _ensure_valid(name: str, digit_prefix: str) -> str:
    name = name.replace("$", "_")  # Solidity allows $ in identifiers
    if name[:1].isdigit():
        name = digit_prefix + name
    if name in KEYWORDS or name in SOFT_KEYWORDS:
        name += "_"
    if not name.isidentifier():  # the parser already refused such names: never emit them
        raise ValueError(f"internal error: {name!r} is not a Python identifier")
    return name


@cache  # pure, and the same names recur across contracts (owner, transfer, Transfer...)
def snake_case(name: str) -> str:
    """`tokenURI` -> `token_uri`, `_owner` -> `owner`, `from` -> `from_`; may return ''."""
    core = name.replace("$", "_").strip("_")
    if not core:
        return ""
    core = _BOUNDARY.sub("_", core)
    return _ensure_valid(_UNDERSCORES.sub("_", core).lower(), "n")


def is_all_caps(name: str) -> bool:
    """`DECIMALS`, `DOMAIN_SEPARATOR`, `ERC20`: a constant's spelling (letters, none lower-case)."""
    return any(c.isalpha() for c in name) and not any(c.islower() for c in name)


def member_name(name: str) -> str:
    """A function's Python name: snake_case, except that ALL_CAPS names (Solidity constants and
    immutables) keep their spelling, as Python spells constants; may return ''."""
    if is_all_caps(name):
        core = name.replace("$", "_").strip("_")
        return _ensure_valid(core, "N") if core else ""
    return snake_case(name)


def own_spelling(name: str) -> str:
    """The ABI's own spelling made a valid identifier: the fallback when snake_case collides."""
    return _ensure_valid(name, "n")


@cache
def pascal_case(name: str) -> str:
    """`insufficient_balance` -> `InsufficientBalance`; `ERC20` stays; `Lib.Point` -> `Point`."""
    core = name.rsplit(".", 1)[-1].replace("$", "_")
    parts = [part for part in core.split("_") if part]
    if not parts:
        return ""
    return _ensure_valid("".join(part[0].upper() + part[1:] for part in parts), "N")


class Scope:
    """One Python namespace. Reserved names are claimed first so ABI members cannot take them."""

    def __init__(self, reserved: Iterable[str] = ()) -> None:
        self._owners: dict[str, str] = dict.fromkeys(reserved, "")
        self._requested: dict[str, str] = {}  # name asked for -> owner, for step-aside names

    def __contains__(self, name: object) -> bool:
        return name in self._owners

    def claim_unique(self, name: str, owner: str) -> str:
        """Claim `name`, or `name_`, `name__`... if taken: for parameters and fields."""
        while name in self._owners:
            name += "_"
        self._owners[name] = owner
        return name

    def claim_exact(self, name: str, owner: str) -> str:
        """Claim `name` for an ABI member; a second member wanting it is an error naming both."""
        previous = self._requested.get(name) or self._owners.get(name)
        if previous:
            raise NameCollisionError(
                f"{owner} and {previous} both map to the Python name {name!r}; "
                f"rename one with --alias"
            )
        self._requested[name] = owner
        if name in self._owners:
            return self.claim_unique(name + "_", owner)  # a runtime name: step aside
        self._owners[name] = owner
        return name


K = TypeVar("K", bound=Hashable)


@dataclass(frozen=True)
class Candidate:
    """A name a member may take; on a contested name the lowest `strength` wins alone."""

    name: str
    strength: int


def resolve(
    wishes: Mapping[K, Sequence[Candidate]], taken: Container[str], describe: Mapping[K, str]
) -> dict[K, str]:
    """Give every member a distinct name, independent of the order members are listed in.

    Round k offers each unnamed member its k-th candidate (its last one once it runs out). A
    name nobody else wants that round, and not taken, is granted; a name several want goes to
    the one with the strictly lowest strength, and when that is a tie nobody gets it: all move
    on to their next candidate. Last candidates are meant to be unique (signature-derived);
    should two still meet, they are told apart by appending `_`, in the order of `describe`.
    """
    used: set[str] = set()
    names: dict[K, str] = {}
    pending = list(wishes)
    rounds = max((len(c) for c in wishes.values()), default=0)
    for round_ in range(rounds):
        wanted: defaultdict[str, list[tuple[int, K]]] = defaultdict(list)
        for key in pending:
            candidates = wishes[key]
            choice = candidates[min(round_, len(candidates) - 1)]
            wanted[choice.name].append((choice.strength, key))
        for name, suitors in wanted.items():
            if name in used or name in taken:
                continue
            best = min(strength for strength, _ in suitors)
            winners = [key for strength, key in suitors if strength == best]
            if len(winners) == 1:
                names[winners[0]] = name
                used.add(name)
        pending = [key for key in pending if key not in names]
    for key in sorted(pending, key=lambda k: describe[k]):
        name = wishes[key][-1].name
        while name in used or name in taken:
            name += "_"
        names[key] = name
        used.add(name)
    return names


def parameter_names(raw_names: Iterable[str], scope: Scope) -> list[str]:
    """Snake_case names for a parameter list; unnamed ones become arg0, arg1..."""
    names: list[str] = []
    for position, raw in enumerate(raw_names):
        name = snake_case(raw) or f"arg{position}"
        names.append(scope.claim_unique(name, raw))
    return names


_DIGITS = re.compile(r"(\d+)")


def export_order(names: Iterable[str]) -> list[str]:
    """`__all__` in the order ruff's RUF022 wants (isort style): SCREAMING_CASE names, then
    CamelCase, then the rest; a natural sort (digit runs by value) within each."""

    def key(name: str) -> tuple[int, list[tuple[int, int]]]:
        cased = [c for c in name if c.isalpha()]
        if len(name) > 1 and cased and all(c.isupper() for c in cased):
            kind = 0
        else:
            kind = 1 if name[:1].isupper() else 2
        # A digit run sorts as one number, below every letter and `_` (as its first digit does).
        parts: list[tuple[int, int]] = []
        for part in _DIGITS.split(name):
            parts += [(ord("0"), int(part))] if part.isdigit() else [(ord(c), 0) for c in part]
        return kind, parts

    return sorted(names, key=key)
