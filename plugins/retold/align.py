"""Match every version's sentences to the base version's and group them into claims.

The base version is the pivot: each of its sentences anchors a claim group, and every
sentence of another version is linked to the base sentences that carry the same claim (one
or several, when a summary condenses them). Sentences with no counterpart in the base are
grouped with their counterparts in the other versions, or stand alone as unique content.

A link's score blends IDF-weighted term overlap with rapidfuzz token ratios, then adds a
position prior (retellings mostly keep the order of what they retell) and the support of
neighbouring links. Front matter is discounted so an editor's note does not take the body's
matches.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from retold.model import Sentence, Version
from retold.text import Phrases, terms


@dataclass(frozen=True)
class Params:
    """Tuning of the matcher; defaults were chosen on held-out splits, not on one file."""

    link_min: float = 0.12
    """Score below which a sentence's best base sentence is not a counterpart."""
    null_score: float = 0.14
    """What "no counterpart" scores in the reading-order pass."""
    added_run_bonus: float = 0.03
    """Bonus for "no counterpart" after "no counterpart": added material comes in runs."""
    order_bonus: float = 0.04
    """Bonus for a counterpart that follows the previous sentence's in the base."""
    extra_ratio: float = 0.5
    """A neighbouring base sentence joins the links when it scores this share of the best."""
    extra_min: float = 0.12
    strong_ratio: float = 0.85
    """Any base sentence scoring this share of the best (and `strong_min`) joins too."""
    strong_min: float = 0.3
    max_links: int = 8
    front_penalty: float = 0.85
    fuzzy_weight: float = 0.25
    block_size: int = 40
    """Base sentences scored in full per sentence, picked by shared rare terms."""
    states: int = 12


@dataclass(frozen=True)
class Link:
    """A sentence of another version linked to a base sentence."""

    source: str
    target: str
    score: float
    shared: tuple[str, ...]


class TermIndex:
    """IDF weights over all sentences of the corpus, and each sentence's term profile."""

    def __init__(self, sentences: Sequence[Sentence], phrases: Phrases | None = None) -> None:
        self.terms = {s.id: terms(s.text, phrases) for s in sentences}
        df = Counter(t for ts in self.terms.values() for t in set(ts))
        n = max(1, len(sentences))
        self.idf = {t: math.log((n + 1) / (c + 0.5)) for t, c in df.items()}
        self.sets = {sid: frozenset(ts) for sid, ts in self.terms.items()}
        self.mass = {sid: sum(self.idf[t] for t in ts) or 1.0 for sid, ts in self.sets.items()}
        self.joined = {sid: " ".join(ts) for sid, ts in self.terms.items()}
        self._postings: dict[int, Postings] = {}

    def candidates(self, sid: str, ref: Sequence[Sentence], limit: int) -> list[int]:
        """Indices in `ref` of the sentences sharing the most weighted terms with `sid`.

        Blocking: only these are scored in full, so matching cost grows with the number of
        sentences times `limit`, not with the product of two versions' lengths.
        """
        key = id(ref)
        if key not in self._postings:
            self._postings[key] = Postings(self)
            for r in ref:
                self._postings[key].add(r)
        return self._postings[key].top(sid, limit)

    def similarity(self, a: str, b: str, fuzzy_weight: float, evidence: float = 6.0) -> tuple[float, tuple[str, ...]]:
        """How strongly sentence `a` carries sentence `b`'s claim, in [0, 1], and the shared terms."""
        shared = self.sets[a] & self.sets[b]
        if not shared:
            return 0.0, ()
        w = sum(self.idf[t] for t in shared)
        cov_a, cov_b = w / self.mass[a], w / self.mass[b]
        lexical = math.sqrt(cov_a * cov_b) * 0.5 + max(cov_a, cov_b) * 0.5 * min(cov_a, cov_b) ** 0.3
        fuzzy = fuzz.token_set_ratio(self.joined[a], self.joined[b]) / 100.0
        score = (1 - fuzzy_weight) * lexical + fuzzy_weight * fuzzy * math.sqrt(min(cov_a, cov_b))
        # one shared word is thin evidence however short the other sentence is
        score *= min(1.0, w / evidence) ** 0.5
        ordered = tuple(sorted(shared, key=lambda t: (-self.idf[t], t)))
        return score, ordered


