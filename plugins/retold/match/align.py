"""Match every version's sentences to the base version's and group them into claims.

The base version is the pivot: each of its sentences anchors a claim group, and every
sentence of another version is linked to the base sentences that carry the same claim (one
or several, when a summary condenses them). Sentences with no counterpart in the base are
grouped with their counterparts in the other versions, or stand alone as unique content.

Every sentence is scored against every base sentence (`pair_scores`): symmetric term overlap
(so a short generic sentence contained in a long one is no hub), the smaller of the two
coverages, and the cosine of sentence embeddings (`retold.match.meaning`, for paraphrase with no
shared words). A reading-order pass (`best_path`) picks each sentence's counterpart or "none";
a merged sentence gains further links only for base sentences it carries on their own
(`link_version`), and a sentence left unlinked between two linked neighbours gets a second,
lower bar within their span. A base sentence left without a link whose closest sentence still
scores `unsure_score` is reported as perhaps reworded (`Alignment.closest`), not plainly dropped;
a sentence left without a link whose closest base sentence does, as perhaps rewording it
(`Alignment.rewords`), not plainly added. The base sentences such a sentence comes nearest
(`Alignment.near`) are where other retellings' links may still take it (`retold.match.peers`).

API: `Params`, `Link`, `Alignment`, `TermIndex` (term weights, lexical `similarity`), `Postings` (blocking
for grouping unlinked sentences, in `retold.match.claims`), `PairScores`, `pair_scores`, `best_path`,
`link_version`.
"""

from __future__ import annotations

import itertools
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeVar

import numpy as np

from retold.match.meaning import embed
from retold.model import Sentence, Version
from retold.text.parse import is_question
from retold.text.terms import Phrases, terms

T = TypeVar("T", float, np.ndarray)


@dataclass(frozen=True)
class Params:
    """Tuning of the matcher. Weights and thresholds were chosen by a sweep on the development
    stories only (`split.yml` in `tests/data/stories` says which); they are never set per file."""

    w_dice: float = 4.0
    """Weight of symmetric term overlap: shared IDF weight over the two sentences' mean weight."""
    w_cos: float = 4.0
    """Weight of the sentences' embedding cosine (meaning, not words)."""
    w_cov: float = 2.0
    """Weight of the smaller of the two coverages: a short sentence inside a long one earns little."""
    null_score: float = 3.1
    """What "no counterpart" scores: a base sentence must beat it to be linked. 3.2 until the dev
    stories doubled (17, 2026-12-06): there 3.1 gave sentence-accuracy 0.635 against 0.617 and
    precision 0.705 against 0.703 (Lambert 001, 002 and the stories pooled), and every other move
    of this or the other weights traded one for the other or cost the Lambert summary."""
    order_bonus: float = 0.3
    """Bonus for a counterpart that follows the previous sentence's in the base (reading order)."""
    extra_score: float = 3.4
    """A further base sentence joins a merged sentence's links only when it scores this on its own…"""
    extra_cover: float = 0.3
    """…and this share of its own term weight is in the sentence, beyond what the first link explains."""
    near_score: float = 2.8
    """A base sentence within `near_span` of a merged sentence's links joins them on this lower
    score…"""
    near_cover: float = 0.1
    """…when this share of its weight is in the sentence beyond what the links explain."""
    near_span: int = 2
    gap_score: float = 2.4
    """Lower bar for a sentence left unlinked between two linked neighbours, within their base span."""
    unsure_score: float = 1.8
    """A base sentence no sentence of a version links to counts as perhaps reworded there, not
    plainly dropped, when that version's closest sentence scores this against it (`Alignment.closest`);
    likewise a sentence linked to nothing perhaps rewords its closest base sentence (`Alignment.rewords`).
    The highest bar from 1.6 to 2.6 at which the rest of the dropped claims ("not found") were
    really missing at least 85% of the time on the dev gold (0.859 at 1.8)."""
    sure_dice: float = 0.6
    """Term overlap with one base sentence above which a sentence is matched on words alone."""
    front_penalty: float = 0.6
    """Subtracted for base front matter (an editor's note), so it does not take the body's matches."""
    question_penalty: float = 1.0
    """Subtracted where a base sentence asks a question and the sentence does not: a FAQ's question
    ("Are the developers beginners at using Cursor?") claims nothing, and its short generic words
    made it the closest base sentence for statements around it. Chosen on the dev stories: 1.0
    raised pooled precision from 0.712 to 0.719, sentence-accuracy unchanged (0.5: 0.717; 2.0:
    0.722 at a cost on Lambert 002)."""
    max_links: int = 6
    states: int = 12
    block_size: int = 40
    """Unlinked sentences of other versions are compared with this many candidates (claims.py)."""
    group_min: float = 0.3
    """Lexical similarity two unlinked sentences of different versions need to share a group."""
    peer_score: float = 4.0
    """Another version's sentence counts as saying the same as a sentence left unlinked when the two
    score this against each other, as a sentence scores against a base sentence (`retold.match.peers`)…"""
    peer_base: float = 2.4
    """…and its link then carries over when the unlinked sentence scores this against that base
    sentence, one of its `peer_candidates` closest. Chosen on the dev stories (peer 3.5-4.5 x base
    2.0-2.4 x 1 or 3 candidates): 4.0 / 2.4 / 3 raised pooled sentence-accuracy from 0.642 to 0.654
    for precision 0.719 to 0.718; lower bars linked more but lost precision (3.5 / 2.0: 0.659, 0.707)."""
    peer_candidates: int = 3

    def blend(self, dice: T, smaller: T, cos: T) -> T:
        """The link score from term overlap, the smaller coverage and the embedding cosine."""
        return self.w_dice * dice + self.w_cov * smaller + self.w_cos * cos


