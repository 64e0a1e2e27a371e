"""The escaping filters every ABI/NatSpec string goes through on its way into generated code."""

from __future__ import annotations

import ast
import inspect

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from abigen.render import chunks, docstring, pyhex, pystr, pytuple

HOSTILE_LINES = [
    'three """ double quotes',
    "three ''' single quotes",
    '"""',
    "'''",
    "both ' and \"",
    "back\\slash and \\n escape-looking text",
    "trailing backslash \\",
    "\\",
    'trailing quote "',
    '"',
    "trailing single quote '",
    "a real\nnewline inside one line",
    "carriage\rreturn",
    "nul \x00 bell \x07 esc \x1b del \x7f",
    "tab\there",
    "unicode: caf\u00e9 \u2603 \U0001f600 \u202e rtl-override \u2028 line-separator",
    "lone surrogate \ud800",
    '"""; import os; os.system("x") #',
    "'''; import os; os.system('x') #",
    '\\"""',
    "{{ jinja }} {% raw %}",
    "    leading spaces",
    "",
    "after an empty line",
]


def docstring_value(literal: str, indent: int) -> str:
    """Compile `literal` as the docstring of a function nested to `indent`, return its raw value."""
    pad = " " * indent
    source = "".join(f"{' ' * level}class C{level}:\n" for level in range(0, indent, 4))
    source += f"{pad}def f():\n{pad}    {literal}\n"
    tree = ast.parse(source)
    node: ast.AST = tree
    for _ in range(indent // 4):
        (node,) = node.body  # type: ignore[attr-defined]
    (function,) = node.body  # type: ignore[attr-defined]
    assert isinstance(function, ast.FunctionDef)
    # Exactly one statement: nothing escaped the string literal.
    assert len(function.body) == 1
    value = ast.get_docstring(function, clean=False)
    assert value is not None
    compile(source, "<docstring test>", "exec", dont_inherit=True)
    return value


def spelled(line: str) -> str:
    """A line as a docstring holds it: lone surrogates (not encodable, so a module holding one
    fails to import) spelled out as their escapes, `\\ud800`."""
    return line.encode("utf-8", "backslashreplace").decode("utf-8")


def expected_value(lines: list[str], indent: int) -> str:
    """What the docstring must hold: line one by the quotes, the rest indented, then the closing pad."""
    pad = " " * (indent + 4)
    kept = [spelled(line) for line in lines]
    while kept and not kept[-1]:
        kept.pop()
    if len(kept) <= 1:
        return kept[0] if kept else ""
    rest = [pad + line if line else "" for line in kept[1:]]
    return "\n".join([kept[0], *rest]) + "\n" + pad


@pytest.mark.parametrize("line", HOSTILE_LINES)
@pytest.mark.parametrize("indent", [0, 4, 8])
def test_docstring_single_hostile_line(line: str, indent: int) -> None:
    literal = docstring([line], indent + 4)
    assert "\n" not in literal  # one input line, one source line
    value = docstring_value(literal, indent)
    assert value == spelled(line)
    value.encode("utf-8")  # no lone surrogate survives


@pytest.mark.parametrize("indent", [0, 4, 8])
def test_docstring_all_hostile_lines_together(indent: int) -> None:
    literal = docstring(HOSTILE_LINES, indent + 4)
    assert docstring_value(literal, indent) == expected_value(HOSTILE_LINES, indent)
    # Every source line is plain printable text: control characters, line separators and
    # bidi overrides are escapes, so the file's line structure is exactly what it looks like.
    assert literal.count("\n") == len(
        HOSTILE_LINES
    )  # one per line after the first, plus the closing line
    assert all(ch.isprintable() or ch == "\n" for ch in literal)


@pytest.mark.parametrize(
    "lines",
    [
        [
            "Solidity: `function transfer(address to, uint256 value) nonpayable`",
            "Selector: 0xa9059cbb",
        ],
        ['He said "hi"', "it's \\ fine", 'end with quote"'],
        ["", "first line empty"],
    ],
)
def test_docstring_reads_back_as_the_lines_through_cleandoc(lines: list[str]) -> None:
    # What help() and IDEs show (inspect.cleandoc) is exactly the input text.
    literal = docstring(lines, 8)
    assert inspect.cleandoc(docstring_value(literal, 4)) == "\n".join(lines).strip("\n")


@pytest.mark.parametrize(
    ("lines", "literal"),
    [
        ([], '""""""'),
        ([""], '""""""'),
        (["", ""], '""""""'),
        (["one"], '"""one"""'),
        (["one", "", ""], '"""one"""'),
        (["one", "two"], '"""one\n    two\n    """'),
        (["one", "", "three"], '"""one\n\n    three\n    """'),
        (['say "x"'], '"""say \\"x\\""""'),
    ],
)
def test_docstring_layout(lines: list[str], literal: str) -> None:
    assert docstring(lines, 4) == literal


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(), max_size=5))
def test_docstring_property_any_text_stays_inside_the_string(lines: list[str]) -> None:
    literal = docstring(lines, 4)
    assert docstring_value(literal, 0) == expected_value(lines, 0)


