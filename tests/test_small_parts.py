"""Small parts (issue 30): no function over 60 lines and no module over 400 lines in the
portal's own code, outside tests and migrations. A module over the limit must be a table of
data, listed below."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ["moc_portal", "programs", "plans", "reports", "navigator_sync"]
MODULE_LINES, FUNCTION_LINES = 400, 60

# Tables of data: the demo registry's organisations, programme titles and people, from seed 002.
TABLES = {"moc_portal/demo/registry_data.py"}


def measured():
    modules, functions = {}, {}
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            name = path.relative_to(ROOT).as_posix()
            text = path.read_text(encoding="utf-8")
            modules[name] = text.count("\n")
            for node in ast.walk(ast.parse(text)):
                if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                    functions[f"{name}:{node.name}"] = node.end_lineno - node.lineno + 1
    return modules, functions


def test_no_module_over_400_lines_but_tables_of_data():
    modules, _ = measured()
    long = {name for name, lines in modules.items() if lines > MODULE_LINES} - TABLES
    assert long == set(), "модули длиннее 400 строк: разделите по предметам"


def test_no_function_over_60_lines():
    _, functions = measured()
    long = {name for name, lines in functions.items() if lines > FUNCTION_LINES}
    long = {name for name in long if name.split(":")[0] not in TABLES}
    assert long == set(), "функции длиннее 60 строк: разделите на шаги"