@dataclass(frozen=True)
class Link:
    """A sentence of another version linked to a base sentence."""

    source: str
    target: str
    score: float
    shared: tuple[str, ...]


@dataclass(frozen=True)
class Alignment:
    """One version matched to the base."""

    links: dict[str, list[Link]]
    """For each sentence of the version, the base sentences that carry its claim (maybe none)."""
    closest: dict[str, Link]
    """For each base sentence no sentence of the version links to, the version's closest sentence,
    when it scores `Params.unsure_score`. About a third of such base claims are really in the
    version, reworded past what the matcher can tie (dev stories); a reader checking a "dropped"
    claim is better served by these candidates set apart than by one list that is wrong a third
    of the time."""
    rewords: dict[str, Link]
    """For each sentence of the version linked to nothing, its closest base sentence when that
    scores `Params.unsure_score`: perhaps a rewording the matcher could not tie, not the outlet's
    own material."""
    near: dict[str, tuple[Link, ...]]
    """For each sentence of the version linked to nothing, its `Params.peer_candidates` closest base
    sentences that score `Params.peer_base`: where another retelling's evidence may still link it
    (`retold.match.peers`)."""


class TermIndex:
    """IDF weights over a set of sentences, and each sentence's term profile."""

    def __init__(self, sentences: Sequence[Sentence], phrases: Phrases | None = None) -> None:
        self.terms = {s.id: terms(s.text, phrases) for s in sentences}
        df = Counter(t for ts in self.terms.values() for t in set(ts))
        n = max(1, len(sentences))
        self.idf = {t: math.log((n + 1) / (c + 0.5)) for t, c in df.items()}
        self.sets = {sid: frozenset(ts) for sid, ts in self.terms.items()}
        self.mass = {sid: sum(self.idf[t] for t in ts) or 1.0 for sid, ts in self.sets.items()}

    def shared(self, a: str, b: str) -> tuple[str, ...]:
        """Terms two sentences share, rarest first."""
        return tuple(sorted(self.sets[a] & self.sets[b], key=lambda t: (-self.idf[t], t)))

    def overlap(self, a: str, b: str) -> tuple[float, float]:
        """Symmetric term overlap (weighted Dice) and the smaller of the two coverages, the lexical
        parts of a link score (`pair_scores` measures them for every pair at once)."""
        w = sum(self.idf[t] for t in self.sets[a] & self.sets[b])
        return 2 * w / (self.mass[a] + self.mass[b]), w / max(self.mass[a], self.mass[b])

    def similarity(self, a: str, b: str, evidence: float = 6.0) -> tuple[float, tuple[str, ...]]:
        """How much two sentences say in the same words, in [0, 1], and the terms they share.

        Symmetric (weighted Dice): a short sentence contained in a long one scores by how much of
        the long one it explains, not 1.0. One shared word is thin evidence, so weight below
        `evidence` is discounted.

        >>> s = [Sentence(f"v-{n}", "v", n, 0, 0, t, 0, 0) for n, t in enumerate(
        ...     ["Labs hire many students.", "Chinese labs hire many students quickly.", "Stocks fell."])]
        >>> index = TermIndex(s)
        >>> index.similarity("v-0", "v-1")[0] > index.similarity("v-0", "v-2")[0] == 0.0
        True
        """
        shared = self.shared(a, b)
        if not shared:
            return 0.0, ()
        w = sum(self.idf[t] for t in shared)
        dice = 2 * w / (self.mass[a] + self.mass[b])
        return dice * min(1.0, w / evidence) ** 0.5, shared


