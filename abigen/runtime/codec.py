"""A fast, strict Solidity ABI codec, specialised per type at construction.

Generated bindings build one codec per argument list, struct and return type once, at import
time, so everything that depends only on the type (static/dynamic, head layout, range bounds,
padding) is computed in the constructors and the per-call paths are a few C-level operations.

``Codec.encode(value)`` returns ``enc(value)`` exactly as the ABI spec defines it: for the
tuple of a function's parameters that is the calldata after the selector, and a dynamic
value is not preceded by an offset. ``Codec.decode(data)`` is the inverse; like eth_abi and
solc it ignores bytes after the encoding.

Decoding is as strict as eth_abi's default (strict) mode: padding must be zero (or the sign
extension), bools must be 0 or 1, strings valid UTF-8, and every offset must point past the
heads of its container and inside the data.

Decoding is also bounded: every dynamic value charges the bytes it occupies (a length word,
heads, a padded payload) to a budget of ``2 * len(data) + 1024`` bytes for the whole decode.
A valid encoding as solc and eth_abi write it lays its values out in disjoint regions of the
data, so it charges at most ``len(data)``; data whose offsets point into one shared tail (a
"decoding bomb": 164 kB of ``bytes[]`` decoding to 200 MB) runs out of budget and is refused
with a DecodingError. Work and output are linear in the input on every path.
"""

from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import count, repeat
from operator import length_hint
from typing import Any, ClassVar, Generic, TypeVar, cast, overload

from abigen.runtime.address import parse_address, to_checksum_address
from abigen.runtime.errors import DecodingError, EncodingError
from abigen.runtime.errors import short_repr as _show

__all__ = [
    "ADDRESS",
    "BOOL",
    "BYTES",
    "FUNCTION",
    "STRING",
    "Codec",
    "DecodingError",
    "EncodingError",
    "array",
    "fixed_bytes",
    "int_",
    "new_struct",
    "tuple_",
    "uint",
]

T = TypeVar("T")
T_co = TypeVar("T_co", covariant=True)
S = TypeVar("S")
E = TypeVar("E", "EncodingError", "DecodingError")

_ZEROS = bytes(32)
_PAD12 = bytes(12)
_FALSE = bytes(32)
_TRUE = (1).to_bytes(32, "big")
_BYTES_LIKE = (bytes, bytearray, memoryview)
_NOT_ITEMS = (str, *_BYTES_LIKE)
_NO_BUDGET: list[int] = []  # static values charge nothing: their container's heads hold them


def _nest(err: E, segment: str) -> E:
    """``err`` re-rooted one level up, under the tuple field name or ``[index]`` ``segment``."""
    path = err.path
    if path and path[0] != "[":
        path = "." + path
    return type(err)(err.detail, segment + path)


def _corrupt(abi_type: str, pos: int, reason: str) -> DecodingError:
    return DecodingError(f"{abi_type} at byte {pos}: {reason}")


# Budget of a decode: bytes that dynamic values may charge, as a multiple of the data's size.
_BUDGET_FACTOR = 2
_BUDGET_SLACK = 1024


def budget_for(size: int) -> int:
    """The most bytes the dynamic values decoded from ``size`` bytes of data may occupy."""
    return _BUDGET_FACTOR * size + _BUDGET_SLACK


def _charge(budget: list[int], cost: int, abi_type: str, pos: int, data: bytes) -> None:
    """Take ``cost`` bytes from a decode's budget, or refuse the data as a decoding bomb."""
    budget[0] -= cost
    if budget[0] < 0:
        raise _corrupt(
            abi_type,
            pos,
            f"decoding would read more than {budget_for(len(data))} bytes from {len(data)} "
            "(offsets point into shared or overlapping regions)",
        )


def _follow(data: bytes, base: int, at: int, heads_end: int) -> int:
    """The absolute position of the offset stored at ``at``, relative to ``base``."""
    target = base + int.from_bytes(data[at : at + 32], "big")
    # The same bounds eth_abi checks: past the container's heads and inside the data.
    if heads_end <= target < len(data):
        return target
    raise DecodingError(
        f"offset at byte {at} points to byte {_show(target)}, outside [{heads_end}, {len(data)})"
    )


