"""Every ABI shape through a real node: echo round trips, payable value, events, each revert kind."""

from __future__ import annotations

import pytest
from bindings.type_zoo import (
    DescribeResult,
    Incremented,
    Noted,
    Point,
    Shape,
    TypeZoo,
)

import abigen
from abigen.runtime import Sender
from abigen.runtime.codec import EncodingError

pytestmark = pytest.mark.e2e

ADDRESS = "0x00000000000000000000000000000000DeaDBeef"


def test_constructor_args_and_value(zoo: TypeZoo, node: abigen.Node) -> None:
    assert zoo.seed() == 42
    assert zoo.label() == "zoo"
    assert node.get_balance(zoo.address) >= 7


@pytest.mark.parametrize(
    "values",
    [
        (0, 0, 0, 0, 0, 0),
        (2**8 - 1, 2**16 - 1, 2**32 - 1, 2**64 - 1, 2**128 - 1, 2**256 - 1),
        (1, 2, 3, 4, 5, 6),
    ],
)
def test_unsigned_integers(zoo: TypeZoo, values: tuple[int, ...]) -> None:
    assert tuple(zoo.echo_uints(*values)) == values


@pytest.mark.parametrize(
    "values",
    [
        (-(2**7), -(2**15), -(2**63), -(2**127), -(2**255)),
        (2**7 - 1, 2**15 - 1, 2**63 - 1, 2**127 - 1, 2**255 - 1),
        (-1, 0, 1, -2, 2),
    ],
)
def test_signed_integers(zoo: TypeZoo, values: tuple[int, ...]) -> None:
    assert tuple(zoo.echo_ints(*values)) == values


def test_address_and_bool(zoo: TypeZoo) -> None:
    result = zoo.echo_address_bool(ADDRESS.lower(), True)
    assert result.who == ADDRESS  # decoded to the checksum form
    assert result.flag is True


def test_fixed_bytes_accept_bytes_or_hex(zoo: TypeZoo) -> None:
    values = (b"\x01", b"\xde\xad\xbe\xef", bytes(range(31)), bytes(range(32)))
    assert tuple(zoo.echo_fixed_bytes(*values)) == values
    as_hex = tuple("0x" + v.hex() for v in values)
    assert tuple(zoo.echo_fixed_bytes(*as_hex)) == values


def test_dynamic_bytes_and_string(zoo: TypeZoo) -> None:
    text = 'héllo, 世界 "quotes" \\ \x00'
    assert tuple(zoo.echo_dynamic(b"\x00" * 100, text)) == (b"\x00" * 100, text)
    assert tuple(zoo.echo_dynamic(b"", "")) == (b"", "")


def test_arrays(zoo: TypeZoo) -> None:
    assert zoo.echo_uint_array([1, 2, 3]) == [1, 2, 3]
    assert zoo.echo_uint_array([]) == []
    assert zoo.echo_uint_array(range(5)) == [0, 1, 2, 3, 4]  # any Sequence
    assert zoo.echo_fixed_uint8((7, 8, 9)) == [7, 8, 9]
    assert zoo.echo_address_pair([ADDRESS, ADDRESS.lower()]) == [ADDRESS, ADDRESS]
    assert zoo.echo_strings(["a", "", "ccc"]) == ["a", "", "ccc"]
    assert zoo.echo_bytes_array([b"", b"\x01" * 40]) == [b"", b"\x01" * 40]


def test_nested_arrays_keep_dimension_order(zoo: TypeZoo) -> None:
    pairs = [[1, 2], [3, 4], [5, 6]]  # uint256[2][]: any number of pairs
    assert zoo.echo_pairs(pairs) == pairs
    triple = [[1], [], [2, 3, 4]]  # uint256[][3]: exactly three lists of any length
    assert zoo.echo_triple(triple) == triple
    matrix = [[True], [], [False, True]]
    assert zoo.echo_bool_matrix(matrix) == matrix
    with pytest.raises(EncodingError, match="values"):
        zoo.echo_pairs([[1, 2, 3]])
    with pytest.raises(EncodingError, match="values"):
        zoo.echo_triple([[1], [2]])


def test_structs(zoo: TypeZoo) -> None:
    point = Point(x=-5, y=2**127 - 1)
    assert zoo.echo_point(point) == point
    assert zoo.echo_point((1, 2)) == Point(1, 2)  # a plain tuple works too
    assert zoo.origin() == Point(0, 0)
    shape = Shape(
        name="tri",
        points=[Point(0, 0), Point(1, 0), Point(0, 1)],
        center=Point(0, 0),
        tags=[1, 2, 3],
    )
    echoed = zoo.echo_shape(shape)
    assert echoed == shape
    assert isinstance(echoed.center, Point)
    shapes = [shape, Shape("empty", [], Point(9, 9), [0, 0, 0])]
    assert zoo.echo_shapes(shapes) == shapes
    # Built from plain tuples and any sequence: stored as decoding gives, so equal both ways.
    loose = Shape("tri", [(0, 0), (1, 0), Point(0, 1)], (0, 0), range(1, 4))
    assert loose == shape and zoo.echo_shape(loose) == loose
    assert isinstance(loose.center, Point) and loose.tags == [1, 2, 3]


