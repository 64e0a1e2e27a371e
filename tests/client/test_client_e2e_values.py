"""Every ABI type and every accepted argument form, round-tripped through TypeZoo's and EdgeCases'
echo functions on anvil over HTTP and IPC.

The same typer app as the console script, run in-process (clientkit.invoke): a console-script
process costs ~1.5 s of CPU to import web3, and this matrix has dozens of cases per transport.
test_client_e2e_call.py runs representative cases through the console script itself.
"""

from __future__ import annotations

import json

import pytest
from clientkit import Target, artifact, outputs_json

pytestmark = pytest.mark.e2e

ADDR = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"  # EIP-55's own example
ADDR2 = "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359"
TWO_255 = 2**255

# (function, arguments, output names, expected values in order)
ZOO_CASES: list[tuple[str, list[str], list[str], list[object]]] = [
    # unsigned: decimal, hex, underscores, scientific, units (exact, never through a float)
    ("echoUints", ["0", "0x0", "0", "0", "0", "0"], [""] * 6, [0] * 6),
    (
        "echoUints",
        ["0xFF", "65_535", "4.294967295e9", "1e18", "1.5ether", "115792089237316195423570985008687907853269984665640564039457584007913129639935"],
        [""] * 6,
        [255, 65535, 2**32 - 1, 10**18, 15 * 10**17, 2**256 - 1],
    ),
    (
        "echoUints",
        ["+7", "0X1_0", "1kwei", "20gwei", "20 gwei", "0.000000001ether"],
        [""] * 6,
        [7, 16, 1000, 20 * 10**9, 20 * 10**9, 10**9],
    ),
    (
        "echoUints",
        ["1e2", "1E3", "2mwei", "3szabo", "4finney", "1.000000000000000001ETH"],
        [""] * 6,
        [100, 1000, 2 * 10**6, 3 * 10**12, 4 * 10**15, 10**18 + 1],
    ),
    # signed: negative decimal, hex and scientific; the extremes
    ("echoInts", ["-128", "-0x8000", "-9_223_372_036_854_775_808", "-1e38", str(-TWO_255)], [""] * 5,
     [-128, -(2**15), -(2**63), -(10**38), -TWO_255]),
    ("echoInts", ["127", "0x7fff", "9223372036854775807", "-1.5gwei", str(TWO_255 - 1)], [""] * 5,
     [127, 2**15 - 1, 2**63 - 1, -15 * 10**8, TWO_255 - 1]),
    # address (any case accepted when not mixed; mixed must be EIP-55) and bool spellings
    ("echoAddressBool", [ADDR.lower(), "true"], ["who_", "flag_"], [ADDR, True]),
    ("echoAddressBool", [ADDR.upper().replace("0X", "0x"), "False"], ["who_", "flag_"], [ADDR, False]),
    ("echoAddressBool", [ADDR, "yes"], ["who_", "flag_"], [ADDR, True]),
    ("echoAddressBool", [ADDR, "0"], ["who_", "flag_"], [ADDR, False]),
    ("echoAddressBool", [ADDR, "1"], ["who_", "flag_"], [ADDR, True]),
    ("echoAddressBool", [ADDR, "NO"], ["who_", "flag_"], [ADDR, False]),
    # bytesN and bytes as hex
    (
        "echoFixedBytes",
        ["0x01", "0xDEADBEEF", "0x" + "ab" * 31, "0x" + "00" * 31 + "ff"],
        [""] * 4,
        ["0x01", "0xdeadbeef", "0x" + "ab" * 31, "0x" + "00" * 31 + "ff"],
    ),
    ("echoDynamic", ["0x", ""], ["", ""], ["0x", ""]),
    (
        "echoDynamic",
        ["0x" + "00ff" * 40, 'héllo "wörld" ✓\n\ttab'],
        ["", ""],
        ["0x" + "00ff" * 40, 'héllo "wörld" ✓\n\ttab'],
    ),
    # arrays: JSON, each item parsed by its type (JSON numbers or any string form)
    (
        "echoUintArray",
        ['[1, "0x2", "3e3", "1.5ether", 1e18, 2.5e1, "20 gwei", 115792089237316195423570985008687907853269984665640564039457584007913129639935]'],
        [""],
        [[1, 2, 3000, 15 * 10**17, 10**18, 25, 20 * 10**9, 2**256 - 1]],
    ),
    ("echoUintArray", ["[]"], [""], [[]]),
    ("echoFixedUint8", ['[0, 255, "0x7f"]'], [""], [[0, 255, 127]]),
    ("echoAddressPair", [json.dumps([ADDR.lower(), ADDR2])], [""], [[ADDR, ADDR2]]),
    ("echoStrings", ['["a", "", "ü ✓", "[1]"]'], [""], [["a", "", "ü ✓", "[1]"]]),
    ("echoBytesArray", ['["0x", "0x01", "0xDEADBEEF"]'], [""], [["0x", "0x01", "0xdeadbeef"]]),
    ("echoPairs", ['[[1, 2], ["0x3", "4e0"]]'], [""], [[[1, 2], [3, 4]]]),
    ("echoPairs", ["[]"], [""], [[]]),
    ("echoTriple", ["[[1], [], [2, 3]]"], [""], [[[1], [], [2, 3]]]),
    ("echoBoolMatrix", ['[[true, false], [], ["yes", "0"]]'], [""], [[[True, False], [], [True, False]]]),
    # structs: JSON objects keyed by field name, or arrays in field order
    ("echoPoint", ['{"x": -1, "y": "0x10"}'], [""], [{"x": -1, "y": 16}]),
    ("echoPoint", ['[3, "-4e2"]'], [""], [{"x": 3, "y": -400}]),
    (
        "echoShapes",
        [json.dumps([
            {"name": "a", "points": [], "center": [0, 0], "tags": [1, 2, 3]},
            {"name": "b", "points": [{"x": -5, "y": 5}], "center": {"y": 2, "x": 1}, "tags": ["0x0", "0", 0]},
        ])],
        [""],
        [[
            {"name": "a", "points": [], "center": {"x": 0, "y": 0}, "tags": [1, 2, 3]},
            {"name": "b", "points": [{"x": -5, "y": 5}], "center": {"x": 1, "y": 2}, "tags": [0, 0, 0]},
        ]],
    ),
    ("echoShapes", ["[]"], [""], [[]]),
    # outputs without arguments: a struct, named and unnamed mixes
    ("origin", [], [""], [{"x": 0, "y": 0}]),
    ("describe", [], ["count", "label", ""], [3, "zoo", True]),
    ("pair", [], ["", ""], [42, "0x000000000000000000000000000000000000bEEF"]),
    ("seed", [], [""], [42]),
    ("label", [], [""], ["zoo"]),
]  # fmt: skip

