"""Matching quality on corpora with known answers: synthetic retellings of the base seed.

These guard against regressions without looking at any gold file: each profile retells the
base version by dropping, merging, rewording, thinning and reordering its sentences and by
mixing in unrelated ones, and records which base sentences every new sentence came from.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from retold.pipeline import base_version, build_corpus
from retold.quality.evaluate import score_gold, score_synthetic
from retold.quality.synth import PROFILES, retell

from .conftest import SEEDS

GOLD = Path(__file__).parent / "data" / "lambert"

# (precision, sentence-accuracy) each profile must reach; a full retelling is held to the translation target
FLOORS = {"full": (0.95, 0.98), "light": (0.95, 0.95), "summary": (0.9, 0.9), "hard": (0.9, 0.9)}


@pytest.mark.parametrize("profile", sorted(PROFILES))
def test_synthetic_retellings(profile: str) -> None:
    min_precision, min_accuracy = FLOORS[profile]
    for seed in range(3):
        scores = score_synthetic(SEEDS, seed, **PROFILES[profile])
        assert scores.precision >= min_precision, (profile, seed, scores.summary())
        assert scores.accuracy >= min_accuracy, (profile, seed, scores.summary())
        assert scores.added_unlinked >= 0.8 * scores.added, (profile, seed, scores.summary())
        assert scores.covered == scores.scored


@pytest.mark.parametrize("profile", ["summary", "hard"])
def test_unlisted_version_beside_the_seeds(profile: str) -> None:
    """A retelling dropped into the real seeds folder with no manifest entry is matched as well."""
    scores = score_synthetic(SEEDS, 7, unlisted=True, **PROFILES[profile])
    assert scores.precision >= 0.9 and scores.accuracy >= 0.9, scores.summary()
    assert scores.covered == scores.scored


def test_retelling_truth_is_consistent() -> None:
    base = base_version(SEEDS)
    r = retell(base, 1, **PROFILES["summary"])
    assert r.truth
    for start, end, sources in r.truth:
        assert r.text[start:end].strip() == r.text[start:end]
        assert all(0 <= i < len(base.sentences) for i in sources)
    assert any(len(s) == 2 for *_, s in r.truth) and any(not s for *_, s in r.truth)


def test_full_copy_aligns_one_to_one(make_corpus) -> None:  # type: ignore[no-untyped-def]
    text = max(SEEDS.glob("*.txt"), key=lambda p: p.stat().st_size).read_text(encoding="utf-8")
    folder = make_corpus(
        {"a.txt": text, "b.txt": text, "seeds.yml": "base: a\nversions:\n  - file: a.txt\n    id: a\n"}
    )
    corpus = build_corpus(folder)
    for g in corpus.groups:
        a = [r for r in g.renderings if r.version == "a"]
        b = [r for r in g.renderings if r.version == "b"]
        assert len(a) == 1 and len(b) == 1 and (a[0].start, a[0].end) == (b[0].start, b[0].end)


STORIES = Path(__file__).parent / "data" / "stories"


def _primary(story: Path) -> str:
    """The story's primary text: `relation: original` in sources.yml, which the build never reads."""
    sources = yaml.safe_load((story / "sources.yml").read_text(encoding="utf-8"))
    (primary,) = [s["file"] for s in sources if s["relation"] == "original"]
    return primary


def _retold_from_primary(story: Path) -> bool:
    """Whether the story's gold links retellings to its primary text (the translation story links
    the original to the translation instead, as a translation listed as base would be)."""
    if not (story / "sources.yml").is_file():
        return False
    golds = [json.loads(g.read_text(encoding="utf-8")) for g in story.glob("gold-*.json")]
    return bool(golds) and all(g["reference"]["file"] == _primary(story) for g in golds)


RETOLD_STORIES = sorted(p.name for p in STORIES.iterdir() if (p / "sources.yml").is_file() and _retold_from_primary(p))

