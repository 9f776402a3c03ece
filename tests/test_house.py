"""The tests' own house: fixtures live in ``conftest.py`` files and pytest hands them out;
what a test imports (helpers, factories) lives in modules of its own. No module imports a
``conftest``."""

import ast
from pathlib import Path

TESTS = Path(__file__).resolve().parent


def conftest_imports(source: str) -> list[str]:
    """The imports in ``source`` that take a ``conftest`` module or something out of one."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            modules = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = "." * node.level + (node.module or "")
            modules = [base] + [f"{base}.{alias.name}" for alias in node.names]
        else:
            continue
        found += [name for name in modules if "conftest" in name.split(".")]
    return found


def test_the_check_sees_every_way_of_importing_a_conftest():
    assert conftest_imports("from tests.conftest import staff")
    assert conftest_imports("from .conftest import upload")
    assert conftest_imports("from ..conftest import upload")
    assert conftest_imports("from . import conftest")
    assert conftest_imports("from tests.e2e import conftest")
    assert conftest_imports("import conftest")
    assert conftest_imports("import tests.conftest as fixtures")
    assert not conftest_imports("from tests.helpers import login\nimport pytest")


def test_no_module_of_the_tests_imports_from_a_conftest():
    importing = {
        path.relative_to(TESTS).as_posix(): found
        for path in TESTS.rglob("*.py")
        if (found := conftest_imports(path.read_text(encoding="utf-8")))
    }
    assert importing == {}, "фикстуры берут параметром, общее — из helpers.py и factories.py"
