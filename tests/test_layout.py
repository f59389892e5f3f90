"""The package's layout: one folder per stage, each saying what it holds; stages import only
stages before them; the README's stage table is the one the code gives.

    python -m tests.test_layout     # prints the table for the README
"""

from __future__ import annotations

import ast
import importlib.util
import pkgutil
import re
from pathlib import Path

import retold

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = Path(retold.__file__).parent
STAGES = ("text", "files", "match", "analyse", "render", "quality")
"""The stage folders in import order: each may import the ones before it. `text/` comes first:
it is pure (strings in, words and ids out), and `files/` checks what it reads with it (a
glossary's names are its words; ids are its slugs). Data then flows files, text, match, ..."""
SHARED = ("retold", "retold.model", "retold.errors", "retold.config", "retold.cache", "retold.progress")
"""Top-level modules any stage may import; the others (pipeline, cli, plugin) run the stages."""


def _summary(path: Path) -> str:
    doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or ""
    return doc.partition("\n")[0]


def stage_table() -> str:
    """The README's table: each stage folder with the first line of its docstring and its
    modules, then the top-level modules with the first line of theirs."""
    rows = ["| where | what it holds | modules |", "|---|---|---|"]
    for stage in STAGES:
        folder = PACKAGE / stage
        modules = sorted(p.name for p in folder.iterdir() if p.suffix == ".py" and p.name != "__init__.py")
        modules += sorted(f"{p.name}/" for p in folder.iterdir() if (p / "__init__.py").is_file())
        names = ", ".join(f"`{m}`" for m in modules)
        rows.append(f"| `{stage}/` | {_summary(folder / '__init__.py')} | {names} |")
    for path in sorted(PACKAGE.glob("*.py")):
        if path.name != "__init__.py":
            rows.append(f"| `{path.name}` | {_summary(path)} | |")
    return "\n".join(rows)


def test_every_module_is_in_a_stage_folder_or_at_the_top() -> None:
    folders = {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").is_file()}
    assert folders == set(STAGES)
    for stage in STAGES:
        assert _summary(PACKAGE / stage / "__init__.py"), f"{stage}/__init__.py says what the folder holds"


def test_readme_stage_table_is_the_one_the_code_gives() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    found = re.search(r"<!-- stages -->\n(.*?)\n<!-- /stages -->", readme, re.S)
    assert found, "README.md has no <!-- stages --> table"
    assert found.group(1) == stage_table(), "run python -m tests.test_layout and paste its table into README.md"


def _stage(name: str) -> int | None:
    parts = name.split(".")
    return STAGES.index(parts[1]) if len(parts) > 1 and parts[1] in STAGES else None


def test_stages_import_only_earlier_stages() -> None:
    """Data flows one way: a stage imports the shared top-level modules and stages before it
    (quality, which measures whole builds, may also run the pipeline); render never tokenises."""
    for info in pkgutil.walk_packages(retold.__path__, "retold."):
        here = _stage(info.name)
        if here is None:
            continue
        spec = importlib.util.find_spec(info.name)
        assert spec is not None and spec.origin is not None
        tree = ast.parse(Path(spec.origin).read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("retold"):
                target = node.module
                there = _stage(target)
                if there is None:
                    allowed = target in SHARED or (STAGES[here] == "quality" and target == "retold.pipeline")
                    assert allowed, f"{info.name} imports {target}"
                else:
                    assert there <= here, f"{info.name} imports {target}, a later stage"
                if STAGES[here] == "render":
                    assert there != STAGES.index("text"), f"{info.name} tokenises ({target})"


if __name__ == "__main__":
    print(stage_table())