def _as_int(abi_type: str, value: object) -> int:
    """The slow path of the integer codecs, for anything but a plain ``int``."""
    if isinstance(value, int) and not isinstance(value, bool):
        return int(value)  # an IntEnum or other int subclass
    raise EncodingError.bad_value(abi_type, value, f"{type(value).__name__} is not an int")


def _as_bytes(abi_type: str, value: object) -> bytes:
    if isinstance(value, _BYTES_LIKE):
        return bytes(cast("bytes", value))
    if isinstance(value, str) and value.startswith("0x"):
        try:
            raw = bytes.fromhex(value[2:])
        except ValueError:
            raw = None
        # fromhex skips whitespace: the length check rejects it.
        if raw is not None and 2 * len(raw) == len(value) - 2:
            return raw
        raise EncodingError.bad_value(abi_type, value, "invalid hex")
    raise EncodingError.bad_value(abi_type, value, "not bytes or a 0x-prefixed hex str")


def _items(abi_type: str, value: object, length: int | None) -> Sequence[object]:
    # list/tuple first (NamedTuples are tuples): the Sequence ABC check is much slower.
    # Tested on the class: narrowing value itself would give it partially unknown types.
    cls = type(value)
    if not issubclass(cls, (list, tuple)) and (
        not issubclass(cls, Sequence) or issubclass(cls, _NOT_ITEMS)
    ):
        raise EncodingError.bad_value(abi_type, value, "not a sequence")
    items = cast("Sequence[object]", value)
    if length is not None and len(items) != length:
        raise EncodingError.bad_value(
            abi_type, items, f"has length {len(items)}, need exactly {length}"
        )
    return items


def _encode_error_at(
    err: EncodingError,
    segments: Iterable[str],
    encoders: Iterable[Callable[[object], bytes]],
    items: Iterable[object],
) -> EncodingError:
    """Re-encode part by part to find which one raised ``err`` and name it in the path.

    Containers encode with comprehensions that track no index, so the success path pays
    nothing for error paths; the codecs are deterministic, so the culprit fails again.
    """
    for segment, encode, item in zip(segments, encoders, items, strict=False):
        try:
            encode(item)
        except EncodingError as inner:
            return _nest(inner, segment)
    return err


def _padded(raw: bytes) -> bytes:
    return raw + _ZEROS[: -len(raw) % 32]


def _with_heads(parts: list[bytes], dynamic: Iterable[bool], heads_size: int) -> bytes:
    """Heads then tails: a dynamic part's head is the offset of its encoding in the tails."""
    heads: list[bytes] = []
    tails: list[bytes] = []
    offset = heads_size
    for part, is_dynamic in zip(parts, dynamic, strict=False):
        if is_dynamic:
            heads.append(offset.to_bytes(32, "big"))
            tails.append(part)
            offset += len(part)
        else:
            heads.append(part)
    heads += tails
    return b"".join(heads)


class Codec(ABC, Generic[T_co]):
    """Encoder and decoder for one ABI type; ``T_co`` is the Python type ``decode`` returns."""

    __slots__ = ("abi_type", "head_size", "is_dynamic")
    # Whether coerce() returns values as given (int, bool, string): arrays copy them in bulk.
    KEEPS_INPUT: ClassVar[bool] = True

    def __init__(self, abi_type: str, is_dynamic: bool, head_size: int) -> None:
        self.abi_type = abi_type  # canonical, e.g. "(uint8,string)[2]"
        self.is_dynamic = is_dynamic
        self.head_size = head_size  # bytes in a container's head: 32 if dynamic

    def __repr__(self) -> str:
        return f"<Codec {self.abi_type}>"

    @abstractmethod
    def encode(self, value: object) -> bytes:
        """``enc(value)``; raises EncodingError if the value does not fit the type."""

    def encode_in_place(self, value: object) -> bytes:
        """Solidity's encoding of an indexed event argument before hashing it into a topic.

        Static values: their ABI encoding. Strings and bytes: the raw bytes. Arrays and
        structs: their members' in-place encodings, each padded to 32 bytes, no lengths.
        """
        return self.encode(value)

    def coerce(self, value: Any) -> T_co:
        """A user's value in the form decoding gives (what a struct constructor stores).

        Raises EncodingError. Here: the value as given; its encoder checks it when sent.
        """
        return cast(T_co, value)

    def decode(self, data: bytes) -> T_co:
        """Decode ``enc(value)`` from the start of ``data``; raises DecodingError."""
        if type(data) is not bytes:
            data = bytes(data)
        if len(data) < self.head_size:
            raise _corrupt(self.abi_type, 0, f"needs {self.head_size} bytes, got {len(data)}")
        if self.is_dynamic:
            return self._decode_at(data, 0, [budget_for(len(data))])
        return self._decode_at(data, 0, _NO_BUDGET)  # static: its size is fixed by the type

    @abstractmethod
    def _decode_at(self, data: bytes, pos: int, budget: list[int]) -> T_co:
        """Decode the encoding that starts at ``pos``.

        A static codec may assume ``pos + head_size <= len(data)``: its container checked
        that once for all its heads. A dynamic codec bounds-checks its own reads, and charges
        the bytes it occupies to ``budget`` (``budget[0]`` is what is left) before any work.
        Errors carry the path below this codec; the caller adds its own segment.
        """

    def _decode_each(self, data: bytes, positions: range) -> list[T_co]:
        """Decode the static encodings at ``positions``: the items of an array."""
        decode = self._decode_at
        items = iter(positions)
        try:
            return [decode(data, pos, _NO_BUDGET) for pos in items]
        except DecodingError as err:
            # The iterator stopped after the failing item: what is left locates it, in O(1).
            raise _nest(err, f"[{len(positions) - length_hint(items) - 1}]") from None