# Stories whose primary the base choice is known to miss, each recorded when the story was first scored
# (held out at the time; see split.yml for which are dev now), not tuned away. strict, so a change that
# starts choosing the primary shows up. (climate and dsc, missed when first scored, were fixed on the
# dev stories of 2026-12-06's second session by reading reporting words as verbs only; tech broke then.)
BASE_MISSES = {
    "agcm": "the stored copy of AGCM's release is cut short (at about 2,000 characters, mid-sentence), so what "
    "the outlets retell of its lost ending (the 2050 target, rising emissions) they share with each other, not "
    "with it; source_rank picks AM Business (tests/data/stories/agcm/NOTES.md)",
    "adtech": "only The Record retells Amnesty's statement; TechRepublic and Engadget report the same court ruling "
    "from other statements (Engadget's appeared two days before Amnesty's), so the texts share the ruling rather "
    "than the primary; source_rank picks TechRepublic (Engadget before the weekday factor) "
    "(tests/data/stories/adtech/NOTES.md)",
    "kali": "the archived Kali post is cut off at 'New Tools in Kali'; OpenSourceFeed retells the whole post (the tool "
    "list, NetHunter, the upgrade steps), as BleepingComputer does, so the two share what the cut copy lacks, and "
    "source_rank picks OpenSourceFeed (tests/data/stories/kali/NOTES.md)",
    "noyb": "noyb's item backs a consumer group's letter to Meta; two of the three outlets report noyb's own later "
    "letter, which is not in the archive, so the outlets share more with each other than with the item, and "
    "source_rank picks FingerLakes1 (tests/data/stories/noyb/NOTES.md)",
    "tech": "Google's post speaks for itself with reporting words that report no one ('we think', 'you to explain', "
    "'was just announced') and has much that nobody retells, while Data Phoenix's ten-sentence summary is retold "
    "whole; source_rank picks Data Phoenix (it chose the post until 'Member States' and 'the report' stopped counting "
    "as reporting speech: reports_speech in retold.text.terms)",
    "echoes": "held out, so not analysed: the primary is Google's 1,087-word post, the five retellings are small "
    "outlets' items of 124 to 209 words, one an automated summary of several reports; source_rank picks ICgoodFind "
    "(tests/data/stories/echoes/NOTES.md)",
    "solarstorm": "held out, so not analysed: NOAA's stored advisory is 215 words and stops before its closing "
    "block, and the four retellings (160 to 253 words) each add their own explanations; source_rank picks Good News "
    "Network (tests/data/stories/solarstorm/NOTES.md)",
    "weride": "held out, so not analysed: 001 is Quiver Quantitative's machine-written summary of the release on the "
    "same Nasdaq page, and 002 stops mid-sentence in its stored copy; source_rank picks Cities of the Future "
    "(tests/data/stories/weride/NOTES.md)",
    "replika": "the primary is the Garante's English item; Reuters worked from the Italian release and PYMNTS and "
    "BABL AI from Reuters, so the retellings share more with each other; source_rank picks BABL AI (PYMNTS before "
    "the weekday factor) (tests/data/stories/replika/NOTES.md)",
}


@pytest.mark.parametrize(
    "story",
    [
        pytest.param(name, marks=pytest.mark.xfail(strict=True, reason=BASE_MISSES[name]))
        if name in BASE_MISSES
        else name
        for name in RETOLD_STORIES
    ],
)
def test_without_a_manifest_the_primary_text_is_the_base(story: str, tmp_path: Path) -> None:
    """A real story's primary text is chosen as base from the texts alone, whatever its file is
    called: here it is renamed to sort last."""
    primary = _primary(STORIES / story)
    for seed in (STORIES / story / "seeds").glob("*.txt"):
        (tmp_path / ("zz-primary.txt" if seed.name == primary else seed.name)).write_bytes(seed.read_bytes())
    assert base_version(tmp_path).meta.file == "zz-primary.txt"


# Padded cases the choice is known to miss, first seen on the stories added after the choice was made
# (mcp: held out then). Recorded as they came; strict, so a fix shows up. Padding one short retelling lets
# the closest full rewrite (Kavour) outrank the primary. (temu's three, heise chosen, were fixed on the dev
# stories of 2026-12-06 by the weekday factor of retold.match.base.)
PADDED_MISSES = {
    ("mcp", "002_nicholasgriffin.txt"): "001_kavour.txt, a close rewrite longer than the primary, is chosen",
    ("mcp", "003_simonwillison.txt"): "001_kavour.txt, a close rewrite longer than the primary, is chosen",
}