EDGE_CASES: list[tuple[str, list[str], list[str], list[object]]] = [
    # struct fields named like Python keywords; output named `await`
    (
        "echoKeywords",
        [json.dumps({"from": "1e3", "not": True, "class": "c", "global": ADDR.lower()})],
        ["await"],
        [{"from": 1000, "not": True, "class": "c", "global": ADDR}],
    ),
    # uint8[2][][3]: three dynamic lists of uint8 pairs
    ("echoNested", ["[[[1, 2]], [], [[3, 4], [5, 6]]]"], [""], [[[[1, 2]], [], [[3, 4], [5, 6]]]]),
    # the `function` type: 24 bytes (address ++ selector) as hex
    ("echoFn", ["0x" + "11" * 20 + "deadbeef"], [""], ["0x" + "11" * 20 + "deadbeef"]),
    # unnamed parameters
    ("swap", ["1", "2"], ["", ""], [2, 1]),
    ("peek", ["1", "2", "3"], ["", "", ""], [1, 2, 3]),
    ("pass", ["true", "false"], ["True", "False", "None"], [False, True, False]),
    ("def", ["2", "3"], [""], [2003]),
]  # fmt: skip


def _check(
    target: Target, name: str, address: str, case: tuple[str, list[str], list[str], list[object]]
) -> None:
    function, args, outputs, expected = case
    result = target.invoke(
        "call", "--abi", artifact(name), "--address", address, "--json", function, "--", *args
    )
    assert result.err == "", (case, result)
    assert result.json == outputs_json(outputs, expected), case


@pytest.mark.parametrize("case", ZOO_CASES, ids=lambda c: c[0])
def test_type_zoo_round_trips(
    target: Target, zoo: str, case: tuple[str, list[str], list[str], list[object]]
) -> None:
    _check(target, "TypeZoo", zoo, case)


@pytest.mark.parametrize("case", EDGE_CASES, ids=lambda c: c[0])
def test_edge_cases_round_trips(
    target: Target, edge: str, case: tuple[str, list[str], list[str], list[object]]
) -> None:
    _check(target, "EdgeCases", edge, case)


def test_readable_values(target: Target, zoo: str) -> None:
    call = ["call", "--abi", artifact("TypeZoo"), "--address", zoo]
    assert target.invoke(*call, "echoDynamic", "0x00ff", 'a "q"\n').out == (
        'arg0 = 0x00ff\narg1 = "a \\"q\\"\\n"\n'
    )
    assert (
        target.invoke(*call, "echoBoolMatrix", "[[true, false], []]").out == "[[true, false], []]\n"
    )
    assert target.invoke(*call, "echoAddressBool", ADDR.lower(), "1").out == (
        f"who_ = {ADDR}\nflag_ = true\n"
    )
    assert target.invoke(*call, "origin").out == "(x=0, y=0)\n"