def test_reprs_show_bytes_as_hex(zoo: TypeZoo) -> None:
    result = zoo.echo_fixed_bytes(b"\x01", "0xdeadbeef", bytes(31), bytes(32))
    assert repr(result) == (
        f"EchoFixedBytesResult(arg0=0x01, arg1=0xdeadbeef, arg2=0x{'00' * 31}, arg3=0x{'00' * 32})"
    )
    assert type(result.arg1) is bytes  # the values stay bytes


def test_multiple_outputs(zoo: TypeZoo) -> None:
    described = zoo.describe()
    assert isinstance(described, DescribeResult)
    assert described == (described.count_, described.label, described.arg2)
    count, address = zoo.pair()
    assert isinstance(count, int) and address.startswith("0x")


def test_out_of_range_and_wrong_length_values(zoo: TypeZoo) -> None:
    with pytest.raises(EncodingError, match=r"echoUints.*: a: .*uint8"):
        zoo.echo_uints(256, 0, 0, 0, 0, 0)
    with pytest.raises(EncodingError, match=r": a: .*int8"):
        zoo.echo_ints(-129, 0, 0, 0, 0)
    with pytest.raises(EncodingError, match=r": b: .*bytes4"):
        zoo.echo_fixed_bytes(b"\x01", b"\x01\x02\x03", bytes(31), bytes(32))
    with pytest.raises(EncodingError, match=r"s\.points\[1\]\.x"):
        zoo.echo_shape(Shape("bad", [Point(0, 0), Point(2**200, 0)], Point(0, 0), [1, 2, 3]))
    with pytest.raises(EncodingError, match="bool"):
        zoo.echo_address_bool(ADDRESS, 1)  # type: ignore[arg-type]


def test_state_change_and_indexed_uint_filter(
    zoo: TypeZoo, node: abigen.Node, alice: str, bob: str, bob_sender: Sender
) -> None:
    start = node.block_number + 1
    before = zoo.counter()
    zoo.increment(3, sender=alice).wait()
    receipt = zoo.increment(4, sender=bob_sender).wait()
    [event] = receipt.events_of(Incremented)
    assert (event.caller, event.by, event.new_value) == (bob, 4, before + 7)
    assert zoo.counter() == before + 7
    logs = zoo.events.Incremented.get_logs(from_block=start, by=4)
    assert [(e.caller, e.by) for e in logs] == [(bob, 4)]
    assert len(zoo.events.Incremented.get_logs(from_block=start, by=[3, 4])) == 2


def test_event_with_dynamic_data(zoo: TypeZoo, alice: str) -> None:
    receipt = zoo.note("hello", [1, 2, 3], sender=alice).wait()
    [event] = receipt.events_of(Noted)
    assert (event.who, event.text, event.nums) == (alice, "hello", [1, 2, 3])


def test_payable_value(zoo: TypeZoo, node: abigen.Node, alice: str) -> None:
    balance = node.get_balance(zoo.address)
    receipt = zoo.deposit(sender=alice, value=12345).wait()
    assert receipt.events[0] == zoo.events.Deposited.get_logs(from_block=receipt.block_number)[0]
    assert node.get_balance(zoo.address) == balance + 12345


def test_revert_with_reason(zoo: TypeZoo) -> None:
    with pytest.raises(abigen.Revert) as caught:
        zoo.fail_require("nope, not today")
    assert caught.value.reason == "nope, not today"


@pytest.mark.parametrize(("kind", "code"), [(1, 0x01), (2, 0x11), (3, 0x12), (4, 0x32)])
def test_panics(zoo: TypeZoo, kind: int, code: int) -> None:
    with pytest.raises(abigen.Panic) as caught:
        zoo.fail_panic(kind)
    assert caught.value.code == code
    assert caught.value.meaning != "unknown panic code"


def test_custom_error_fields(zoo: TypeZoo) -> None:
    with pytest.raises(TypeZoo.Unauthorized) as caught:
        zoo.fail_custom(ADDRESS, 7)
    assert (caught.value.who, caught.value.code) == (ADDRESS, 7)


def test_revert_without_data(zoo: TypeZoo) -> None:
    with pytest.raises(abigen.ContractError) as caught:
        zoo.fail_bare()
    assert type(caught.value) is abigen.ContractError
    assert caught.value.data == b""


def test_custom_error_on_send(zoo: TypeZoo, alice: str) -> None:
    with pytest.raises(TypeZoo.NotPositive) as caught:
        zoo.set_positive(-3, sender=alice)
    assert caught.value.value == -3


def test_mined_and_failed_transaction_raises_decoded_error(zoo: TypeZoo, alice: str) -> None:
    tx = zoo.fail_after_write(9, sender=alice, gas=200_000)  # explicit gas: no pre-check
    with pytest.raises(TypeZoo.Unauthorized) as caught:
        tx.wait()
    assert caught.value.code == 9
    assert caught.value.receipt is not None and caught.value.receipt.status == 0
    assert tx.wait(check=False).status == 0
