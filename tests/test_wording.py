"""Word-level diffs against the base wording, and their markup on claim pages."""

from __future__ import annotations

import re

from retold.analyse.wording import word_diff
from retold.model import Entity, EntityKind, Glossary, Op, Piece
from retold.pipeline import build_corpus
from retold.render.markup import diff_markup
from retold.text.terms import glossary_phrases

from .conftest import MakeCorpus


def _own_text(pieces: tuple[Piece, ...]) -> str:
    return "".join(p.text for p in pieces if p.op is not Op.DEL)


def test_insertions_and_removals_are_found_and_the_text_is_kept_whole() -> None:
    here = "Chinese labs grow fast, analysts say."
    pieces = word_diff(here, "Chinese labs grow very fast.")
    assert _own_text(pieces) == here
    assert [p.text.strip() for p in pieces if p.op is Op.DEL] == ["very"]
    assert [p.text for p in pieces if p.op is Op.INS] == ["analysts say"]


def test_what_only_the_stemmer_knows_is_the_same_is_not_marked() -> None:
    pieces = word_diff("American laboratories are training models.", "US labs trained a model.")
    assert {p.text.strip() for p in pieces if p.op is not Op.SAME} == {"are", "a"}


def test_what_only_the_glossary_knows_is_the_same_is_not_marked() -> None:
    phrases = glossary_phrases(Glossary((Entity("Moonshot AI", EntityKind.ORGANISATION, ("Lunar Dark Side",)),)))
    here, base = "Lunar Dark Side released Kimi.", "Moonshot AI released Kimi."
    assert word_diff(here, base, phrases) == (Piece(Op.SAME, here),)
    assert any(p.op is Op.DEL for p in word_diff(here, base))  # without the glossary they differ


def test_removed_words_stand_apart_from_their_neighbours() -> None:
    assert diff_markup(word_diff("A model won.", "A model won big prizes.")) == "A model won <del>big prizes</del>&#46;"
    assert diff_markup(word_diff("Labs won.", "Big labs won.")) == "<del>Big</del> Labs won&#46;"


def test_seed_text_in_a_diff_stays_text() -> None:
    html = diff_markup(word_diff("They wrote <script>alert(1)</script> here.", "They wrote here."))
    assert re.findall(r"<(/?[a-z]+)", html) == ["ins", "/ins"]  # the only tags are the diff's own
    assert "&#60;" in html


def test_the_analyse_stage_gives_every_wording_its_diff_against_the_base(make_corpus: MakeCorpus) -> None:
    """Pages render `Rendering.diff`; the glossary alignment used decides it, not a stemmer in render."""
    seeds = make_corpus(
        {
            "seeds.yml": "base: orig\nversions:\n  - file: a.txt\n    id: orig\n  - file: b.txt\n    id: other\n",
            "glossary.yml": "entities:\n  - name: Moonshot AI\n    aliases: [Lunar Dark Side]\n",
            "a.txt": "Moonshot AI released a new model in Beijing last week.\n\nInvestors welcomed the launch.\n",
            "b.txt": "Lunar Dark Side released a new model in Beijing last week.\n\nInvestors cheered the launch.\n",
        }
    )
    corpus = build_corpus(seeds)
    renderings = {r.text: r for g in corpus.groups for r in g.renderings}
    assert all(not r.diff for r in renderings.values() if r.version == "orig")
    alias = renderings["Lunar Dark Side released a new model in Beijing last week."]
    assert alias.diff == (Piece(Op.SAME, alias.text),)  # the alias is the same name
    cheered = renderings["Investors cheered the launch."]
    assert "".join(p.text for p in cheered.diff if p.op is not Op.DEL) == cheered.text
    assert [p.text for p in cheered.diff if p.op is Op.INS] == ["cheered"]
    assert "launch" in cheered.shared_words
