"""The MkDocs plugin in process, on a config that MkDocs itself loaded and validated."""

from __future__ import annotations

import logging
import os
import shutil
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files, get_files
from retold import cli
from retold.config import THEME
from retold.files.lock import LOCK
from retold.plugin import GeneratedFile, RetoldPlugin

from .sitekit import ROOT, write_config


def _load(seeds: Path, dest: Path) -> tuple[MkDocsConfig, RetoldPlugin]:
    cfg = write_config(seeds, dest)
    relative = os.path.relpath(seeds, cfg.parent)  # as a project would write it in mkdocs.yml
    cfg.write_text(cfg.read_text(encoding="utf-8").replace(str(seeds), relative), encoding="utf-8")
    config = load_config(str(cfg))
    plugin = config.plugins["retold"]
    assert isinstance(plugin, RetoldPlugin)
    return config, plugin


def test_seeds_option_is_resolved_against_mkdocs_yml(seeds_copy: Path, tmp_path: Path) -> None:
    config, plugin = _load(seeds_copy, tmp_path / "project")
    assert Path(plugin.config.seeds) == seeds_copy
    config.plugins.on_startup(command="build", dirty=False)
    config = config.plugins.on_config(config)
    assert config.theme.dirs[0] == str(THEME)
    assert config.nav[0] == {"Home": "index.md"}
    files = config.plugins.on_files(Files([]), config=config)
    claims = [f for f in files if f.src_uri.startswith("claims/")]
    assert claims and all(isinstance(f, GeneratedFile) and f.is_modified() for f in claims)


def test_lock_is_written_at_shutdown_of_a_build_that_finished(seeds_copy: Path, tmp_path: Path) -> None:
    (seeds_copy / "zz-new.txt").write_text("A new retelling\n\nZebracorns graze in the valley.\n", encoding="utf-8")
    before = (seeds_copy / LOCK).read_bytes()
    for outcome in ("failed", "done"):
        config, plugin = _load(seeds_copy, tmp_path / outcome)
        plugin.on_startup(command="build", dirty=False)
        plugin.on_config(config)
        plugin.on_post_build(config=config)
        if outcome == "failed":  # as MkDocs reports a strict build's warnings: after on_post_build
            plugin.on_build_error(error=PluginError("warnings in strict mode"))
        plugin.on_shutdown()
        changed = (seeds_copy / LOCK).read_bytes() != before
        assert changed is (outcome == "done")
    assert "zebracorns" in (seeds_copy / LOCK).read_text(encoding="utf-8").lower()


def test_bad_seeds_stop_the_build_with_the_file_named(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "seeds.yml").write_text("versions: 3\n", encoding="utf-8")
    config, plugin = _load(seeds, tmp_path / "project")
    plugin.on_startup(command="build", dirty=False)
    with pytest.raises(PluginError, match=r"seeds\.yml:1: 'versions' must be a list"):
        plugin.on_config(config)


def _built_then_removed(seeds: Path, docs: Path) -> None:
    """`python build.py` writes a seeds folder with one more seed into `docs`; then that seed goes."""
    new = seeds / "zz-new.txt"
    new.write_text("A new retelling\n\nZebracorns graze in the valley.\n", encoding="utf-8")
    assert cli.main(["--seeds", str(seeds), "--out", str(docs), "--frozen"]) == 0
    new.unlink()


def test_a_strict_build_leaves_out_pages_build_py_wrote_for_a_removed_seed(
    seeds_copy: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    docs = tmp_path / "docs"
    shutil.copytree(ROOT / "docs" / "assets", docs / "assets")
    _built_then_removed(seeds_copy, docs)
    stale_pages = [
        p.relative_to(docs).as_posix() for p in docs.rglob("*.md") if "zz-new" in p.name or "zebracorns" in p.name
    ]
    assert {"versions/zz-new.md", "fidelity/zz-new.md", "compare/zz-new.md"} <= set(stale_pages)
    config, plugin = _load(seeds_copy, tmp_path / "project")
    config["docs_dir"] = str(docs)
    config["strict"] = True
    plugin.on_startup(command="build", dirty=False)
    with caplog.at_level(logging.INFO):
        build(config)  # strict: raises on any warning
    site = Path(config.site_dir)
    assert (site / "versions" / "index.html").is_file()
    assert not any("zz-new" in p.as_posix() or "zebracorns" in p.as_posix() for p in site.rglob("*"))
    assert "Zebracorns" not in (site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert all((docs / rel).is_file() for rel in stale_pages)  # left out, never deleted
    notes = [r.getMessage() for r in caplog.records if "left out of the site" in r.getMessage()]
    assert len(notes) == 1 and "versions/zz-new.md" in notes[0] and f"{len(stale_pages)} files" in notes[0]
    assert all(r.levelno == logging.INFO for r in caplog.records if "left out" in r.getMessage())


def test_a_listed_file_changed_since_build_py_wrote_it_stays_in_the_site(seeds_copy: Path, tmp_path: Path) -> None:
    """Someone edited it after build.py wrote it: it is theirs now, published as any page in docs/."""
    docs = tmp_path / "docs"
    _built_then_removed(seeds_copy, docs)
    edited = docs / "versions" / "zz-new.md"
    edited.write_text(edited.read_text(encoding="utf-8") + "\nKept by hand.\n", encoding="utf-8")
    config, _ = _load(seeds_copy, tmp_path / "project")
    config["docs_dir"] = str(docs)
    config.plugins.on_startup(command="build", dirty=False)
    config = config.plugins.on_config(config)
    uris = {f.src_uri for f in config.plugins.on_files(get_files(config), config=config)}
    assert "versions/zz-new.md" in uris and "compare/zz-new.md" not in uris