class _UInt(Codec[int]):
    __slots__ = ("_max", "_range")

    def __init__(self, bits: int) -> None:
        super().__init__(f"uint{bits}", False, 32)
        self._max = (1 << bits) - 1
        self._range = f"[0, 2**{bits}-1]"

    def encode(self, value: object) -> bytes:
        # `type(...) is int` is the fast path and also rejects bool, an int subclass.
        if type(value) is not int:
            value = _as_int(self.abi_type, value)
        if 0 <= value <= self._max:
            return value.to_bytes(32, "big")
        raise EncodingError.bad_value(self.abi_type, value, f"out of range {self._range}")

    def _decode_at(self, data: bytes, pos: int, budget: list[int]) -> int:
        value = int.from_bytes(data[pos : pos + 32], "big")
        if value > self._max:
            raise _corrupt(self.abi_type, pos, "non-zero padding")
        return value

    def _decode_each(self, data: bytes, positions: range) -> list[int]:
        # uintN[] is the most common array: one C-level max() checks all the padding, rather
        # than a method call per item (about half the time). The caller locates a failure.
        values = [int.from_bytes(data[pos : pos + 32], "big") for pos in positions]
        if values and max(values) > self._max:
            index = next(i for i, value in enumerate(values) if value > self._max)
            raise _nest(_corrupt(self.abi_type, positions[index], "non-zero padding"), f"[{index}]")
        return values


class _Int(Codec[int]):
    __slots__ = ("_max", "_min", "_range")

    def __init__(self, bits: int) -> None:
        super().__init__(f"int{bits}", False, 32)
        self._min = -(1 << (bits - 1))
        self._max = (1 << (bits - 1)) - 1
        self._range = f"[-2**{bits - 1}, 2**{bits - 1}-1]"

    def encode(self, value: object) -> bytes:
        if type(value) is not int:
            value = _as_int(self.abi_type, value)
        if self._min <= value <= self._max:
            return value.to_bytes(32, "big", signed=True)
        raise EncodingError.bad_value(self.abi_type, value, f"out of range {self._range}")

    def _decode_at(self, data: bytes, pos: int, budget: list[int]) -> int:
        value = int.from_bytes(data[pos : pos + 32], "big", signed=True)
        # In range <=> the padding is the sign extension (eth_abi's strict check).
        if self._min <= value <= self._max:
            return value
        raise _corrupt(self.abi_type, pos, "padding is not the sign extension")


class _Address(Codec[str]):
    __slots__ = ()
    KEEPS_INPUT = False

    def __init__(self) -> None:
        super().__init__("address", False, 32)

    def encode(self, value: object) -> bytes:
        return _PAD12 + parse_address(value)

    def coerce(self, value: Any) -> str:
        return to_checksum_address(parse_address(value))

    def _decode_at(self, data: bytes, pos: int, budget: list[int]) -> str:
        if data[pos : pos + 12] != _PAD12:
            raise _corrupt("address", pos, "non-zero padding")
        return to_checksum_address(data[pos + 12 : pos + 32])


