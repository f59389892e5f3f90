"""Synthetic retellings of a version with known answers, for held-out checks and benchmarks.

A retelling drops, merges, rewords and reorders the base's sentences and paragraphs and mixes
in unrelated sentences, recording for every sentence it writes which base sentences it came
from. Nothing here reads the gold file: these corpora test that matching generalises.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

from retold.model import Version
from retold.text.terms import bare, word_spans

_SYNONYMS = {
    "important": "crucial",
    "large": "big",
    "big": "large",
    "companies": "firms",
    "company": "firm",
    "researchers": "scientists",
    "very": "highly",
    "often": "frequently",
    "believe": "think",
    "build": "develop",
    "building": "developing",
    "quickly": "rapidly",
    "however": "yet",
    "many": "numerous",
    "help": "assist",
    "strong": "powerful",
    "different": "distinct",
    "most": "the majority of",
    "also": "likewise",
    "use": "employ",
    "students": "young researchers",
}
_FRAMES = (
    "The author notes that ",
    "According to the essay, ",
    "He points out that ",
    "It is reported that ",
)
_OFF_TOPIC = (
    "The harbour festival drew record crowds despite the rain on Saturday.",
    "A new bakery on the corner now sells sourdough loaves every morning.",
    "Local football fans celebrated the club's promotion with a parade.",
    "The museum reopened its dinosaur hall after two years of renovation.",
    "Heavy snowfall closed several mountain passes over the weekend.",
    "A violinist from Vienna performed the complete partitas in one evening.",
    "Tomato prices rose sharply after a poor harvest in the south.",
    "The city council approved a plan to plant ten thousand street trees.",
)


PROFILES: dict[str, dict[str, float]] = {
    # every sentence kept in order, most reworded: what a full translation of the base looks like
    "full": {"drop": 0.0, "merge": 0.0, "reword": 1.0, "reorder": 0.0, "add": 0.0, "thin": 0.15},
    "light": {},
    "summary": {"drop": 0.7, "merge": 0.4, "reword": 0.8, "reorder": 0.1, "add": 0.2, "thin": 0.3},
    "hard": {"drop": 0.5, "merge": 0.3, "reword": 1.0, "reorder": 0.4, "add": 0.3, "thin": 0.45},
}


@dataclass(frozen=True)
class Retelling:
    """A synthetic version: its text and, per sentence span, the base sentence indices behind it."""

    text: str
    truth: tuple[tuple[int, int, frozenset[int]], ...]


def _thin(sentence: str, rng: random.Random, share: float) -> str:
    """Leave out a share of the words after the first, as a loose paraphrase would. The pieces
    left out are the runs between spaces, not the tokeniser's words: a piece goes with the
    punctuation it carries, so what is left still reads as a sentence."""
    pieces = sentence.split()
    kept = pieces[:1] + [w for w in pieces[1:] if rng.random() >= share]
    return " ".join(kept).rstrip(",;:") + ("" if kept[-1][-1:] in ".!?" else ".")


def _reword(sentence: str, rng: random.Random) -> str:
    """Swap some words for a synonym (each word the tokeniser reads, a possessive kept), and
    sometimes put a reporting frame in front."""
    out, at = [], 0
    for start, _, word, _ in word_spans(sentence):
        plain = bare(word)
        repl = _SYNONYMS.get(plain)
        if repl is None or rng.random() < 0.4:
            continue
        original = sentence[start : start + len(plain)]
        out += [sentence[at:start], repl.capitalize() if original[0].isupper() else repl]
        at = start + len(plain)
    reworded = "".join([*out, sentence[at:]])
    if rng.random() < 0.3:
        reworded = rng.choice(_FRAMES) + reworded[:1].lower() + reworded[1:]
    return reworded


def _shorten(sentence: str, rng: random.Random) -> str:
    """Drop a parenthetical clause between commas, as summaries do."""
    parts = sentence.split(", ")
    if len(parts) > 2 and rng.random() < 0.6:
        del parts[rng.randrange(1, len(parts) - 1)]
    return ", ".join(parts)


def retell(
    base: Version,
    seed: int,
    *,
    drop: float = 0.4,
    merge: float = 0.2,
    reword: float = 0.5,
    reorder: float = 0.2,
    add: float = 0.1,
    thin: float = 0.0,
) -> Retelling:
    """A retelling of `base`, reproducible from `seed`."""
    rng = random.Random(seed)
    paragraphs: dict[int, list[int]] = {}
    for s in base.sentences:
        if not s.front:
            paragraphs.setdefault(s.block, []).append(s.index)
    order = list(paragraphs.values())
    for k in range(len(order) - 1):
        if rng.random() < reorder:
            order[k], order[k + 1] = order[k + 1], order[k]
    out_paragraphs: list[list[tuple[str, frozenset[int]]]] = []
    for para in order:
        kept = [i for i in para if rng.random() >= drop]
        sentences: list[tuple[str, frozenset[int]]] = []
        k = 0
        while k < len(kept):
            i = kept[k]
            text = base.sentences[i].text
            if k + 1 < len(kept) and rng.random() < merge:
                j = kept[k + 1]
                nxt = _shorten(base.sentences[j].text, rng)
                text = _shorten(text, rng).rstrip(".!?") + ", and " + nxt[:1].lower() + nxt[1:]
                sentences.append((text, frozenset({i, j})))
                k += 2
                continue
            if rng.random() < reword:
                text = _reword(text, rng)
            if thin:
                text = _thin(text, rng, thin)
            sentences.append((text, frozenset({i})))
            k += 1
        if rng.random() < add:
            sentences.insert(rng.randrange(len(sentences) + 1), (rng.choice(_OFF_TOPIC), frozenset()))
        if sentences:
            out_paragraphs.append(sentences)
    text_parts: list[str] = []
    truth: list[tuple[int, int, frozenset[int]]] = []
    pos = 0
    for para in out_paragraphs:
        for n, (sentence, sources) in enumerate(para):
            if n:
                text_parts.append(" ")
                pos += 1
            truth.append((pos, pos + len(sentence), sources))
            text_parts.append(sentence)
            pos += len(sentence)
        text_parts.append("\n\n")
        pos += 2
    return Retelling("".join(text_parts), tuple(truth))


def write_corpus(base: Version, folder: Path, versions: int, seed: int = 0) -> dict[str, Retelling]:
    """A seeds folder of `versions` versions: `base` and retellings of it under every profile in turn.

    Returns each retelling by version id, so the alignment can be scored against its truth.
    """
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "base.txt").write_text(base.text, encoding="utf-8")
    manifest = ["base: base", "versions:", "  - file: base.txt", "    id: base", "    relation: original"]
    profiles = sorted(PROFILES)
    made: dict[str, Retelling] = {}
    for n in range(1, versions):
        profile = profiles[n % len(profiles)]
        vid = f"retelling-{n:04d}"
        made[vid] = retell(base, seed * 100_003 + n, **PROFILES[profile])
        (folder / f"{vid}.txt").write_text(made[vid].text, encoding="utf-8")
        relation = "translation" if profile == "full" else "summary" if profile == "summary" else "rewrite"
        manifest += [f"  - file: {vid}.txt", f"    id: {vid}", f"    title: {profile} retelling {n}"]
        manifest += [f"    relation: {relation}"]
    (folder / "seeds.yml").write_text("\n".join(manifest) + "\n", encoding="utf-8")
    return made
