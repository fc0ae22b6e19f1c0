"""The package's layout follows the data: each folder imports only those before it in the flow.

Every import counts, also one inside a function (a lazy import is still a dependency); only imports under
``if TYPE_CHECKING:`` do not, as they never run.
"""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "ingest"
# The flow, in order. A module may import its own stage and the stages before it.
SHARED = {"version", "models", "columns", "schema", "errors", "normalise", "names", "child", "collector"}
FLOW = ["shared", "sources", "store", "identity", "reports", "entry"]
ENTRY_POINTS = {"__init__", "frames", "pipeline", "forget", "tasks", "review_terminal", "cli", "demo"}


def stage(module: str) -> str:
    first = module.split(".")[1] if "." in module else "__init__"
    if first in SHARED:
        return "shared"
    if first in ENTRY_POINTS:
        return "entry"
    return first


def module_name(path: Path) -> str:
    parts = ["ingest", *path.relative_to(PACKAGE).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _type_checking(node: ast.AST) -> bool:
    return isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)


def imports(module: str) -> set[str]:
    """The package's modules this module imports, wherever in it the import stands."""
    path = MODULES[module]
    package = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
    found, todo = set(), [ast.parse(path.read_text(encoding="utf-8"))]
    while todo:
        node = todo.pop()
        if _type_checking(node):
            todo.extend(node.orelse)
            continue
        todo.extend(ast.iter_child_nodes(node))
        if isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package[: len(package) - node.level + 1] + ([base] if base else []))
            for alias in node.names:
                found.add(f"{base}.{alias.name}" if f"{base}.{alias.name}" in MODULES else base)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return {name for name in found if name in MODULES and name != module}


GRAPH = {module: imports(module) for module in MODULES}


def test_the_stages_are_those_of_the_flow():
    """A new top-level module or folder must be placed in the flow (here and in the README) on purpose."""
    assert {stage(m) for m in MODULES} == set(FLOW)


@pytest.mark.parametrize("module", sorted(m for m in MODULES if stage(m) != "entry"))
def test_a_module_imports_nothing_later_in_the_flow(module):
    later = sorted(t for t in GRAPH[module] if FLOW.index(stage(t)) > FLOW.index(stage(module)))
    assert later == [], f"{module} ({stage(module)}) imports {later}, later in the flow"


def test_the_steps_call_no_front_end():
    """pipeline holds the steps; the command line and the Airflow tasks call them, and no entry point imports
    either front end (the other entry points are imported by nothing in the library: the test above)."""
    for module, targets in GRAPH.items():
        if stage(module) != "entry":
            continue
        assert not targets & {"ingest.cli", "ingest.tasks"}, module


def test_no_import_cycle_anywhere():
    state: dict[str, int] = {}
    path: list[str] = []

    def visit(module: str) -> None:
        state[module] = 1
        path.append(module)
        for target in sorted(GRAPH[module]):
            if state.get(target) == 1:
                cycle = path[path.index(target):] + [target]
                pytest.fail("import cycle: " + " -> ".join(cycle))
            if target not in state:
                visit(target)
        path.pop()
        state[module] = 2

    for module in sorted(MODULES):
        if module not in state:
            visit(module)
