"""The per-position types of `node.batch(...)` and `node.multicall(...)`: overloads for one to
eight prepared calls (a tuple typed per position; with `allow_failure=True` each position may
hold the call's ContractError instead), and untyped beyond. Only type checkers read this.
"""

from __future__ import annotations

from collections.abc import Coroutine
from typing import TYPE_CHECKING, Any, Literal, Protocol, TypeVar, overload

if TYPE_CHECKING:
    from abigen.runtime.prepared import PreparedCall
    from abigen.runtime.reverts import ContractError

R1 = TypeVar("R1")
R2 = TypeVar("R2")
R3 = TypeVar("R3")
R4 = TypeVar("R4")
R5 = TypeVar("R5")
R6 = TypeVar("R6")
R7 = TypeVar("R7")
R8 = TypeVar("R8")


class Batch(Protocol):
    """The type of `node.batch(...)`."""

    @overload
    def __call__(
        self, c1: PreparedCall[R1], /, *, allow_failure: Literal[False] = False
    ) -> tuple[R1]: ...
    @overload
    def __call__(
        self, c1: PreparedCall[R1], /, *, allow_failure: Literal[True]
    ) -> tuple[R1 | ContractError]: ...
    @overload
    def __call__(
        self,
        c1: PreparedCall[R1],
        c2: PreparedCall[R2],
        /,
        *,
        allow_failure: Literal[False] = False,
    ) -> tuple[R1, R2]: ...
    @overload
    def __call__(
        self, c1: PreparedCall[R1], c2: PreparedCall[R2], /, *, allow_failure: Literal[True]
    ) -> tuple[R1 | ContractError, R2 | ContractError]: ...
    @overload
    def __call__(
        self,
        c1: PreparedCall[R1],
        c2: PreparedCall[R2],
        c3: PreparedCall[R3],
        /,
        *,
        allow_failure: Literal[False] = False,
    ) -> tuple[R1, R2, R3]: ...
    @overload
    def __call__(
        self,
        c1: PreparedCall[R1],
        c2: PreparedCall[R2],
        c3: PreparedCall[R3],
        /,
        *,
        allow_failure: Literal[True],
    ) -> tuple[R1 | ContractError, R2 | ContractError, R3 | ContractError]: ...
    @overload
    def __call__(
        self,
        c1: PreparedCall[R1],
        c2: PreparedCall[R2],
        c3: PreparedCall[R3],
        c4: PreparedCall[R4],
        /,
        *,
        allow_failure: Literal[False] = False,
    ) -> tuple[R1, R2, R3, R4]: ...
    @overload
    def __call__(
        self,
        c1: PreparedCall[R1],
        c2: PreparedCall[R2],
        c3: PreparedCall[R3],
        c4: PreparedCall[R4],
        /,
        *,
        allow_failure: Literal[True],
    ) -> tuple[R1 | ContractError, R2 | ContractError, R3 | ContractError, R4 | ContractError]: ...
    @overload
    def __call__(
        self,
        c1: PreparedCall[R1],
        c2: PreparedCall[R2],
        c3: PreparedCall[R3],
        c4: PreparedCall[R4],
        c5: PreparedCall[R5],
        /,
        *,
        allow_failure: Literal[False] = False,
    ) -> tuple[R1, R2, R3, R4, R5]: ...
    @overload
    def __call__(
        self,
        c1: PreparedCall[R1],
        c2: PreparedCall[R2],
        c3: PreparedCall[R3],
        c4: PreparedCall[R4],
        c5: PreparedCall[R5],
        /,
        *,
        allow_failure: Literal[True],
    ) -> tuple[
        R1 | ContractError,
        R2 | ContractError,
        R3 | ContractError,
        R4 | ContractError,
        R5 | ContractError,
    ]: ...
    @overload
    def __call__(
        self,
        c1: PreparedCall[R1],
        c2: PreparedCall[R2],
        c3: PreparedCall[R3],
        c4: PreparedCall[R4],
        c5: PreparedCall[R5],
        c6: PreparedCall[R6],
        /,
        *,
        allow_failure: Literal[False] = False,
    ) -> tuple[R1, R2, R3, R4, R5, R6]: ...
    @overload
    def __call__(
        self,
        c1: PreparedCall[R1],
        c2: PreparedCall[R2],
        c3: PreparedCall[R3],
        c4: PreparedCall[R4],
        c5: PreparedCall[R5],
        c6: PreparedCall[R6],
        /,
        *,
        allow_failure: Literal[True],
    ) -> tuple[
        R1 | ContractError,
        R2 | ContractError,
        R3 | ContractError,
        R4 | ContractError,
        R5 | ContractError,
        R6 | ContractError,
    ]: ...
    @overload
    def __call__(
        self,
        c1: PreparedCall[R1],
        c2: PreparedCall[R2],
        c3: PreparedCall[R3],
        c4: PreparedCall[R4],
        c5: PreparedCall[R5],
        c6: PreparedCall[R6],
        c7: PreparedCall[R7],
        /,
        *,
        allow_failure: Literal[False] = False,
    ) -> tuple[R1, R2, R3, R4, R5, R6, R7]: ...
    @overload
    def __call__(
        self,
        c1: PreparedCall[R1],
        c2: PreparedCall[R2],
        c3: PreparedCall[R3],
        c4: PreparedCall[R4],
        c5: PreparedCall[R5],
        c6: PreparedCall[R6],
        c7: PreparedCall[R7],
        /,
        *,
        allow_failure: Literal[True],
    ) -> tuple[
        R1 | ContractError,
        R2 | ContractError,
        R3 | ContractError,
        R4 | ContractError,
        R5 | ContractError,
        R6 | ContractError,
        R7 | ContractError,
    ]: ...
    @overload
    def __call__(
        self,
        c1: PreparedCall[R1],
        c2: PreparedCall[R2],
        c3: PreparedCall[R3],
        c4: PreparedCall[R4],
        c5: PreparedCall[R5],
        c6: PreparedCall[R6],
        c7: PreparedCall[R7],
        c8: PreparedCall[R8],
        /,
        *,
        allow_failure: Literal[False] = False,
    ) -> tuple[R1, R2, R3, R4, R5, R6, R7, R8]: ...
    @overload
    def __call__(
        self,
        c1: PreparedCall[R1],
        c2: PreparedCall[R2],
        c3: PreparedCall[R3],
        c4: PreparedCall[R4],
        c5: PreparedCall[R5],
        c6: PreparedCall[R6],
        c7: PreparedCall[R7],
        c8: PreparedCall[R8],
        /,
        *,
        allow_failure: Literal[True],
    ) -> tuple[
        R1 | ContractError,
        R2 | ContractError,
        R3 | ContractError,
        R4 | ContractError,
        R5 | ContractError,
        R6 | ContractError,
        R7 | ContractError,
        R8 | ContractError,
    ]: ...
    @overload
    def __call__(
        self, *calls: PreparedCall[Any], allow_failure: bool = False
    ) -> tuple[Any, ...]: ...


