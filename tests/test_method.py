"""The method page states the accuracy figures recorded with the package."""

from __future__ import annotations

import json
from importlib import resources

from retold.pipeline import build_corpus
from retold.render.markup import escape
from retold.render.pages import render_site
from retold.render.pages.method import method_page, row_label

from .conftest import SEEDS


def test_method_page_states_recorded_figures() -> None:
    recorded = json.loads(resources.files("retold.quality").joinpath("accuracy.json").read_text(encoding="utf-8"))
    assert recorded["runs"], "run python -m retold.quality.evaluate --record plugins/retold/quality/accuracy.json"
    page = method_page(build_corpus(SEEDS))
    for run in recorded["runs"]:
        label, stories = row_label(run), run.get("stories", [])
        row = next(line for line in page.splitlines() if line.startswith(f"| {escape(label)} |"))
        assert f"| {run['accuracy']:.3f} | {run['precision']:.3f} |" in row
        if stories:  # the stories a row pools are named below the table
            assert f"- {escape(label)}: {escape(', '.join(stories))}." in page


def test_added_and_dropped_lists_say_how_often_they_are_right() -> None:
    """A reader of a "dropped" or "added" list is told how reliable it is, from the figures
    recorded on stories the matcher was not tuned on."""
    recorded = json.loads(resources.files("retold.quality").joinpath("accuracy.json").read_text(encoding="utf-8"))
    held_out = next(r for r in recorded["runs"] if r["check"].startswith("stories held out"))
    site = render_site(build_corpus(SEEDS)).files
    dropped, added = site["lists/dropped.md"], site["lists/added.md"]
    assert f"About {round(held_out['not_found_precision'] * 10)} in 10 base claims listed as not found" in dropped
    assert f"perhaps reworded, about {round(held_out['unsure_precision'] * 10)} in 10 are there" in dropped
    assert f"About {round(held_out['nothing_close_precision'] * 10)} in 10 claims listed with nothing close" in added
    assert f"rewording a base claim, about {round(held_out['rewords_precision'] * 10)} in 10 do" in added