@pytest.mark.parametrize(
    ("story", "padded"),
    [
        pytest.param(story, seed.name, marks=pytest.mark.xfail(strict=True, reason=PADDED_MISSES[story, seed.name]))
        if (story, seed.name) in PADDED_MISSES
        else (story, seed.name)
        for story in RETOLD_STORIES
        if story not in BASE_MISSES  # padding can only spoil a choice that is right without it
        for seed in sorted((STORIES / story / "seeds").glob("*.txt"))
        if seed.name != _primary(STORIES / story)
    ],
)
def test_a_retelling_padded_with_another_article_does_not_pass_for_the_source(
    story: str, padded: str, tmp_path: Path
) -> None:
    """An outlet's retelling that runs a whole unrelated article after its own text contains more of
    everyone's words than the primary text does; it is still not chosen as base, because nobody
    retells its other half. The padding is the longest primary text of the other stories."""
    other = max(
        (STORIES / s / "seeds" / _primary(STORIES / s) for s in RETOLD_STORIES if s != story),
        key=lambda p: p.stat().st_size,
    )
    for seed in (STORIES / story / "seeds").glob("*.txt"):
        text = seed.read_text(encoding="utf-8")
        if seed.name == padded:
            text += "\n\n" + other.read_text(encoding="utf-8")
        (tmp_path / seed.name).write_text(text, encoding="utf-8")
    assert base_version(tmp_path).meta.file == _primary(STORIES / story)


@pytest.mark.parametrize("story", sorted(p.name for p in STORIES.iterdir() if (p / "seeds").is_dir()))
def test_every_real_story_builds_with_each_sentence_in_a_claim(story: str) -> None:
    """Real outlets' text reaches parse, match and every detector: a German press release's date
    "08.10.2025" once crashed the number detector (the temu story). Each sentence of each version
    is shown in some claim, so no claim a reader looks for is lost between stages."""
    corpus = build_corpus(STORIES / story / "seeds")
    shown = {r.sentence for g in corpus.groups for r in g.renderings}
    assert len(corpus.versions) == len(list((STORIES / story / "seeds").glob("*.txt")))
    for version in corpus.versions:
        assert [s.id for s in version.sentences if s.id not in shown] == []


def test_dropped_claims_set_apart_as_perhaps_reworded_are_the_doubtful_ones() -> None:
    """On the dev gold (the project's seeds), base claims listed as "not found" are more often
    really missing than the dropped claims as a whole, and those listed as "perhaps reworded" are
    more often really there: the split tells a reader which drops to check."""
    corpus = build_corpus(SEEDS)
    for name in ("gold-001.json", "gold-002.json"):
        scores = score_gold(corpus, json.loads((GOLD / name).read_text(encoding="utf-8")))
        assert scores.unsure and scores.unsure < scores.dropped, name
        assert scores.not_found_precision > scores.dropped_precision, name
        assert scores.unsure_precision > 1 - scores.dropped_precision, name


def test_added_sentences_set_apart_as_perhaps_rewording_are_the_doubtful_ones() -> None:
    """The same split on the other side, pooled over the dev gold (the project's seeds and the
    science story): sentences said to be added with nothing close in the base more often really
    have no counterpart than all sentences said to be added, and those listed as perhaps
    rewording a base claim more often really have one."""
    science = STORIES / "science"
    runs = [(SEEDS, path) for path in sorted(GOLD.glob("gold-*.json"))]
    runs += [(science / "seeds", path) for path in sorted(science.glob("gold-*.json"))]
    scores = [score_gold(build_corpus(folder), json.loads(path.read_text(encoding="utf-8"))) for folder, path in runs]
    pooled = sum(scores[1:], scores[0])
    assert pooled.unsure_added and pooled.unsure_added < pooled.unlinked
    assert pooled.nothing_close_precision > pooled.added_precision
    assert pooled.rewords_precision > 1 - pooled.added_precision