class _Bool(Codec[bool]):
    __slots__ = ()

    def __init__(self) -> None:
        super().__init__("bool", False, 32)

    def encode(self, value: object) -> bytes:
        if value is True:
            return _TRUE
        if value is False:
            return _FALSE
        raise EncodingError.bad_value("bool", value, "not a bool")

    def _decode_at(self, data: bytes, pos: int, budget: list[int]) -> bool:
        word = data[pos : pos + 32]
        if word == _FALSE:
            return False
        if word == _TRUE:
            return True
        raise _corrupt("bool", pos, "neither 0 nor 1")


class _FixedBytes(Codec[bytes]):
    __slots__ = ("_pad", "_size")
    KEEPS_INPUT = False

    def __init__(self, size: int, abi_type: str) -> None:
        super().__init__(abi_type, False, 32)
        self._size = size
        self._pad = bytes(32 - size)

    def encode(self, value: object) -> bytes:
        raw = value if type(value) is bytes else _as_bytes(self.abi_type, value)
        if len(raw) == self._size:
            return raw + self._pad
        raise EncodingError.bad_value(
            self.abi_type, value, f"has {len(raw)} bytes, need exactly {self._size}"
        )

    def coerce(self, value: Any) -> bytes:
        return self.encode(value)[: self._size]

    def _decode_at(self, data: bytes, pos: int, budget: list[int]) -> bytes:
        end = pos + self._size
        if data[end : pos + 32] != self._pad:
            raise _corrupt(self.abi_type, pos, "non-zero padding")
        return data[pos:end]


def _read_bytes(abi_type: str, data: bytes, pos: int, budget: list[int]) -> bytes:
    """The payload of a length-prefixed, zero-padded ``bytes``/``string`` encoding."""
    start = pos + 32
    if start > len(data):
        raise _corrupt(abi_type, pos, f"needs 32 bytes for the length, got {len(data) - pos}")
    length = int.from_bytes(data[pos:start], "big")
    end = start + length
    padded_end = end + (-length % 32)
    # Compared before slicing: a garbage length of 2**255 must not allocate anything.
    if padded_end > len(data):
        raise _corrupt(abi_type, pos, f"length {_show(length)} runs past the end of data")
    _charge(budget, padded_end - pos, abi_type, pos, data)
    if data[end:padded_end] != _ZEROS[: padded_end - end]:
        raise _corrupt(abi_type, pos, "non-zero padding")
    return data[start:end]


class _Bytes(Codec[bytes]):
    __slots__ = ()
    KEEPS_INPUT = False

    def __init__(self) -> None:
        super().__init__("bytes", True, 32)

    def encode(self, value: object) -> bytes:
        raw = value if type(value) is bytes else _as_bytes("bytes", value)
        return b"".join((len(raw).to_bytes(32, "big"), raw, _ZEROS[: -len(raw) % 32]))

    def encode_in_place(self, value: object) -> bytes:
        return value if type(value) is bytes else _as_bytes("bytes", value)

    def coerce(self, value: Any) -> bytes:
        return self.encode_in_place(value)

    def _decode_at(self, data: bytes, pos: int, budget: list[int]) -> bytes:
        return _read_bytes("bytes", data, pos, budget)


class _String(Codec[str]):
    __slots__ = ()

    def __init__(self) -> None:
        super().__init__("string", True, 32)

    def encode(self, value: object) -> bytes:
        if not isinstance(value, str):
            raise EncodingError.bad_value("string", value, "not a str")
        try:
            raw = value.encode("utf-8")
        except UnicodeEncodeError:
            raise EncodingError.bad_value("string", value, "not encodable as UTF-8") from None
        return b"".join((len(raw).to_bytes(32, "big"), raw, _ZEROS[: -len(raw) % 32]))

    def encode_in_place(self, value: object) -> bytes:
        encoded = self.encode(value)  # validates and encodes as UTF-8
        return encoded[32 : 32 + int.from_bytes(encoded[:32], "big")]

    def _decode_at(self, data: bytes, pos: int, budget: list[int]) -> str:
        try:
            return _read_bytes("string", data, pos, budget).decode("utf-8")
        except UnicodeDecodeError:
            raise _corrupt("string", pos, "invalid UTF-8") from None