# ---- pystr / pyhex / pytuple / chunks --------------------------------------------------------


@pytest.mark.parametrize("value", [*HOSTILE_LINES, "plain", "x" * 1000])
def test_pystr_round_trips(value: str) -> None:
    literal = pystr(value)
    assert ast.literal_eval(literal) == spelled(value)
    assert "\n" not in literal
    assert isinstance(ast.parse(literal, mode="eval").body, ast.Constant)


def test_pystr_of_a_non_string_is_its_text() -> None:
    assert pystr(5) == "'5'"  # type: ignore[arg-type]


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_pystr_property(value: str) -> None:
    assert ast.literal_eval(pystr(value)) == value


@pytest.mark.parametrize(
    ("value", "literal"),
    [
        (b"", 'bytes.fromhex("")'),
        (bytes.fromhex("a9059cbb"), 'bytes.fromhex("a9059cbb")'),
        (b'"\\\n', 'bytes.fromhex("225c0a")'),
    ],
)
def test_pyhex_form(value: bytes, literal: str) -> None:
    assert pyhex(value) == literal


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=64))
def test_pyhex_round_trips(value: bytes) -> None:
    call = ast.parse(pyhex(value), mode="eval").body
    assert isinstance(call, ast.Call) and isinstance(call.args[0], ast.Constant)
    assert bytes.fromhex(call.args[0].value) == value


def test_pyhex_all_byte_values() -> None:
    value = bytes(range(256))
    assert pyhex(value) == f'bytes.fromhex("{value.hex()}")'


@pytest.mark.parametrize(
    ("items", "literal"),
    [
        ([], "()"),
        (["a"], "(a,)"),
        (["a", "b"], "(a, b)"),
        (["a", "b", "c"], "(a, b, c)"),
        ([True, False], "(True, False)"),
        ([None], "(None,)"),
        (["_c.ADDRESS", "_c.uint(256)"], "(_c.ADDRESS, _c.uint(256))"),
    ],
)
def test_pytuple_forms(items: list[object], literal: str) -> None:
    assert pytuple(items) == literal


@pytest.mark.parametrize("items", [[], [1], [1, 2], [True, None, 3]])
def test_pytuple_of_literals_evaluates_to_the_tuple(items: list[object]) -> None:
    assert ast.literal_eval(pytuple(items)) == tuple(items)


@pytest.mark.parametrize(
    ("text", "size", "parts"),
    [("", 3, []), ("abc", 3, ["abc"]), ("abcdefg", 3, ["abc", "def", "g"]), ("ab", 96, ["ab"])],
)
def test_chunks(text: str, size: int, parts: list[str]) -> None:
    assert chunks(text, size) == parts


def test_docstring_source_is_ascii_and_reads_back_unchanged() -> None:
    # NatSpec is untrusted text: confusable letters, math symbols and bidi controls would show
    # in the source as something they are not (ruff RUF002, "trojan source").
    lines = ["A \u222a B \u2265 0, na\u00efve", "\u202egnp.exe\u202c \u0430dmin"]
    literal = docstring(lines, 4)
    assert literal.isascii()
    assert inspect.cleandoc(ast.literal_eval(literal)).splitlines() == lines