class Postings:
    """An inverted index from term to sentences, grown one sentence at a time.

    A look-up visits the postings of the rarest terms first and stops after `budget` entries,
    so a term shared by thousands of sentences never makes one look-up cost thousands of steps.
    The budget is checked entry by entry, not list by list: one common term of a big seed can
    have tens of thousands of postings, and visiting a whole list before checking made every
    look-up cost as much as the seed is long (the grouping grew with the seed's square).
    Postings are kept per version, so the sentences of the asking version, which a look-up
    skips, cost nothing and use none of the budget.
    """

    def __init__(self, index: TermIndex, budget: int = 4000) -> None:
        self.index = index
        self.budget = budget
        self.items: list[Sentence] = []
        self._lists: dict[str, dict[str, list[int]]] = {}

    def add(self, s: Sentence) -> None:
        for t in self.index.sets[s.id]:
            self._lists.setdefault(t, {}).setdefault(s.version, []).append(len(self.items))
        self.items.append(s)

    def top(self, sid: str, limit: int, skip_version: str | None = None) -> list[int]:
        """Positions of the `limit` sentences sharing the most weighted terms with `sid`."""
        idf = self.index.idf
        mass: Counter[int] = Counter()
        left = self.budget
        for t in sorted(self.index.sets[sid], key=lambda t: (-idf[t], t)):
            for version, entries in self._lists.get(t, {}).items():
                if version == skip_version:
                    continue
                for j in entries[:left]:
                    mass[j] += idf[t]
                left -= min(left, len(entries))
            if not left:
                break
        return [j for j, _ in mass.most_common(limit)]


@dataclass(frozen=True)
class PairScores:
    """Every sentence of a version against every base sentence (rows: version, columns: base).

    Term matrices cover only the terms both versions use: no other term adds to an overlap, and
    a big seed's whole vocabulary times its sentences would grow faster than the seed does."""

    score: np.ndarray
    """The link score the rules below compare with their thresholds."""
    weights: np.ndarray
    """Each shared term's weight (IDF over the pair's sentences)."""
    rows: np.ndarray
    """Version sentence x shared term incidence (1 where the sentence has the term)."""
    cols: np.ndarray
    """Base sentence x shared term incidence: `_extras` measures what a further link explains with them."""
    base_mass: np.ndarray
    """Each base sentence's weight over all its terms."""


def _incidence(index: TermIndex, sentences: Sequence[Sentence], vocab: dict[str, int]) -> np.ndarray:
    m = np.zeros((len(sentences), len(vocab)), dtype=np.float32)
    for i, s in enumerate(sentences):
        for t in index.sets[s.id]:
            if t in vocab:
                m[i, vocab[t]] = 1.0
    return m