class _Array(Codec[list[T]]):
    __slots__ = (
        "_decode_item",
        "_decode_items",
        "_encode_item",
        "_item",
        "_item_dynamic",
        "_item_size",
        "_length",
    )
    KEEPS_INPUT = False

    def __init__(self, item: Codec[T], length: int | None) -> None:
        is_dynamic = length is None or item.is_dynamic
        super().__init__(
            f"{item.abi_type}[{'' if length is None else length}]",
            is_dynamic,
            32 if is_dynamic else cast(int, length) * item.head_size,
        )
        self._length = length
        self._item = item
        self._item_dynamic = item.is_dynamic
        self._item_size = item.head_size
        self._encode_item = item.encode
        self._decode_item = item._decode_at
        self._decode_items = item._decode_each

    def encode_in_place(self, value: object) -> bytes:
        items = _items(self.abi_type, value, self._length)
        return b"".join(_padded(self._item.encode_in_place(item)) for item in items)

    def coerce(self, value: Any) -> list[T]:
        items = _items(self.abi_type, value, self._length)
        if self._item.KEEPS_INPUT:
            return list(cast("Sequence[T]", items))
        return _coerce_each(repeat(self._item.coerce), items, (f"[{i}]" for i in count()))

    def encode(self, value: object) -> bytes:
        items = _items(self.abi_type, value, self._length)
        encode = self._encode_item
        try:
            parts = [encode(item) for item in items]
        except EncodingError as err:
            segments = (f"[{i}]" for i in count())
            raise _encode_error_at(err, segments, repeat(encode), items) from None
        body = (
            _with_heads(parts, repeat(True), 32 * len(parts))
            if self._item_dynamic
            else b"".join(parts)
        )
        if self._length is None:
            return len(parts).to_bytes(32, "big") + body
        return body

    def _decode_at(self, data: bytes, pos: int, budget: list[int]) -> list[T]:
        if self._length is None:
            if pos + 32 > len(data):
                raise _corrupt(
                    self.abi_type, pos, f"needs 32 bytes for the length, got {len(data) - pos}"
                )
            length = int.from_bytes(data[pos : pos + 32], "big")
            start = pos + 32
        else:
            length = self._length
            start = pos
        item_size = self._item_size
        heads_end = start + length * item_size
        positions = range(start, heads_end, item_size)
        if not self.is_dynamic:
            return self._decode_items(data, positions)  # inside the heads its container charged
        # Checked before building anything: a garbage length of 2**255 fails here, and a count
        # of items whose heads cannot fit in the data (each needs item_size bytes).
        if heads_end > len(data):
            raise _corrupt(self.abi_type, pos, f"{_show(length)} items run past the end of data")
        _charge(budget, heads_end - pos, self.abi_type, pos, data)
        if not self._item_dynamic:
            return self._decode_items(data, positions)
        decode = self._decode_item
        heads = iter(positions)
        try:
            return [decode(data, _follow(data, start, at, heads_end), budget) for at in heads]
        except DecodingError as err:
            # The iterator stopped after the failing item: what is left locates it, in O(1)
            # (decoding again to find it would double the work at every level of nesting).
            raise _nest(err, f"[{length - length_hint(heads) - 1}]") from None


def _plain_tuple(*values: Any) -> tuple[Any, ...]:
    return values


# tuple.__new__ itself: builds a tuple subclass without calling the subclass's __new__.
# (Read through tuple[Any, ...] so that pyright sees no unknown types; it is the same function.)
_tuple_new: Callable[[type[Any], Iterable[Any]], Any] = tuple[Any, ...].__new__


def _coerce_each(
    coercers: Iterable[Callable[[Any], Any]], items: Iterable[object], segments: Iterable[str]
) -> list[Any]:
    coerced: list[Any] = []
    for coerce, item, segment in zip(coercers, items, segments, strict=False):
        try:
            coerced.append(coerce(item))
        except EncodingError as err:
            raise _nest(err, segment) from None
    return coerced


def single(value: T) -> T:
    """Output factory for functions with exactly one return value."""
    return value