class AsyncBatch(Protocol):
    """The type of `node.batch(...) awaited`."""

    @overload
    def __call__(
        self, c1: PreparedCall[R1], /, *, allow_failure: Literal[False] = False
    ) -> Coroutine[Any, Any, tuple[R1]]: ...
    @overload
    def __call__(
        self, c1: PreparedCall[R1], /, *, allow_failure: Literal[True]
    ) -> Coroutine[Any, Any, tuple[R1 | ContractError]]: ...
    @overload
    def __call__(
        self,
        c1: PreparedCall[R1],
        c2: PreparedCall[R2],
        /,
        *,
        allow_failure: Literal[False] = False,
    ) -> Coroutine[Any, Any, tuple[R1, R2]]: ...
    @overload
    def __call__(
        self, c1: PreparedCall[R1], c2: PreparedCall[R2], /, *, allow_failure: Literal[True]
    ) -> Coroutine[Any, Any, tuple[R1 | ContractError, R2 | ContractError]]: ...
    @overload
    def __call__(
        self,
        c1: PreparedCall[R1],
        c2: PreparedCall[R2],
        c3: PreparedCall[R3],
        /,
        *,
        allow_failure: Literal[False] = False,
    ) -> Coroutine[Any, Any, tuple[R1, R2, R3]]: ...
    @overload
    def __call__(
        self,
        c1: PreparedCall[R1],
        c2: PreparedCall[R2],
        c3: PreparedCall[R3],
        /,
        *,
        allow_failure: Literal[True],
    ) -> Coroutine[Any, Any, tuple[R1 | ContractError, R2 | ContractError, R3 | ContractError]]: ...
    @overload
    def __call__(
        self,
        c1: PreparedCall[R1],
        c2: PreparedCall[R2],
        c3: PreparedCall[R3],
        c4: PreparedCall[R4],
        /,
        *,
        allow_failure: Literal[False] = False,
    ) -> Coroutine[Any, Any, tuple[R1, R2, R3, R4]]: ...
    @overload
    def __call__(
        self,
        c1: PreparedCall[R1],
        c2: PreparedCall[R2],
        c3: PreparedCall[R3],
        c4: PreparedCall[R4],
        /,
        *,
        allow_failure: Literal[True],
    ) -> Coroutine[
        Any,
        Any,
        tuple[R1 | ContractError, R2 | ContractError, R3 | ContractError, R4 | ContractError],
    ]: ...
    @overload
    def __call__(
        self,
        c1: PreparedCall[R1],
        c2: PreparedCall[R2],
        c3: PreparedCall[R3],
        c4: PreparedCall[R4],
        c5: PreparedCall[R5],
        /,
        *,
        allow_failure: Literal[False] = False,
    ) -> Coroutine[Any, Any, tuple[R1, R2, R3, R4, R5]]: ...
    @overload
    def __call__(
        self,
        c1: PreparedCall[R1],
        c2: PreparedCall[R2],
        c3: PreparedCall[R3],
        c4: PreparedCall[R4],
        c5: PreparedCall[R5],
        /,
        *,
        allow_failure: Literal[True],
    ) -> Coroutine[
        Any,
        Any,
        tuple[
            R1 | ContractError,
            R2 | ContractError,
            R3 | ContractError,
            R4 | ContractError,
            R5 | ContractError,
        ],
    ]: ...
    @overload
    def __call__(
        self,
        c1: PreparedCall[R1],
        c2: PreparedCall[R2],
        c3: PreparedCall[R3],
        c4: PreparedCall[R4],
        c5: PreparedCall[R5],
        c6: PreparedCall[R6],
        /,
        *,
        allow_failure: Literal[False] = False,
    ) -> Coroutine[Any, Any, tuple[R1, R2, R3, R4, R5, R6]]: ...
    @overload
    def __call__(
        self,
        c1: PreparedCall[R1],
        c2: PreparedCall[R2],
        c3: PreparedCall[R3],
        c4: PreparedCall[R4],
        c5: PreparedCall[R5],
        c6: PreparedCall[R6],
        /,
        *,
        allow_failure: Literal[True],
    ) -> Coroutine[
        Any,
        Any,
        tuple[
            R1 | ContractError,
            R2 | ContractError,
            R3 | ContractError,
            R4 | ContractError,
            R5 | ContractError,
            R6 | ContractError,
        ],
    ]: ...
    @overload
    def __call__(
        self,
        c1: PreparedCall[R1],
        c2: PreparedCall[R2],
        c3: PreparedCall[R3],
        c4: PreparedCall[R4],
        c5: PreparedCall[R5],
        c6: PreparedCall[R6],
        c7: PreparedCall[R7],
        /,
        *,
        allow_failure: Literal[False] = False,
    ) -> Coroutine[Any, Any, tuple[R1, R2, R3, R4, R5, R6, R7]]: ...
    @overload
    def __call__(
        self,
        c1: PreparedCall[R1],
        c2: PreparedCall[R2],
        c3: PreparedCall[R3],
        c4: PreparedCall[R4],
        c5: PreparedCall[R5],
        c6: PreparedCall[R6],
        c7: PreparedCall[R7],
        /,
        *,
        allow_failure: Literal[True],
    ) -> Coroutine[
        Any,
        Any,
        tuple[
            R1 | ContractError,
            R2 | ContractError,
            R3 | ContractError,
            R4 | ContractError,
            R5 | ContractError,
            R6 | ContractError,
            R7 | ContractError,
        ],
    ]: ...
    @overload
    def __call__(
        self,
        c1: PreparedCall[R1],
        c2: PreparedCall[R2],
        c3: PreparedCall[R3],
        c4: PreparedCall[R4],
        c5: PreparedCall[R5],
        c6: PreparedCall[R6],
        c7: PreparedCall[R7],
        c8: PreparedCall[R8],
        /,
        *,
        allow_failure: Literal[False] = False,
    ) -> Coroutine[Any, Any, tuple[R1, R2, R3, R4, R5, R6, R7, R8]]: ...
    @overload
    def __call__(
        self,
        c1: PreparedCall[R1],
        c2: PreparedCall[R2],
        c3: PreparedCall[R3],
        c4: PreparedCall[R4],
        c5: PreparedCall[R5],
        c6: PreparedCall[R6],
        c7: PreparedCall[R7],
        c8: PreparedCall[R8],
        /,
        *,
        allow_failure: Literal[True],
    ) -> Coroutine[
        Any,
        Any,
        tuple[
            R1 | ContractError,
            R2 | ContractError,
            R3 | ContractError,
            R4 | ContractError,
            R5 | ContractError,
            R6 | ContractError,
            R7 | ContractError,
            R8 | ContractError,
        ],
    ]: ...
    @overload
    def __call__(
        self, *calls: PreparedCall[Any], allow_failure: bool = False
    ) -> Coroutine[Any, Any, tuple[Any, ...]]: ...


