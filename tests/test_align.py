"""Alignment on small corpora with known answers: reordered, summarised-by-dropping, added."""

from __future__ import annotations

import math
import random
from pathlib import Path

from retold.match.align import Params, Postings, TermIndex
from retold.model import Corpus, Sentence
from retold.pipeline import build_corpus
from retold.text.sentences import split_spans

from .conftest import BASE_FILE, SEEDS, MakeCorpus

MANIFEST = "base: full\nversions:\n  - file: a.txt\n    id: full\n  - file: b.txt\n    id: other\n"


def _base_sentences() -> list[str]:
    text = (SEEDS / BASE_FILE).read_text(encoding="utf-8")
    body = text[text.index("\nThe Mindset") :]
    paragraph = [ln for ln in body.splitlines() if len(ln) > 300][2]
    spans = split_spans(paragraph, 0, len(paragraph))
    return [paragraph[a:b] for a, b in spans]


def _linked(corpus: Corpus, other: str) -> dict[str, set[str]]:
    """Text of each sentence of `other` -> texts of the base sentences it shares a group with."""
    out: dict[str, set[str]] = {}
    for g in corpus.groups:
        base = [r.text for r in g.renderings if r.version == corpus.base]
        for r in g.renderings:
            if r.version == other:
                out.setdefault(r.text, set()).update(base)
    return out


def _paragraphs(sentences: list[str]) -> str:
    return "\n".join(" ".join(sentences[i : i + 2]) for i in range(0, len(sentences), 2)) + "\n"


def test_shuffled_copy_links_every_sentence_to_itself(make_corpus: MakeCorpus) -> None:
    sentences = [*_base_sentences(), "Students from many universities join the labs as interns."]
    shuffled = sentences[:]
    random.Random(7).shuffle(shuffled)
    folder = make_corpus({"a.txt": _paragraphs(sentences), "b.txt": _paragraphs(shuffled), "seeds.yml": MANIFEST})
    linked = _linked(build_corpus(folder), "other")
    for s in sentences:
        assert s in linked.get(s, set()), s


def test_summary_by_dropping_leaves_dropped_claims_unmatched(make_corpus: MakeCorpus) -> None:
    sentences = _base_sentences()
    kept = sentences[::2]
    folder = make_corpus({"a.txt": _paragraphs(sentences), "b.txt": _paragraphs(kept), "seeds.yml": MANIFEST})
    corpus = build_corpus(folder)
    linked = _linked(corpus, "other")
    assert all(s in linked[s] for s in kept)
    carried = {t for targets in linked.values() for t in targets}
    dropped = set(sentences) - set(kept)
    assert len(dropped & carried) <= len(dropped) // 3


def test_added_sentence_forms_its_own_group(make_corpus: MakeCorpus) -> None:
    sentences = _base_sentences()
    added = "Separately, the outlet notes that a football club signed a new goalkeeper on Tuesday."
    folder = make_corpus(
        {
            "a.txt": _paragraphs(sentences),
            "b.txt": _paragraphs([*sentences[:3], added, *sentences[3:]]),
            "seeds.yml": MANIFEST,
        }
    )
    corpus = build_corpus(folder)
    groups = [g for g in corpus.groups if any(r.text == added for r in g.renderings)]
    assert len(groups) == 1 and groups[0].versions == ("other",)


def test_every_group_with_two_versions_links_real_matches() -> None:
    corpus = build_corpus(SEEDS)
    for g in corpus.groups:
        assert g.renderings, g.id
        assert all(0.0 <= r.score <= 1.0 for r in g.renderings)
    ids = [g.id for g in corpus.groups]
    assert len(ids) == len(set(ids))


def test_a_sentence_the_base_splits_in_two_links_both_halves(make_corpus: MakeCorpus) -> None:
    """A translation splits one sentence of the original in two; the half that follows shares few
    words with the whole, yet carries the rest of its claim (real sentences: Lambert's essay and the
    translation in tests/data/stories/translation)."""
    base = (
        "The labs are quite young, and it reminds me of our setup at Ai2. "
        "This is very different from top labs in the US. "
        "In the US, companies like OpenAI, Anthropic, and Cursor don't offer internships at all. "
        "Other companies like Google may nominally offer internships related to Gemini, but many people worry "
        "that their internships might be isolated from the truly core work.\n"
    )
    other = (
        "This is incredibly different from the top labs in the US, where the likes of OpenAI, Anthropic, "
        "Cursor, etc. simply don't offer internships.\n"
    )
    corpus = build_corpus(make_corpus({"a.txt": base, "b.txt": other, "seeds.yml": MANIFEST}))
    assert _linked(corpus, "other") == {
        other.strip(): {
            "This is very different from top labs in the US.",
            "In the US, companies like OpenAI, Anthropic, and Cursor don't offer internships at all.",
        }
    }


