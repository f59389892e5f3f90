"""The optional glossary: aliases fold into one term; bad entries name their line."""

from __future__ import annotations

import pytest
from retold.errors import RetoldError
from retold.files.glossary import load_glossary
from retold.pipeline import build_corpus
from retold.render.pages.common import Pages
from retold.render.pages.entities import entities_page
from retold.text.terms import glossary_phrases, terms

from .conftest import MakeCorpus

GLOSSARY = """entities:
  - name: Moonshot AI
    kind: organisation
    aliases: [Lunar Dark Side, Moonshot]
"""


def test_aliases_fold_into_one_term(make_corpus: MakeCorpus) -> None:
    phrases = glossary_phrases(load_glossary(make_corpus({"glossary.yml": GLOSSARY})))
    assert terms("We met Lunar Dark Side's team.", phrases) == terms("We met the Moonshot AI team.", phrases)
    assert "=moonshot-ai" in terms("Moonshot released a model.", phrases)
    assert "=moonshot-ai" not in terms("We met Lunar Dark Side's team.")


def test_glossary_links_translated_names(make_corpus: MakeCorpus) -> None:
    files = {
        "a.txt": "Title of the piece\nLunar Dark Side released its newest open weights model in July. "
        "The weather was fine.\n",
        "b.txt": "Another title here\nMoonshot AI shipped open weights in July.\n",
        "seeds.yml": "base: a\nversions:\n  - file: a.txt\n    id: a\n  - file: b.txt\n    id: b\n",
        "glossary.yml": GLOSSARY,
    }
    corpus = build_corpus(make_corpus(files))
    group = next(g for g in corpus.groups if any(r.version == "b" for r in g.renderings))
    assert any("Lunar Dark Side" in r.text for r in group.renderings)
    assert "=moonshot-ai" in next(r for r in group.renderings if r.version == "b").shared_terms


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("entities:\n  - kind: person\n", 2, "no 'name'"),
        ("entities:\n  - name: X\n    kind: planet\n", 2, "kind 'planet'"),
        ("entities:\n  - name: X\n    colour: red\n", 3, "unknown key 'colour'"),
        ("entities:\n  - name: X\n  - name: Y\n    aliases: [x]\n", 3, "already used on line 2"),
        ("entities:\n  - name: X\n    aliases: Y\n", 3, "must be a list"),
        ("entities: [\n", 2, "not valid YAML"),
    ],
)
def test_glossary_errors_name_the_line(make_corpus: MakeCorpus, text: str, line: int, words: str) -> None:
    with pytest.raises(RetoldError) as info:
        load_glossary(make_corpus({"glossary.yml": text}))
    assert "glossary.yml" in str(info.value) and words in str(info.value)
    assert info.value.line == line


def test_entity_mentions_are_where_matching_sees_the_name(make_corpus: MakeCorpus) -> None:
    """The entity index lists a claim under an entity exactly when matching folds one of its
    names in the wording into the entity's term: a possessive, a curly apostrophe or a full
    stop after the name (real shapes from the seeds) do not hide it, and the index asks the
    analyse stage which renderings name what instead of searching the text again."""
    files = {
        "a.txt": "Title of the piece\nOver the next 36 hours, we visited Zhipu AI, Lunar Dark Side, "
        "Tsinghua University, Meituan, Xiaomi, and 01.ai.\n",
        "b.txt": "Another title here\nLambert visited major Chinese AI labs, including Zhipu AI, "
        "Lunar Dark Side’s offices, Meituan and Xiaomi.\n",
        "seeds.yml": "base: a\nversions:\n  - file: a.txt\n    id: a\n  - file: b.txt\n    id: b\n",
        "glossary.yml": GLOSSARY + "  - name: Xiaomi\n    kind: organisation\n",
    }
    corpus = build_corpus(make_corpus(files))
    phrases = glossary_phrases(corpus.glossary)
    b = next(r for g in corpus.groups for r in g.renderings if r.version == "b")
    assert b.names == ("=moonshot-ai", "=xiaomi")
    for g in corpus.groups:
        for r in g.renderings:
            assert set(r.names) == {t for t in terms(r.text, phrases) if t in {"=moonshot-ai", "=xiaomi"}}
    index = entities_page(Pages(corpus))
    moonshot = index.split("## Xiaomi")[0]
    assert moonshot.count("claims/") == 2, "both versions' claims under Moonshot AI"
