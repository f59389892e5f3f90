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
from bisect import bisect_left
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from retold.model import Sentence, Version
from retold.text import terms


@dataclass(frozen=True)
class Params:
    """Tuning of the matcher; defaults were chosen on held-out splits, not on one file."""

    link_min: float = 0.20
    """Score below which a sentence has no counterpart in the base."""
    extra_ratio: float = 0.85
    """A further base sentence is linked when it scores this share of the best one."""
    extra_min: float = 0.20
    max_links: int = 6
    front_penalty: float = 0.85
    position_weight: float = 0.10
    neighbour_weight: float = 0.10
    fuzzy_weight: float = 0.25


@dataclass(frozen=True)
class Link:
    """A sentence of another version linked to a base sentence."""

    source: str
    target: str
    score: float
    shared: tuple[str, ...]


class TermIndex:
    """IDF weights over all sentences of the corpus, and each sentence's term profile."""

    def __init__(self, sentences: Sequence[Sentence]) -> None:
        self.terms = {s.id: terms(s.text) for s in sentences}
        df = Counter(t for ts in self.terms.values() for t in set(ts))
        n = max(1, len(sentences))
        self.idf = {t: math.log((n + 1) / (c + 0.5)) for t, c in df.items()}
        self.sets = {sid: frozenset(ts) for sid, ts in self.terms.items()}
        self.mass = {sid: sum(self.idf[t] for t in ts) or 1.0 for sid, ts in self.sets.items()}
        self.joined = {sid: " ".join(ts) for sid, ts in self.terms.items()}

    def similarity(self, a: str, b: str, fuzzy_weight: float) -> tuple[float, tuple[str, ...]]:
        """How strongly sentence `a` carries sentence `b`'s claim, in [0, 1], and the shared terms."""
        shared = self.sets[a] & self.sets[b]
        if not shared:
            return 0.0, ()
        w = sum(self.idf[t] for t in shared)
        cov_a, cov_b = w / self.mass[a], w / self.mass[b]
        lexical = math.sqrt(cov_a * cov_b) * 0.5 + max(cov_a, cov_b) * 0.5 * min(cov_a, cov_b) ** 0.3
        fuzzy = fuzz.token_set_ratio(self.joined[a], self.joined[b]) / 100.0
        score = (1 - fuzzy_weight) * lexical + fuzzy_weight * fuzzy * math.sqrt(min(cov_a, cov_b))
        ordered = tuple(sorted(shared, key=lambda t: -self.idf[t]))
        return score, ordered


def _monotone_anchors(best: list[tuple[int, int, float]]) -> list[tuple[float, float]]:
    """The longest run of confident links that keeps reading order (as relative positions)."""
    pairs = sorted(best)
    tails: list[int] = []
    tail_idx: list[int] = []
    prev: list[int] = [-1] * len(pairs)
    for k, (_, j, _) in enumerate(pairs):
        pos = bisect_left(tails, j)
        if pos == len(tails):
            tails.append(j)
            tail_idx.append(k)
        else:
            tails[pos] = j
            tail_idx[pos] = k
        prev[k] = tail_idx[pos - 1] if pos else -1
    chain: list[tuple[float, float]] = []
    k = tail_idx[-1] if tail_idx else -1
    while k >= 0:
        chain.append((pairs[k][0], pairs[k][1]))
        k = prev[k]
    return chain[::-1]


def _expected(i: int, chain: list[tuple[float, float]], n_src: int, n_base: int) -> float:
    """Where in the base sentence `i` of the other version is expected, by interpolation."""
    if not chain:
        return i * n_base / max(1, n_src)
    xs = [c[0] for c in chain]
    k = bisect_left(xs, i)
    if k < len(chain) and chain[k][0] == i:
        return chain[k][1]
    lo = chain[k - 1] if k else (-1.0, -1.0)
    hi = chain[k] if k < len(chain) else (float(n_src), float(n_base))
    return lo[1] + (hi[1] - lo[1]) * (i - lo[0]) / max(1e-9, hi[0] - lo[0])


def link_version(
    version: Version, base: Version, index: TermIndex, params: Params = Params()
) -> dict[str, list[Link]]:
    """For each sentence of `version`, the base sentences that carry its claim (maybe none)."""
    src, ref = version.sentences, base.sentences
    if not src or not ref:
        return {s.id: [] for s in src}
    raw = [[index.similarity(s.id, r.id, params.fuzzy_weight) for r in ref] for s in src]
    base_score = [
        [sc * (params.front_penalty if r.front else 1.0) for (sc, _), r in zip(row, ref, strict=True)]
        for row in raw
    ]
    confident = []
    for i, row in enumerate(base_score):
        j = max(range(len(ref)), key=row.__getitem__)
        if row[j] >= 0.45:
            confident.append((i, j, row[j]))
    chain = _monotone_anchors(confident)
    width = max(3.0, 0.08 * len(ref))
    scored: list[list[float]] = []
    for i, row in enumerate(base_score):
        mu = _expected(i, chain, len(src), len(ref))
        scored.append(
            [
                sc + params.position_weight * math.exp(-(((j - mu) / width) ** 2)) * (sc > 0.1)
                for j, sc in enumerate(row)
            ]
        )
    final = []
    for i, row in enumerate(scored):
        out = []
        for j, sc in enumerate(row):
            nb = 0.0
            for di in (-1, 1):
                ii = i + di
                if 0 <= ii < len(src):
                    nb = max(nb, max(base_score[ii][max(0, j - 2) : j + 3], default=0.0))
            out.append(sc + params.neighbour_weight * nb * (sc > 0.1))
        final.append(out)
    links: dict[str, list[Link]] = {}
    for i, s in enumerate(src):
        row = final[i]
        order = sorted(range(len(ref)), key=lambda j: -row[j])
        best = row[order[0]]
        chosen: list[Link] = []
        if best >= params.link_min:
            for j in order[: params.max_links]:
                if row[j] < max(params.extra_min, params.extra_ratio * best):
                    break
                chosen.append(Link(s.id, ref[j].id, round(min(1.0, row[j]), 3), raw[i][j][1]))
        links[s.id] = chosen
    return links
