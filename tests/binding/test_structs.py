"""Struct classes built by hand (input types, checked and converted), and 0x-hex reprs."""

from __future__ import annotations

import copy
import json
import pickle
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from abigen.binding.build import bind
from abigen.generate import Request, run
from abigen.runtime import codec as c
from abigen.runtime.abi.parse import parse_abi
from abigen.runtime.values import show

CHECKSUMMED = "0x5FbDB2315678afecb367f032d93F642f64180aa3"
BAD_CHECKSUM = "0x5fbdb2315678afecb367f032d93f642f64180aA3"

# A struct with every kind of field whose input type differs from its decoded type, nested in
# another one, shared by two contracts (so it lives in the package's structs module).
INNER = {
    "name": "inner",
    "type": "tuple",
    "internalType": "struct Lib.Inner",
    "components": [{"name": "x", "type": "int8"}, {"name": "tag", "type": "bytes2"}],
}
MINT = {
    "name": "params",
    "type": "tuple",
    "internalType": "struct Lib.MintParams",
    "components": [
        {"name": "token0", "type": "address"},
        {"name": "amount", "type": "uint256"},
        {"name": "salt", "type": "bytes32"},
        {"name": "data", "type": "bytes"},
        {"name": "owners", "type": "address[]"},
        {"name": "inner", "type": "tuple", "components": INNER["components"],
         "internalType": "struct Lib.Inner"},
        {"name": "inners", "type": "tuple[2]", "components": INNER["components"],
         "internalType": "struct Lib.Inner[2]"},
    ],
}  # fmt: skip
PLAIN = {
    "name": "p",
    "type": "tuple",
    "internalType": "struct Lib.Plain",
    "components": [{"name": "a", "type": "uint8"}, {"name": "s", "type": "string"}],
}


def _abi(contract: str) -> list[Any]:
    return [
        {"type": "function", "name": f"mint{contract}", "stateMutability": "pure",
         "inputs": [MINT, PLAIN], "outputs": [MINT]},
        {"type": "event", "name": "Salted", "anonymous": False,
         "inputs": [{"name": "salt", "type": "bytes32", "indexed": True},
                    {"name": "who", "type": "address", "indexed": False}]},
        {"type": "error", "name": "BadSalt", "inputs": [{"name": "salt", "type": "bytes32"}]},
    ]  # fmt: skip


@pytest.fixture(scope="module")
def pkg(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """The package generated for two contracts sharing the structs, imported."""
    folder = tmp_path_factory.mktemp("structs")
    for name in ("A", "B"):
        (folder / f"{name}.json").write_text(json.dumps({"contractName": name, "abi": _abi(name)}))
    result = run(Request([str(folder)], "structs_pkg"))
    assert not result.errors
    out = folder / "out" / "structs_pkg"
    out.mkdir(parents=True)
    for path, text in result.package.items():
        (out / path).write_text(text)
    sys.path.insert(0, str(out.parent))
    try:
        import structs_pkg.a
        import structs_pkg.structs

        yield structs_pkg
    finally:
        sys.path.remove(str(out.parent))
        for name in [m for m in sys.modules if m.startswith("structs_pkg")]:
            del sys.modules[name]


def _mint(pkg: Any, **changes: Any) -> Any:
    values: dict[str, Any] = {
        "token0": CHECKSUMMED.lower(),
        "amount": 5,
        "salt": "0x" + "ab" * 32,
        "data": bytearray(b"\x01\x02"),
        "owners": (CHECKSUMMED.lower(),),
        "inner": (1, "0x0102"),
        "inners": [(2, b"\x00\x03"), pkg.structs.Inner(3, "0x0004")],
    }
    return pkg.structs.MintParams(**{**values, **changes})


def test_shared_structs_module_defines_constructors_and_codecs(pkg: Any) -> None:
    source = Path(pkg.structs.__file__).read_text()
    assert "class _MintParamsFields(_NamedTuple):" in source
    assert "class MintParams(_MintParamsFields):" in source
    assert "class Plain(_NamedTuple):" in source  # inputs equal outputs: no constructor
    assert "_Plain_CODEC" in source and "_MintParams_CODEC" in source
    assert pkg.a.MintParams is pkg.structs.MintParams  # imported, not redefined


def test_built_struct_holds_the_decoded_form_and_equals_the_decoded_struct(pkg: Any) -> None:
    built = _mint(pkg)
    assert built.token0 == CHECKSUMMED and built.owners == [CHECKSUMMED]
    assert built.salt == b"\xab" * 32 and type(built.data) is bytes
    assert type(built.inner) is pkg.structs.Inner and built.inner.tag == b"\x01\x02"
    assert [type(i) for i in built.inners] == [pkg.structs.Inner] * 2
    function = pkg.a.A.mint_a
    decoded = function.decode_output(function.encode_input(built, (1, "s"))[4:])
    assert decoded == built and type(decoded) is pkg.structs.MintParams
    # Hashable where the fields are (lists are not): equal values, equal hashes.
    assert hash(decoded.inner) == hash(built.inner) == hash(pkg.structs.Inner(1, b"\x01\x02"))


def test_pickle_copy_replace(pkg: Any) -> None:
    built = _mint(pkg)
    for clone in (pickle.loads(pickle.dumps(built)), copy.copy(built), copy.deepcopy(built)):
        assert clone == built and type(clone) is type(built)
    replaced = built._replace(amount=6)
    assert type(replaced) is pkg.structs.MintParams and replaced.amount == 6
    assert not hasattr(built, "__dict__")  # __slots__ = (): as small as the NamedTuple


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"token0": BAD_CHECKSUM}, "MintParams.token0: expected address, got '0x5fbd"),
        ({"token0": "0x12"}, "MintParams.token0: expected address"),
        ({"owners": [CHECKSUMMED, BAD_CHECKSUM]}, "MintParams.owners[1]: expected address"),
        ({"owners": CHECKSUMMED}, "MintParams.owners: expected address[], got"),
        ({"salt": "0xab"}, "MintParams.salt: expected bytes32, got '0xab': has 1 bytes"),
        ({"data": "zz"}, "MintParams.data: expected bytes"),
        ({"inner": (1,)}, "MintParams.inner: expected (int8,bytes2)"),
        ({"inners": [(1, "0x0001")]}, "MintParams.inners: expected (int8,bytes2)[2]"),
        ({"inners": [(1, "0x0001"), (2, "0x01")]}, "MintParams.inners[1].tag: expected bytes2"),
    ],
)
def test_bad_values_raise_value_error_naming_struct_and_field(
    pkg: Any, changes: dict[str, Any], message: str
) -> None:
    with pytest.raises(ValueError) as raised:
        _mint(pkg, **changes)
    assert str(raised.value).startswith(message), str(raised.value)