class _Tuple(Codec[S]):
    __slots__ = (
        "_cls",
        "_components",
        "_dynamic",
        "_encoders",
        "_factory",
        "_heads_size",
        "_layout",
        "_length",
        "_segments",
        "_single",
    )
    KEEPS_INPUT = False

    def __init__(
        self, components: Sequence[Codec[Any]], names: Sequence[str], factory: Callable[..., S]
    ) -> None:
        offsets: list[int] = []
        heads_size = 0
        for c in components:
            offsets.append(heads_size)
            heads_size += c.head_size
        is_dynamic = any(c.is_dynamic for c in components)
        super().__init__(
            f"({','.join(c.abi_type for c in components)})",
            is_dynamic,
            32 if is_dynamic else heads_size,
        )
        self._length = len(components)
        self._components = tuple(components)
        self._heads_size = heads_size
        self._encoders = tuple(c.encode for c in components)
        self._dynamic = tuple(c.is_dynamic for c in components)
        # (decode, head offset, is dynamic) per field, zipped once here rather than per call.
        self._layout = tuple(
            zip((c._decode_at for c in components), offsets, self._dynamic, strict=True)
        )
        self._segments = tuple(name or f"[{i}]" for i, name in enumerate(names))
        self._factory = factory
        self._single = factory is single  # a function's one return value: no call for it
        # A NamedTuple (struct, result) is built straight from the decoded values: faster than
        # calling the class, and it skips a struct's converting __new__ (decoded values are
        # already in their output form).
        self._cls: type[tuple[Any, ...]] | None = (
            factory if isinstance(factory, type) and issubclass(factory, tuple) else None
        )

    def coerce(self, value: Any) -> S:
        cls = self._cls
        if cls is not None and isinstance(value, cls):
            return cast(S, value)  # a struct instance: converted when it was built
        items = self.coerce_items(_items(self.abi_type, value, self._length))
        return cast(S, _tuple_new(cls, items) if cls is not None else tuple(items))

    def coerce_items(self, items: Sequence[object]) -> list[Any]:
        """Each field in the form decoding gives; errors name the field."""
        return _coerce_each((c.coerce for c in self._components), items, self._segments)

    def encode_in_place(self, value: object) -> bytes:
        items = _items(self.abi_type, value, self._length)
        parts = zip(self._components, items, strict=True)
        return b"".join(_padded(component.encode_in_place(item)) for component, item in parts)

    def encode(self, value: Any) -> bytes:
        # Inlined check for the usual plain tuple: calling _items costs as much as a field.
        # (`__class__` rather than type(): pyright would narrow to a partially unknown tuple.)
        # No typing.cast on this path, nor on decoding's: a call each, and a call that is not in
        # the CPU's caches costs more than the field (the node's work between calls evicts them).
        items: Sequence[object] = value
        if items.__class__ is not tuple or len(items) != self._length:
            items = _items(self.abi_type, value, self._length)
        try:
            # strict=False: the length is checked, and zip(strict=True) is measurably slower.
            parts = [encode(item) for encode, item in zip(self._encoders, items, strict=False)]
        except EncodingError as err:
            raise _encode_error_at(err, self._segments, self._encoders, items) from None
        if self.is_dynamic:
            return _with_heads(parts, self._dynamic, self._heads_size)
        return b"".join(parts)  # all static: the encoding is the concatenation

    def _decode_at(self, data: bytes, pos: int, budget: list[int]) -> S:
        fields = iter(self._layout)
        try:
            if self.is_dynamic:
                heads_end = pos + self._heads_size
                if heads_end > len(data):
                    raise _corrupt(self.abi_type, pos, "heads run past the end of data")
                _charge(budget, self._heads_size, self.abi_type, pos, data)
                values = [
                    decode(
                        data,
                        _follow(data, pos, pos + off, heads_end) if dyn else pos + off,
                        budget,
                    )
                    for decode, off, dyn in fields
                ]
            else:
                values = [decode(data, pos + off, budget) for decode, off, _ in fields]
        except DecodingError as err:
            raise self._decode_error_at(err, fields) from None
        if self._single:
            value: S = values[0]
            return value
        cls = self._cls
        if cls is not None:
            decoded: S = _tuple_new(cls, values)
            return decoded
        return self._factory(*values)

    def _decode_error_at(self, err: DecodingError, fields: Iterator[object]) -> DecodingError:
        """``err`` under the name of the field that raised it: the one ``fields`` stopped after
        (found in O(1): decoding again to find it would double the work at every level)."""
        remaining = length_hint(fields)
        if remaining == self._length:  # raised before any field: the tuple's own heads
            return err
        return _nest(err, self._segments[self._length - remaining - 1])


