"""The caching app is a shared mechanism: it imports no feature app. Features plug into
it (cache tags, what a change purges) through its hooks and helpers, never the other way
round (docs/architecture.md)."""

import ast
from pathlib import Path

import newsdesk.caching

CACHING = Path(newsdesk.caching.__file__).parent
# What the caching app may import from the project: the settings helper of core.
ALLOWED = {"newsdesk.caching", "newsdesk.core.conf"}


def imported_modules(source):
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.module


def project_imports(path):
    return {
        module
        for module in imported_modules(path.read_text())
        if module.split(".")[0] == "newsdesk"
        and not any(module == allowed or module.startswith(allowed + ".") for allowed in ALLOWED)
    }


def test_nothing_under_caching_imports_a_feature_app():
    offenders = {
        str(path.relative_to(CACHING)): sorted(project_imports(path))
        for path in CACHING.rglob("*.py")
        if "tests" not in path.relative_to(CACHING).parts and project_imports(path)
    }
    assert offenders == {}


def test_the_scan_finds_an_import_of_a_feature(tmp_path):
    module = tmp_path / "bad.py"
    module.write_text(
        "import newsdesk.news.models\n"
        "from newsdesk.feeds import views\n"
        "def f():\n    from newsdesk.live.models import LiveChannel\n"
        "from newsdesk.core.conf import AppSettings\n"
        "from .store import page_store\n"
    )
    assert project_imports(module) == {
        "newsdesk.news.models",
        "newsdesk.feeds",
        "newsdesk.live.models",
    }