class Postings:
    """An inverted index from term to sentences, grown one sentence at a time.

    A look-up visits the postings of the rarest terms first and stops after `budget` entries,
    so a term shared by thousands of sentences never makes one look-up cost thousands of steps.
    """

    def __init__(self, index: TermIndex, budget: int = 4000) -> None:
        self.index = index
        self.budget = budget
        self.items: list[Sentence] = []
        self._lists: dict[str, list[int]] = {}

    def add(self, s: Sentence) -> None:
        for t in self.index.sets[s.id]:
            self._lists.setdefault(t, []).append(len(self.items))
        self.items.append(s)

    def top(self, sid: str, limit: int, skip_version: str | None = None) -> list[int]:
        """Positions of the `limit` sentences sharing the most weighted terms with `sid`."""
        idf = self.index.idf
        mass: Counter[int] = Counter()
        visited = 0
        for t in sorted(self.index.sets[sid], key=lambda t: (-idf[t], t)):
            entries = self._lists.get(t, ())
            for j in entries:
                if self.items[j].version != skip_version:
                    mass[j] += idf[t]
            visited += len(entries)
            if visited >= self.budget:
                break
        return [j for j, _ in mass.most_common(limit)]


def _transition(prev: int | None, j: int, bonus: float) -> float:
    """Bonus for reading on from base sentence `prev` to `j`: retellings mostly keep order."""
    if prev is None:
        return 0.0
    d = j - prev
    if 1 <= d <= 2:
        return bonus
    if d == 0:
        return bonus * 0.6
    if 3 <= d <= 8:
        return bonus * 0.6
    if -3 <= d < 0:
        return bonus * 0.3
    return 0.0


def best_path(cands: Sequence[Sequence[tuple[int, float]]], params: Params) -> list[int | None]:
    """The most likely base sentence for each sentence in order (None: no counterpart).

    A Viterbi pass over each sentence's candidate base sentences plus a "no counterpart" state
    that carries the last position on, so an added sentence does not break the reading order.
    """
    # a state: (total, base index or None, carried position, back pointer)
    layers: list[list[tuple[float, int | None, int | None, int]]] = []
    prev_layer: list[tuple[float, int | None, int | None, int]] = [(0.0, None, None, -1)]
    for options in cands:
        layer = []
        for j, e in options:
            total, back = max(
                (v + _transition(pos, j, params.order_bonus), k) for k, (v, _, pos, _) in enumerate(prev_layer)
            )
            layer.append((total + e, j, j, back))
        total, back = max(
            (v + (params.added_run_bonus if j is None and layers else 0.0), k)
            for k, (v, j, _, _) in enumerate(prev_layer)
        )
        layer.append((total + params.null_score, None, prev_layer[back][2], back))
        layers.append(layer)
        prev_layer = layer
    path: list[int | None] = []
    k = max(range(len(prev_layer)), key=lambda n: prev_layer[n][0]) if layers else -1
    for layer in reversed(layers):
        path.append(layer[k][1])
        k = layer[k][3]
    return path[::-1]


def link_version(version: Version, base: Version, index: TermIndex, params: Params = Params()) -> dict[str, list[Link]]:
    """For each sentence of `version`, the base sentences that carry its claim (maybe none)."""
    src, ref = version.sentences, base.sentences
    emissions: list[dict[int, tuple[float, tuple[str, ...]]]] = []
    for s in src:
        row = {}
        for j in index.candidates(s.id, ref, params.block_size):
            score, shared = index.similarity(s.id, ref[j].id, params.fuzzy_weight)
            row[j] = (score * (params.front_penalty if ref[j].front else 1.0), shared)
        emissions.append(row)
    cands = [sorted(((j, e) for j, (e, _) in row.items()), key=lambda t: -t[1])[: params.states] for row in emissions]
    path = best_path(cands, params)
    links: dict[str, list[Link]] = {}
    for s, row, primary in zip(src, emissions, path, strict=True):
        if primary is None or row[primary][0] < params.link_min:
            links[s.id] = []
            continue
        floor = max(params.extra_min, params.extra_ratio * row[primary][0])
        chosen = [primary]
        for step in (-1, 1):
            j = primary + step
            while j in row and row[j][0] >= floor and len(chosen) < params.max_links:
                chosen.append(j)
                j += step
        strong = max(params.strong_min, params.strong_ratio * row[primary][0])
        for j, (e, _) in sorted(row.items(), key=lambda t: -t[1][0]):
            if e < strong or len(chosen) >= params.max_links:
                break
            if j not in chosen:
                chosen.append(j)
        links[s.id] = [Link(s.id, ref[j].id, round(min(1.0, row[j][0]), 3), row[j][1]) for j in sorted(chosen)]
    return links