_UINTS: dict[int, Codec[int]] = {}
_INTS: dict[int, Codec[int]] = {}
_FIXED_BYTES: dict[int, Codec[bytes]] = {}


def _check_bits(bits: int) -> None:
    if not (8 <= bits <= 256 and bits % 8 == 0):
        raise ValueError(f"integer bits must be 8..256 in steps of 8, got {bits}")


def uint(bits: int) -> Codec[int]:
    """The ``uint<bits>`` codec (shared instances)."""
    codec = _UINTS.get(bits)
    if codec is None:
        _check_bits(bits)
        codec = _UINTS[bits] = _UInt(bits)
    return codec


def int_(bits: int) -> Codec[int]:
    """The ``int<bits>`` codec (shared instances)."""
    codec = _INTS.get(bits)
    if codec is None:
        _check_bits(bits)
        codec = _INTS[bits] = _Int(bits)
    return codec


def fixed_bytes(size: int) -> Codec[bytes]:
    """The ``bytes<size>`` codec (shared instances)."""
    codec = _FIXED_BYTES.get(size)
    if codec is None:
        if not 1 <= size <= 32:
            raise ValueError(f"bytes<M> needs 1 <= M <= 32, got {size}")
        codec = _FIXED_BYTES[size] = _FixedBytes(size, f"bytes{size}")
    return codec


ADDRESS: Codec[str] = _Address()
BOOL: Codec[bool] = _Bool()
BYTES: Codec[bytes] = _Bytes()
STRING: Codec[str] = _String()
FUNCTION: Codec[bytes] = _FixedBytes(24, "function")  # address + selector, as bytes24


def array(item: Codec[T], length: int | None = None) -> Codec[list[T]]:
    """``T[length]``, or ``T[]`` when length is None."""
    if length is not None and length < 1:
        raise ValueError(f"fixed array length must be >= 1, got {length}")
    if item.head_size == 0:
        # An empty tuple encodes to nothing: a garbage length could not be bounded by the data.
        raise ValueError(f"array items cannot be the empty tuple {item.abi_type}")
    return _Array(item, length)


@overload
def tuple_(
    components: Sequence[Codec[Any]], names: Sequence[str] | None = None, factory: None = None
) -> Codec[tuple[Any, ...]]: ...
@overload
def tuple_(
    components: Sequence[Codec[Any]], names: Sequence[str] | None, factory: Callable[..., S]
) -> Codec[S]: ...
@overload
def tuple_(
    components: Sequence[Codec[Any]],
    names: Sequence[str] | None = None,
    *,
    factory: Callable[..., S],
) -> Codec[S]: ...
def tuple_(
    components: Sequence[Codec[Any]],
    names: Sequence[str] | None = None,
    factory: Callable[..., Any] | None = None,
) -> Codec[Any]:
    """A tuple: a function's parameters (``names``) or a struct (``factory(*values)``).

    Without a factory, decoding returns a plain tuple. Error paths use the names, or
    ``[index]`` for unnamed components.
    """
    if names is None:
        names = [""] * len(components)
    elif len(names) != len(components):
        raise ValueError(f"{len(names)} names for {len(components)} components")
    return _Tuple(components, names, factory or _plain_tuple)


def new_struct(cls: type[S], codec: Codec[Any], values: tuple[object, ...]) -> S:
    """An instance of the struct class ``cls`` (whose codec is ``codec``) from user values.

    Each value is stored in the form decoding gives (addresses checksummed, hex as bytes,
    sequences as lists, plain tuples as struct instances), so a struct built by hand equals
    the same struct decoded. Raises EncodingError (a ValueError) naming the struct and field:
    ``MintParams.token0: expected address, got '0x..': bad checksum``.
    """
    try:
        items: tuple[Any, ...] = codec.coerce(values)
    except EncodingError as err:
        raise _nest(err, cls.__name__) from None
    return cast(S, _tuple_new(cls, items))