def _mass(index: TermIndex, sentences: Sequence[Sentence]) -> np.ndarray:
    """Each sentence's summed term weight (0 for a sentence without terms)."""
    return np.array([sum(index.idf[t] for t in index.sets[s.id]) for s in sentences], dtype=np.float32)


def pair_scores(version: Version, base: Version, index: TermIndex, params: Params) -> PairScores:
    """Score every (version sentence, base sentence) pair; see the module docstring."""
    src, ref = version.sentences, base.sentences
    used = [frozenset().union(*(index.sets[s.id] for s in side)) for side in (src, ref)]
    vocab = {t: n for n, t in enumerate(t for t in index.idf if t in used[0] and t in used[1])}
    w = np.array([index.idf[t] for t in vocab], dtype=np.float32)
    a, b = _incidence(index, src, vocab), _incidence(index, ref, vocab)
    shared = (a * w) @ b.T
    base_mass = _mass(index, ref)
    mass_a = _mass(index, src)[:, None] + 1e-6
    mass_b = base_mass[None, :] + 1e-6
    dice = 2 * shared / (mass_a + mass_b)
    smaller = np.minimum(shared / mass_a, shared / mass_b)
    # a sentence whose words already match one base sentence closely needs no model: its word
    # overlap stands in for the cosine (near-copies are most sentences of light retellings)
    unsure = np.flatnonzero(dice.max(1) < params.sure_dice) if len(ref) else np.arange(len(src))
    cos = dice.copy()
    if len(unsure):
        cos[unsure] = embed([src[i].text for i in unsure]) @ embed([r.text for r in ref]).T
    score = params.blend(dice, smaller, cos)
    score -= params.front_penalty * np.array([r.front for r in ref], dtype=np.float32)[None, :]
    asks = np.array([is_question(r.text) for r in ref], dtype=bool)[None, :]
    score -= params.question_penalty * (asks & ~np.array([is_question(t.text) for t in src], dtype=bool)[:, None])
    return PairScores(score, w, a, b, base_mass)


def _transition(prev: int | None, j: int, bonus: float) -> float:
    """Bonus for reading on from base sentence `prev` to `j`: retellings mostly keep order."""
    if prev is None:
        return 0.0
    d = j - prev
    if 0 <= d <= 3:
        return bonus
    if 4 <= d <= 12 or -3 <= d < 0:
        return bonus * 0.5
    return 0.0


