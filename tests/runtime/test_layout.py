"""The runtime's shape: an acyclic import graph inside abigen.runtime, and one export table.

Read with `ast`, never imported: every import counts, at the top, under `if TYPE_CHECKING:`
and inside functions, so a cycle cannot hide behind a lazy import.
"""

from __future__ import annotations

import ast
from pathlib import Path

from abigen.runtime.exports import USER_API

ROOT = Path(__file__).resolve().parents[2]
RUNTIME = ROOT / "abigen" / "runtime"


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules() -> dict[str, Path]:
    return {_module_name(path): path for path in sorted(RUNTIME.rglob("*.py"))}


def _imports(path: Path, known: set[str]) -> set[str]:
    """Every abigen module `path` imports, anywhere in the file."""
    package = _module_name(path)
    if path.name != "__init__.py":
        package = package.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{anchor}.{base}" if base else anchor
            for alias in node.names:  # `from abigen.runtime import codec` imports a module
                submodule = f"{base}.{alias.name}"
                found.add(submodule if submodule in known else base)
    return {name for name in found if name == "abigen" or name.startswith("abigen.")}


def _graph() -> dict[str, set[str]]:
    modules = _modules()
    known = set(modules)
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        # A package's __init__ is imported with every submodule: an edge to it is no edge.
        graph[name] = {target for target in _imports(path, known) if target != "abigen.runtime"}
    return graph


def test_the_runtime_imports_nothing_of_abigen_outside_it() -> None:
    outside = {
        (module, target)
        for module, targets in _graph().items()
        for target in targets
        if not (target == "abigen.runtime" or target.startswith("abigen.runtime."))
    }
    assert outside == set()


def test_the_runtime_import_graph_has_no_cycle() -> None:
    graph = _graph()
    assert "abigen.runtime.generated" in graph and "abigen.runtime.codec" in graph
    state: dict[str, str] = {}
    path: list[str] = []

    def visit(module: str) -> None:
        state[module] = "open"
        path.append(module)
        for target in sorted(graph.get(module, ())):
            if state.get(target) == "open":
                cycle = [*path[path.index(target) :], target]
                raise AssertionError("import cycle: " + " -> ".join(cycle))
            if target not in state:
                visit(target)
        path.pop()
        state[module] = "done"

    for module in sorted(graph):
        if module not in state:
            visit(module)


def _type_checking_names(path: Path) -> dict[str, str]:
    """{name: home module} imported under `if TYPE_CHECKING:` at the top of a module."""
    names: dict[str, str] = {}
    for node in ast.parse(path.read_text()).body:
        if isinstance(node, ast.If) and ast.unparse(node.test) == "TYPE_CHECKING":
            for statement in node.body:
                if isinstance(statement, ast.ImportFrom) and statement.module:
                    home = statement.module.removeprefix("abigen.runtime.")
                    names.update({alias.asname or alias.name: home for alias in statement.names})
    return names


def _dunder_all(path: Path) -> list[str]:
    for node in ast.parse(path.read_text()).body:
        if isinstance(node, ast.Assign) and ast.unparse(node.targets[0]) == "__all__":
            return list(ast.literal_eval(node.value))
    raise AssertionError(f"{path} has no __all__")


def test_runtime_exports_agree_with_the_table() -> None:
    init = RUNTIME / "__init__.py"
    assert _type_checking_names(init) == USER_API
    assert _dunder_all(init) == sorted(USER_API)


def test_abigen_exports_the_runtime_user_api() -> None:
    names = _type_checking_names(ROOT / "abigen" / "__init__.py")
    assert names == {"*": "abigen.runtime", "__all__": "abigen.runtime"}
    import abigen
    import abigen.runtime

    assert abigen.__all__ == abigen.runtime.__all__ == sorted(USER_API)
    for name, home in USER_API.items():
        module = __import__(f"abigen.runtime.{home}", fromlist=[name])
        assert getattr(abigen, name) is getattr(abigen.runtime, name) is getattr(module, name)


def test_generated_code_api_is_one_module_apart_from_the_user_api() -> None:
    from abigen.runtime import generated

    assert generated.__doc__ is not None and "not a user API" in generated.__doc__
    assert not {"single", "function", "registry", "deploy_code", "EventQuery"} & set(USER_API)
    assert {"single", "function", "deploy", "new_struct", "tuple_repr"} <= set(generated.__all__)