class Multicall(Protocol):
    """The type of `node.multicall(...)`."""

    @overload
    def __call__(
        self,
        c1: PreparedCall[R1],
        /,
        *,
        allow_failure: Literal[False] = False,
        address: str | None = None,
    ) -> tuple[R1]: ...
    @overload
    def __call__(
        self, c1: PreparedCall[R1], /, *, allow_failure: Literal[True], address: str | None = None
    ) -> tuple[R1 | ContractError]: ...
    @overload
    def __call__(
        self,
        c1: PreparedCall[R1],
        c2: PreparedCall[R2],
        /,
        *,
        allow_failure: Literal[False] = False,
        address: str | None = None,
    ) -> tuple[R1, R2]: ...
    @overload
    def __call__(
        self,
        c1: PreparedCall[R1],
        c2: PreparedCall[R2],
        /,
        *,
        allow_failure: Literal[True],
        address: str | None = None,
    ) -> tuple[R1 | ContractError, R2 | ContractError]: ...
    @overload
    def __call__(
        self,
        c1: PreparedCall[R1],
        c2: PreparedCall[R2],
        c3: PreparedCall[R3],
        /,
        *,
        allow_failure: Literal[False] = False,
        address: str | None = None,
    ) -> tuple[R1, R2, R3]: ...
    @overload
    def __call__(
        self,
        c1: PreparedCall[R1],
        c2: PreparedCall[R2],
        c3: PreparedCall[R3],
        /,
        *,
        allow_failure: Literal[True],
        address: str | None = None,
    ) -> tuple[R1 | ContractError, R2 | ContractError, R3 | ContractError]: ...
    @overload
    def __call__(
        self,
        c1: PreparedCall[R1],
        c2: PreparedCall[R2],
        c3: PreparedCall[R3],
        c4: PreparedCall[R4],
        /,
        *,
        allow_failure: Literal[False] = False,
        address: str | None = None,
    ) -> tuple[R1, R2, R3, R4]: ...
    @overload
    def __call__(
        self,
        c1: PreparedCall[R1],
        c2: PreparedCall[R2],
        c3: PreparedCall[R3],
        c4: PreparedCall[R4],
        /,
        *,
        allow_failure: Literal[True],
        address: str | None = None,
    ) -> tuple[R1 | ContractError, R2 | ContractError, R3 | ContractError, R4 | ContractError]: ...
    @overload
    def __call__(
        self,
        c1: PreparedCall[R1],
        c2: PreparedCall[R2],
        c3: PreparedCall[R3],
        c4: PreparedCall[R4],
        c5: PreparedCall[R5],
        /,
        *,
        allow_failure: Literal[False] = False,
        address: str | None = None,
    ) -> tuple[R1, R2, R3, R4, R5]: ...
    @overload
    def __call__(
        self,
        c1: PreparedCall[R1],
        c2: PreparedCall[R2],
        c3: PreparedCall[R3],
        c4: PreparedCall[R4],
        c5: PreparedCall[R5],
        /,
        *,
        allow_failure: Literal[True],
        address: str | None = None,
    ) -> tuple[
        R1 | ContractError,
        R2 | ContractError,
        R3 | ContractError,
        R4 | ContractError,
        R5 | ContractError,
    ]: ...
    @overload
    def __call__(
        self,
        c1: PreparedCall[R1],
        c2: PreparedCall[R2],
        c3: PreparedCall[R3],
        c4: PreparedCall[R4],
        c5: PreparedCall[R5],
        c6: PreparedCall[R6],
        /,
        *,
        allow_failure: Literal[False] = False,
        address: str | None = None,
    ) -> tuple[R1, R2, R3, R4, R5, R6]: ...
    @overload
    def __call__(
        self,
        c1: PreparedCall[R1],
        c2: PreparedCall[R2],
        c3: PreparedCall[R3],
        c4: PreparedCall[R4],
        c5: PreparedCall[R5],
        c6: PreparedCall[R6],
        /,
        *,
        allow_failure: Literal[True],
        address: str | None = None,
    ) -> tuple[
        R1 | ContractError,
        R2 | ContractError,
        R3 | ContractError,
        R4 | ContractError,
        R5 | ContractError,
        R6 | ContractError,
    ]: ...
    @overload
    def __call__(
        self,
        c1: PreparedCall[R1],
        c2: PreparedCall[R2],
        c3: PreparedCall[R3],
        c4: PreparedCall[R4],
        c5: PreparedCall[R5],
        c6: PreparedCall[R6],
        c7: PreparedCall[R7],
        /,
        *,
        allow_failure: Literal[False] = False,
        address: str | None = None,
    ) -> tuple[R1, R2, R3, R4, R5, R6, R7]: ...
    @overload
    def __call__(
        self,
        c1: PreparedCall[R1],
        c2: PreparedCall[R2],
        c3: PreparedCall[R3],
        c4: PreparedCall[R4],
        c5: PreparedCall[R5],
        c6: PreparedCall[R6],
        c7: PreparedCall[R7],
        /,
        *,
        allow_failure: Literal[True],
        address: str | None = None,
    ) -> tuple[
        R1 | ContractError,
        R2 | ContractError,
        R3 | ContractError,
        R4 | ContractError,
        R5 | ContractError,
        R6 | ContractError,
        R7 | ContractError,
    ]: ...
    @overload
    def __call__(
        self,
        c1: PreparedCall[R1],
        c2: PreparedCall[R2],
        c3: PreparedCall[R3],
        c4: PreparedCall[R4],
        c5: PreparedCall[R5],
        c6: PreparedCall[R6],
        c7: PreparedCall[R7],
        c8: PreparedCall[R8],
        /,
        *,
        allow_failure: Literal[False] = False,
        address: str | None = None,
    ) -> tuple[R1, R2, R3, R4, R5, R6, R7, R8]: ...
    @overload
    def __call__(
        self,
        c1: PreparedCall[R1],
        c2: PreparedCall[R2],
        c3: PreparedCall[R3],
        c4: PreparedCall[R4],
        c5: PreparedCall[R5],
        c6: PreparedCall[R6],
        c7: PreparedCall[R7],
        c8: PreparedCall[R8],
        /,
        *,
        allow_failure: Literal[True],
        address: str | None = None,
    ) -> tuple[
        R1 | ContractError,
        R2 | ContractError,
        R3 | ContractError,
        R4 | ContractError,
        R5 | ContractError,
        R6 | ContractError,
        R7 | ContractError,
        R8 | ContractError,
    ]: ...
    @overload
    def __call__(
        self, *calls: PreparedCall[Any], allow_failure: bool = False, address: str | None = None
    ) -> tuple[Any, ...]: ...