def test_decoding_does_not_call_the_converting_constructor(
    pkg: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    built = _mint(pkg)
    data = pkg.a.A.mint_a.encode_input(built, (1, "s"))[4:]
    monkeypatch.setattr(c, "new_struct", None)  # would fail if decoding went through it
    monkeypatch.setattr(pkg.structs._rt, "new_struct", None, raising=False)
    assert pkg.a.A.mint_a.decode_output(data) == built


def test_reprs_show_bytes_as_hex(pkg: Any) -> None:
    built = _mint(pkg)
    text = repr(built)
    assert text.startswith(f"MintParams(token0='{CHECKSUMMED}', amount=5, salt=0x{'ab' * 32}")
    assert "data=0x0102, owners=" in text and "Inner(x=1, tag=0x0102)" in text
    assert "\\x" not in text
    assert repr(pkg.structs.Plain(1, "s")) == "Plain(a=1, s='s')"
    error = pkg.a.A.BadSalt(b"\x00\x12" + bytes(30))
    assert str(error) == f"BadSalt(salt=0x0012{'00' * 30})"
    event = pkg.a.Salted(b"\x01" * 32, CHECKSUMMED, log=None)
    assert repr(event) == f"Salted(salt=0x{'01' * 32}, who='{CHECKSUMMED}')"


def test_show() -> None:
    assert show(b"") == "0x"
    assert show([b"\x01", [b"\x02"]]) == "[0x01, [0x02]]"
    assert show((b"\x01",)) == "(0x01,)"
    assert show("0x01") == "'0x01'" and show(1) == "1"


def test_binder_decides_constructor_params_and_reprs() -> None:
    module = bind(parse_abi(_abi("A")), type_name="A")
    structs = {s.class_name: s for s in module.structs}
    mint = structs["MintParams"]
    assert mint.fields_class == "_MintParamsFields" and mint.hex_repr
    assert [p.annotation for p in mint.params] == [
        "str",
        "int",
        "bytes | str",
        "bytes | str",
        "_abc.Sequence[str]",
        "Inner | tuple[int, bytes | str]",
        "_abc.Sequence[Inner | tuple[int, bytes | str]]",
    ]
    assert [f.annotation for f in mint.fields][-3:] == [
        "list[_rt.ChecksumAddress]",
        "Inner",
        "list[Inner]",
    ]
    assert structs["Inner"].fields_class == "_InnerFields" and structs["Inner"].hex_repr
    assert structs["Plain"].fields_class == "" and not structs["Plain"].hex_repr
    assert module.events[0].hex_repr
    assert "import collections.abc as _abc" in module.imports
