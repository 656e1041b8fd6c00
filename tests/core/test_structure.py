"""The house rules of the code's layout, read from the imports themselves: each campaign stands
alone, data flows one way (views → forms, selectors, services → models), no app's modules
import each other in a circle, and imports sit at the top of modules."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
APPS = ["portal", "academy", "brand", "community", "campaigns"]


def _modules() -> dict[str, Path]:
    modules = {}
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            modules[".".join(parts)] = path
    return modules


MODULES = _modules()


def _imported(name: str, path: Path) -> list[tuple[str, ast.AST]]:
    """Every project module `name` imports, with the import statement."""
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            # `from package import module` imports the module, `from module import name` not.
            targets = [f"{base}.{alias.name}" for alias in node.names] + [base]
        else:
            continue
        found.extend((target, node) for target in targets if target in MODULES)
    return found


IMPORTS = {name: _imported(name, path) for name, path in MODULES.items()}


def _imports_of(name: str) -> set[str]:
    return {target for target, _node in IMPORTS[name] if target != name}


def test_neither_campaign_imports_the_other():
    crossing = [
        (name, target)
        for name in MODULES
        for target in _imports_of(name)
        for own, other in (("cooperation_day", "slam"), ("slam", "cooperation_day"))
        if name.startswith(f"campaigns.{own}") and target.startswith(f"campaigns.{other}")
    ]
    assert crossing == []


@pytest.mark.parametrize(
    ("lower", "upper"),
    [
        ("selectors", "forms"),
        ("services", "forms"),
        ("forms", "services"),
        ("models", "selectors"),
        ("models", "services"),
        ("models", "forms"),
        ("models", "views"),
        ("models", "page_views"),
    ],
)
def test_data_flows_one_way(lower, upper):
    def layer(name: str) -> str:
        parts = name.split(".")
        return "models" if "models" in parts else parts[-1]

    backwards = [
        (name, target)
        for name in MODULES
        if layer(name) == lower
        for target in _imports_of(name)
        if layer(target) == upper
    ]
    assert backwards == []


def _app_of(name: str) -> str:
    parts = name.split(".")
    return ".".join(parts[:2]) if parts[0] in {"portal", "campaigns"} else parts[0]


def test_no_app_imports_its_own_modules_in_a_circle():
    graph = {
        name: {
            target
            for target in _imports_of(name)
            if _app_of(target) == _app_of(name) and not name.startswith(target + ".")
        }
        for name in MODULES
    }
    circles = []
    state: dict[str, str] = {}

    def visit(name: str, trail: list[str]) -> None:
        state[name] = "open"
        for target in sorted(graph[name]):
            if state.get(target) == "open":
                circles.append([*trail[trail.index(target) :], target])
            elif target not in state:
                visit(target, [*trail, target])
        state[name] = "done"

    for name in sorted(graph):
        if name not in state:
            visit(name, [name])
    assert circles == []


def test_imports_sit_at_the_top_except_where_app_loading_needs_them():
    inside = []
    for path in MODULES.values():
        for node in ast.walk(ast.parse(path.read_text())):
            if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            if path.name == "apps.py" and node.name == "ready":
                continue  # Django imports signal and registry modules once the apps are ready
            inside.extend(
                f"{path.relative_to(ROOT)}:{sub.lineno}"
                for sub in ast.walk(node)
                if isinstance(sub, (ast.Import, ast.ImportFrom))
            )
    assert inside == []