class AsyncMulticall(Protocol):
    """The type of `node.multicall(...) awaited`."""

    @overload
    def __call__(
        self,
        c1: PreparedCall[R1],
        /,
        *,
        allow_failure: Literal[False] = False,
        address: str | None = None,
    ) -> Coroutine[Any, Any, tuple[R1]]: ...
    @overload
    def __call__(
        self, c1: PreparedCall[R1], /, *, allow_failure: Literal[True], address: str | None = None
    ) -> Coroutine[Any, Any, tuple[R1 | ContractError]]: ...
    @overload
    def __call__(
        self,
        c1: PreparedCall[R1],
        c2: PreparedCall[R2],
        /,
        *,
        allow_failure: Literal[False] = False,
        address: str | None = None,
    ) -> Coroutine[Any, Any, tuple[R1, R2]]: ...
    @overload
    def __call__(
        self,
        c1: PreparedCall[R1],
        c2: PreparedCall[R2],
        /,
        *,
        allow_failure: Literal[True],
        address: str | None = None,
    ) -> Coroutine[Any, Any, tuple[R1 | ContractError, R2 | ContractError]]: ...
    @overload
    def __call__(
        self,
        c1: PreparedCall[R1],
        c2: PreparedCall[R2],
        c3: PreparedCall[R3],
        /,
        *,
        allow_failure: Literal[False] = False,
        address: str | None = None,
    ) -> Coroutine[Any, Any, tuple[R1, R2, R3]]: ...
    @overload
    def __call__(
        self,
        c1: PreparedCall[R1],
        c2: PreparedCall[R2],
        c3: PreparedCall[R3],
        /,
        *,
        allow_failure: Literal[True],
        address: str | None = None,
    ) -> Coroutine[Any, Any, tuple[R1 | ContractError, R2 | ContractError, R3 | ContractError]]: ...
    @overload
    def __call__(
        self,
        c1: PreparedCall[R1],
        c2: PreparedCall[R2],
        c3: PreparedCall[R3],
        c4: PreparedCall[R4],
        /,
        *,
        allow_failure: Literal[False] = False,
        address: str | None = None,
    ) -> Coroutine[Any, Any, tuple[R1, R2, R3, R4]]: ...
    @overload
    def __call__(
        self,
        c1: PreparedCall[R1],
        c2: PreparedCall[R2],
        c3: PreparedCall[R3],
        c4: PreparedCall[R4],
        /,
        *,
        allow_failure: Literal[True],
        address: str | None = None,
    ) -> Coroutine[
        Any,
        Any,
        tuple[R1 | ContractError, R2 | ContractError, R3 | ContractError, R4 | ContractError],
    ]: ...
    @overload
    def __call__(
        self,
        c1: PreparedCall[R1],
        c2: PreparedCall[R2],
        c3: PreparedCall[R3],
        c4: PreparedCall[R4],
        c5: PreparedCall[R5],
        /,
        *,
        allow_failure: Literal[False] = False,
        address: str | None = None,
    ) -> Coroutine[Any, Any, tuple[R1, R2, R3, R4, R5]]: ...
    @overload
    def __call__(
        self,
        c1: PreparedCall[R1],
        c2: PreparedCall[R2],
        c3: PreparedCall[R3],
        c4: PreparedCall[R4],
        c5: PreparedCall[R5],
        /,
        *,
        allow_failure: Literal[True],
        address: str | None = None,
    ) -> Coroutine[
        Any,
        Any,
        tuple[
            R1 | ContractError,
            R2 | ContractError,
            R3 | ContractError,
            R4 | ContractError,
            R5 | ContractError,
        ],
    ]: ...
    @overload
    def __call__(
        self,
        c1: PreparedCall[R1],
        c2: PreparedCall[R2],
        c3: PreparedCall[R3],
        c4: PreparedCall[R4],
        c5: PreparedCall[R5],
        c6: PreparedCall[R6],
        /,
        *,
        allow_failure: Literal[False] = False,
        address: str | None = None,
    ) -> Coroutine[Any, Any, tuple[R1, R2, R3, R4, R5, R6]]: ...
    @overload
    def __call__(
        self,
        c1: PreparedCall[R1],
        c2: PreparedCall[R2],
        c3: PreparedCall[R3],
        c4: PreparedCall[R4],
        c5: PreparedCall[R5],
        c6: PreparedCall[R6],
        /,
        *,
        allow_failure: Literal[True],
        address: str | None = None,
    ) -> Coroutine[
        Any,
        Any,
        tuple[
            R1 | ContractError,
            R2 | ContractError,
            R3 | ContractError,
            R4 | ContractError,
            R5 | ContractError,
            R6 | ContractError,
        ],
    ]: ...
    @overload
    def __call__(
        self,
        c1: PreparedCall[R1],
        c2: PreparedCall[R2],
        c3: PreparedCall[R3],
        c4: PreparedCall[R4],
        c5: PreparedCall[R5],
        c6: PreparedCall[R6],
        c7: PreparedCall[R7],
        /,
        *,
        allow_failure: Literal[False] = False,
        address: str | None = None,
    ) -> Coroutine[Any, Any, tuple[R1, R2, R3, R4, R5, R6, R7]]: ...
    @overload
    def __call__(
        self,
        c1: PreparedCall[R1],
        c2: PreparedCall[R2],
        c3: PreparedCall[R3],
        c4: PreparedCall[R4],
        c5: PreparedCall[R5],
        c6: PreparedCall[R6],
        c7: PreparedCall[R7],
        /,
        *,
        allow_failure: Literal[True],
        address: str | None = None,
    ) -> Coroutine[
        Any,
        Any,
        tuple[
            R1 | ContractError,
            R2 | ContractError,
            R3 | ContractError,
            R4 | ContractError,
            R5 | ContractError,
            R6 | ContractError,
            R7 | ContractError,
        ],
    ]: ...
    @overload
    def __call__(
        self,
        c1: PreparedCall[R1],
        c2: PreparedCall[R2],
        c3: PreparedCall[R3],
        c4: PreparedCall[R4],
        c5: PreparedCall[R5],
        c6: PreparedCall[R6],
        c7: PreparedCall[R7],
        c8: PreparedCall[R8],
        /,
        *,
        allow_failure: Literal[False] = False,
        address: str | None = None,
    ) -> Coroutine[Any, Any, tuple[R1, R2, R3, R4, R5, R6, R7, R8]]: ...
    @overload
    def __call__(
        self,
        c1: PreparedCall[R1],
        c2: PreparedCall[R2],
        c3: PreparedCall[R3],
        c4: PreparedCall[R4],
        c5: PreparedCall[R5],
        c6: PreparedCall[R6],
        c7: PreparedCall[R7],
        c8: PreparedCall[R8],
        /,
        *,
        allow_failure: Literal[True],
        address: str | None = None,
    ) -> Coroutine[
        Any,
        Any,
        tuple[
            R1 | ContractError,
            R2 | ContractError,
            R3 | ContractError,
            R4 | ContractError,
            R5 | ContractError,
            R6 | ContractError,
            R7 | ContractError,
            R8 | ContractError,
        ],
    ]: ...
    @overload
    def __call__(
        self, *calls: PreparedCall[Any], allow_failure: bool = False, address: str | None = None
    ) -> Coroutine[Any, Any, tuple[Any, ...]]: ...