def test_summary_sentences_link_the_neighbouring_claims_they_merge() -> None:
    """A summary or rewrite sentence that carries two neighbouring base claims links both, although
    the second shares only a few words with it (the project's seeds; gold-001 and gold-002 link each
    of these sentences to both base sentences)."""
    corpus = build_corpus(SEEDS)
    linked = _linked(corpus, "gigazine") | _linked(corpus, "sectioned-rewrite")
    merged = {
        "Chinese companies have a strong 'build-not-buy' culture": {
            "Therefore, in many cases, it's better to build the environment or data in-house.",
            "Researchers spend a significant amount of time creating reinforcement learning training "
            "environments themselves, while larger companies like ByteDance and Alibaba can have in-house "
            "data annotation teams to support this.",
        },
        "Although Claude is nominally banned in China": {
            "Second, most developers are heavily influenced by Claude.",
            "Despite Claude being nominally banned in China, most AI developers in China are fascinated by it "
            "and how it has changed the way they build software.",
        },
    }
    for start, claims in merged.items():
        (sentence,) = [text for text in linked if text.startswith(start)]
        assert linked[sentence] >= claims, sentence


def _pool(texts: list[tuple[str, str]], budget: int) -> Postings:
    """A look-up pool over `(version, text)` sentences, added in order."""
    sentences = [Sentence(f"{v}-{n}", v, n, 0, 0, text, 0, 0) for n, (v, text) in enumerate(texts)]
    pool = Postings(TermIndex(sentences), budget=budget)
    for s in sentences:
        pool.add(s)
    return pool


def test_a_look_up_never_visits_more_postings_than_its_budget() -> None:
    """One term shared by many sentences (a big seed's common word) is visited only up to the
    budget: visiting whole lists made grouping a big seed grow with its square."""
    pool = _pool([*(("a", f"Harbour cranes lifted crate {n}.") for n in range(50)), ("b", "Cranes idle.")], budget=10)
    assert len(pool.top("b-50", limit=100, skip_version="b")) == 10


def test_a_look_up_skips_its_own_version_without_spending_the_budget() -> None:
    """The asking version's own sentences are never candidates, so they must not use up the
    budget before the other versions' sentences are reached."""
    own = [("a", f"Zelkova saplings lined avenue {n}.") for n in range(20)]
    pool = _pool([*own, ("b", "Saplings lined the avenue.")], budget=5)
    found = pool.top("a-0", limit=3, skip_version="a")
    assert [pool.items[j].id for j in found] == ["b-20"]


def test_a_dropped_claim_gets_a_closest_sentence_only_when_one_comes_near(make_corpus: MakeCorpus) -> None:
    """A base sentence left without a link is "perhaps reworded" only where a sentence of the
    version comes near it: a version that keeps half the sentences and adds one about oil prices
    offers its kept sentences as candidates, never the oil sentence, and nothing for a linked one."""
    sentences = _base_sentences()
    kept = [*sentences[::2], "Oil prices fell sharply in London on Tuesday after the storm."]
    folder = make_corpus({"a.txt": _paragraphs(sentences), "b.txt": _paragraphs(kept), "seeds.yml": MANIFEST})
    corpus = build_corpus(folder)
    linked = {t for targets in _linked(corpus, "other").values() for t in targets}
    assert corpus.unsure, "no dropped claim got a candidate"
    for near in corpus.unsure:
        assert near.version == "other"
        assert corpus.sentence(near.anchor).text not in linked
        assert corpus.sentence(near.sentence).text in kept[:-1]
        assert 0 < near.score < 0.5


def _base_links(corpus: Corpus) -> set[tuple[str, str]]:
    """(sentence text, base sentence text) for every link to the base."""
    by_id = {s.id: s.text for v in corpus.versions for s in v.sentences}
    return {
        (by_id[r.sentence], by_id[b.sentence])
        for g in corpus.groups
        for b in g.renderings
        if b.version == corpus.base
        for r in g.renderings
        if r.version != corpus.base
    }


def test_a_statement_is_not_linked_to_a_question_of_the_base() -> None:
    """A FAQ's question claims nothing: METR's "Does this explain the result?" was the closest base
    sentence for Ben Recht's "The final bar is the observed result." and "What was the motivation for
    this study?" for Simon Willison's "Our study doesn't really speak to this." (the science story),
    on short generic words and a high embedding cosine."""
    linked = _base_links(build_corpus(Path(__file__).parent / "data" / "stories" / "science" / "seeds"))
    assert ("The final bar is the observed result.", "Does this explain the result?") not in linked
    assert ("Our study doesn't really speak to this.", "What was the motivation for this study?") not in linked
    assert any(base.endswith("?") for _, base in linked)  # the penalty lowers a score, it bars no link


def test_other_retellings_vouch_for_a_link_the_sentence_nearly_earns() -> None:
    """Euronews's "Shein has been given one month to respond…" scores just under the bar against the
    Commission's "SHEIN now has one month to reply to the CPC Network's findings…", which the other
    outlets' one-month sentences are linked to (the shein story; the gold links the two): their
    links carry it over. With the evidence of other retellings switched off it is left unlinked."""
    folder = Path(__file__).parent / "data" / "stories" / "shein" / "seeds"
    pair = (
        "Shein has been given one month to respond and outline how it plans to fix the issues.",
        "SHEIN now has one month to reply to the CPC Network’s findings and propose commitments on how "
        "they will address the identified consumer law issues.",
    )
    assert pair in _base_links(build_corpus(folder))
    alone = build_corpus(folder, Params(peer_score=math.inf))
    assert pair not in _base_links(alone)
    assert not any(text == pair[0] for text, _ in _base_links(alone))
