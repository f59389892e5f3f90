"""Shared fixtures: the project's seeds, and small corpora that tests write themselves."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from retold.seeds import load_seeds

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


def _seed_files() -> tuple[str, str]:
    """File names of the base seed and of the first other seed, as the manifest gives them."""
    seeds, base = load_seeds(SEEDS, [])
    return (
        next(s.path.name for s in seeds if s.meta.id == base),
        next(s.path.name for s in seeds if s.meta.id != base),
    )


BASE_FILE, OTHER_FILE = _seed_files()

MakeCorpus = Callable[[dict[str, str | bytes]], Path]


@pytest.fixture
def seeds_copy(tmp_path: Path) -> Path:
    """A private copy of the project's seeds folder that a test may edit."""
    dest = tmp_path / "seeds"
    shutil.copytree(SEEDS, dest)
    return dest


@pytest.fixture
def make_corpus(tmp_path: Path) -> MakeCorpus:
    """Write a seeds folder from {file name: text or bytes} and return its path."""

    def make(files: dict[str, str | bytes]) -> Path:
        folder = tmp_path / "corpus"
        folder.mkdir(exist_ok=True)
        for name, content in files.items():
            data = content.encode("utf-8") if isinstance(content, str) else content
            (folder / name).write_bytes(data)
        return folder

    return make