def best_path(cands: Sequence[Sequence[tuple[int, float]]], params: Params) -> list[int | None]:
    """The most likely base sentence for each sentence in order (None: no counterpart).

    A Viterbi pass over each sentence's candidate base sentences plus a "no counterpart" state
    (scoring `null_score`) that carries the last position on, so an added sentence does not
    break the reading order. Order is a weak prior: it decides between close scores only.

    >>> best_path([[(0, 4.0)], [(5, 3.6), (1, 3.5)], [(9, 1.0)]], Params())
    [0, 1, None]
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
        total, back = max((v, k) for k, (v, _, _, _) in enumerate(prev_layer))
        layer.append((total + params.null_score, None, prev_layer[back][2], back))
        layers.append(layer)
        prev_layer = layer
    path: list[int | None] = []
    k = max(range(len(prev_layer)), key=lambda n: prev_layer[n][0]) if layers else -1
    for layer in reversed(layers):
        path.append(layer[k][1])
        k = layer[k][3]
    return path[::-1]


def _fill_gaps(path: list[int | None], score: np.ndarray, params: Params) -> list[int | None]:
    """Give a sentence left unlinked between two linked neighbours its best base sentence
    within their span, when that clears the lower `gap_score`."""
    filled = list(path)
    linked = [i for i, j in enumerate(path) if j is not None]
    for left, right in itertools.pairwise(linked):
        lo, hi = sorted((path[left], path[right]))  # type: ignore[type-var]
        for i in range(left + 1, right):
            span = score[i, max(0, lo - 1) : hi + 2]
            if span.size and span.max() >= params.gap_score:
                filled[i] = max(0, lo - 1) + int(span.argmax())
    return filled


def _extras(i: int, primary: int, pairs: PairScores, params: Params) -> list[int]:
    """Further base sentences a merged sentence carries, each earning its link on its own.

    Each joins only when it explains part of the sentence the links chosen so far do not (its
    residual cover), and scores a bar that falls with its distance from them: anywhere in the base,
    `extra_score` and `extra_cover`; within `near_span` of a link, `near_score` and `near_cover`
    (a summary merges neighbouring claims far more often than distant ones); right next to the
    first link, the cover alone (a translation or a rewrite often splits one sentence in two,
    and the half that follows scores low against the whole).
    """
    row, residual = pairs.score[i], pairs.rows[i].copy()
    chosen = [primary]
    residual *= 1 - pairs.cols[primary]

    def joins(j: int, bar: float, cover: float) -> bool:
        if j in chosen or row[j] < bar or len(chosen) >= params.max_links:
            return False
        own = pairs.cols[j] * pairs.weights
        return float((own * residual).sum()) >= cover * float(pairs.base_mass[j])

    def join(j: int) -> None:
        chosen.append(j)
        residual[:] *= 1 - pairs.cols[j]

    for j in map(int, np.argsort(-row)[: params.states]):
        if joins(j, params.extra_score, params.extra_cover):
            join(j)
    for j in (primary - 1, primary + 1):
        if 0 <= j < len(row) and joins(j, -math.inf, params.extra_cover):
            join(j)
    span = params.near_span
    while True:
        near = {j for c in chosen for j in range(max(0, c - span), min(len(row), c + span + 1))}
        grown = [j for j in sorted(near, key=lambda j: -row[j]) if joins(j, params.near_score, params.near_cover)]
        if not grown:
            return sorted(chosen)
        join(grown[0])


def link_version(version: Version, base: Version, index: TermIndex, params: Params) -> Alignment:
    """For each sentence of `version`, the base sentences that carry its claim (maybe none), and
    the closest candidates for the sentences on either side left without one."""
    src, ref = version.sentences, base.sentences
    if not src or not ref:
        return Alignment({s.id: [] for s in src}, {}, {}, {})
    pairs = pair_scores(version, base, index, params)
    top = np.argsort(-pairs.score, axis=1)[:, : params.states]
    cands = [[(int(j), float(pairs.score[i, j])) for j in top[i]] for i in range(len(src))]
    path = _fill_gaps(best_path(cands, params), pairs.score, params)
    chosen = [[] if primary is None else _extras(i, primary, pairs, params) for i, primary in enumerate(path)]

    def link(i: int, j: int) -> Link:
        score = _confidence(float(pairs.score[i, j]), params)
        return Link(src[i].id, ref[j].id, round(score, 3), index.shared(src[i].id, ref[j].id))

    linked = {j for js in chosen for j in js}
    nearest = pairs.score.argmax(axis=0)
    closest = {
        ref[j].id: link(int(nearest[j]), j)
        for j in range(len(ref))
        if j not in linked and pairs.score[nearest[j], j] >= params.unsure_score
    }
    links = {s.id: [link(i, j) for j in js] for i, (s, js) in enumerate(zip(src, chosen, strict=True))}
    best = pairs.score.argmax(axis=1)
    rewords = {
        src[i].id: link(i, int(best[i]))
        for i in range(len(src))
        if not chosen[i] and pairs.score[i, best[i]] >= params.unsure_score
    }
    bar = params.peer_base
    near = {
        src[i].id: tuple(link(i, int(j)) for j in top[i, : params.peer_candidates] if pairs.score[i, j] >= bar)
        for i in range(len(src))
        if not chosen[i] and pairs.score[i, best[i]] >= bar
    }
    return Alignment(links, closest, rewords, near)


def _confidence(score: float, params: Params) -> float:
    """A link score in [0, 1] for pages and the export: 0.5 at the no-counterpart bar."""
    return 1 / (1 + math.exp(-(score - params.null_score) * 2))
