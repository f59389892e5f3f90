"""The method page states the accuracy figures recorded with the package."""

from __future__ import annotations

import json
from importlib import resources

from retold.markup import escape
from retold.pages.method import method_page
from retold.pipeline import build_corpus

from .conftest import SEEDS


def test_method_page_states_recorded_figures() -> None:
    recorded = json.loads(resources.files("retold").joinpath("accuracy.json").read_text(encoding="utf-8"))
    assert recorded["runs"], "run python -m retold.evaluate --record plugins/retold/accuracy.json"
    page = method_page(build_corpus(SEEDS))
    for run in recorded["runs"]:
        row = next(line for line in page.splitlines() if line.startswith(f"| {escape(run['check'])} |"))
        assert f"| {run['accuracy']:.3f} | {run['precision']:.3f} |" in row
