"""Measure alignment quality: against a gold file, and on synthetic retellings (held out).

    python -m retold.quality.evaluate --gold ../shared/eval/gold-001.json
    python -m retold.quality.evaluate --synthetic 5
    python -m retold.quality.evaluate --gold GOLD --synthetic 5 --record plugins/retold/quality/accuracy.json
    python -m retold.quality.evaluate --stories tests/data/stories

`--stories` builds each real story folder (`seeds/` with no manifest, so the base is chosen as
for any new corpus, and `gold-*.json` against its primary text) and prints the stories the
matcher was tuned on apart from those held out (`split.yml` in that folder says which).

`--record` writes the figures the site's method page states. Each synthetic check retells the
base seed with a known answer; `--unlisted` adds each retelling beside all the seeds without a
manifest entry, as a newly dropped-in version would arrive.

The measures follow the shared scorer: a predicted link is a (target sentence, reference
sentence) pair whose spans overlap renderings of one claim (half the sentence or half the
rendering); sentence-accuracy is the share of target sentences with a counterpart whose links
reach at least one right one.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from collections.abc import Mapping, Sequence
from dataclasses import astuple, dataclass, field
from pathlib import Path
from typing import Any

import yaml

from retold.analyse.detectors import KINDS, NOTES, SEPARATES
from retold.errors import RetoldError
from retold.match.align import Params
from retold.model import Corpus, FlagKind, FlagStrength, Version
from retold.pipeline import base_version, build_corpus
from retold.quality.synth import PROFILES, Retelling, retell

Span = tuple[int, int]


@dataclass(frozen=True)
class Scores:
    """Link precision and recall, sentence-accuracy, added content left unlinked, coverage."""

    gold_links: int
    predicted: int
    correct: int
    matched: int
    right: int
    added: int
    added_unlinked: int
    scored: int
    covered: int
    dropped: int = 0
    """Base sentences the build says the target leaves out…"""
    dropped_right: int = 0
    """…of which no gold link from the target reaches this many (what a "dropped" list gets right)."""
    unlinked: int = 0
    """Scored target sentences the build links to no reference sentence (of which `added_unlinked`
    really have no counterpart: what an "added" list gets right)."""
    unsure: int = 0
    """Of the `dropped` base sentences, those listed apart as perhaps reworded (`Corpus.unsure`)…"""
    unsure_missing: int = 0
    """…of which this many are really missing (the rest are reworded, as the list suggests)."""
    unsure_added: int = 0
    """Of the `unlinked` target sentences, those listed apart as perhaps rewording a base claim…"""
    unsure_added_added: int = 0
    """…of which this many really have no counterpart."""

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.correct / self.gold_links if self.gold_links else 0.0

    @property
    def accuracy(self) -> float:
        return self.right / self.matched if self.matched else 0.0

    @property
    def dropped_precision(self) -> float:
        return self.dropped_right / self.dropped if self.dropped else 1.0

    @property
    def not_found_precision(self) -> float:
        """Of the dropped base sentences not listed as perhaps reworded, the share really missing."""
        sure = self.dropped - self.unsure
        return (self.dropped_right - self.unsure_missing) / sure if sure else 1.0

    @property
    def unsure_precision(self) -> float:
        """Of the base sentences listed as perhaps reworded, the share really in the version."""
        return (self.unsure - self.unsure_missing) / self.unsure if self.unsure else 1.0

    @property
    def added_precision(self) -> float:
        return self.added_unlinked / self.unlinked if self.unlinked else 1.0

    @property
    def nothing_close_precision(self) -> float:
        """Of the sentences said to be added and not listed as perhaps rewording a base claim, the
        share that really have no counterpart."""
        sure = self.unlinked - self.unsure_added
        return (self.added_unlinked - self.unsure_added_added) / sure if sure else 1.0

    @property
    def rewords_precision(self) -> float:
        """Of the sentences listed as perhaps rewording a base claim, the share that really have a
        counterpart."""
        n = self.unsure_added
        return (n - self.unsure_added_added) / n if n else 1.0

    def __add__(self, other: Scores) -> Scores:
        """Pooled counts of two scorings (micro-averaging over several retellings)."""
        return Scores(*(a + b for a, b in zip(astuple(self), astuple(other), strict=True)))

    def summary(self) -> str:
        return (
            f"precision {self.precision:.3f} recall {self.recall:.3f} sentence-accuracy {self.accuracy:.3f} "
            f"(links {self.correct}/{self.predicted} right of {self.gold_links} gold; "
            f"added left unlinked {self.added_unlinked}/{self.added}; coverage {self.covered}/{self.scored}; "
            f"dropped right {self.dropped_right}/{self.dropped} (not found {self.dropped_right - self.unsure_missing}/"
            f"{self.dropped - self.unsure} really missing, perhaps reworded {self.unsure - self.unsure_missing}/"
            f"{self.unsure} really there); "
            f"unlinked really added {self.added_unlinked}/{self.unlinked} (nothing close "
            f"{self.added_unlinked - self.unsure_added_added}/{self.unlinked - self.unsure_added} really added, "
            f"perhaps rewording {self.unsure_added - self.unsure_added_added}/{self.unsure_added} really have a "
            "counterpart))"
        )


def _hit(spans: list[Span], sentences: Mapping[str, Span]) -> set[str]:
    out = set()
    for key, (s0, s1) in sentences.items():
        for a0, a1 in spans:
            ov = max(0, min(s1, a1) - max(s0, a0))
            if ov and (ov * 2 >= s1 - s0 or ov * 2 >= a1 - a0):
                out.add(key)
                break
    return out


def score(
    corpus: Corpus,
    target: str,
    reference: str,
    target_sentences: Mapping[str, Span],
    reference_sentences: Mapping[str, Span],
    truth: Mapping[str, set[str]],
    carried: set[str] | None = None,
) -> Scores:
    """Score the links between two versions; `truth` maps each scored target sentence to its matches.

    `carried`: the reference sentences some target sentence carries, headings included (as the
    shared `dropped.py` counts them); by default those that `truth` reaches."""
    predicted: set[tuple[str, str]] = set()
    covered: set[str] = set()
    rendered: set[str] = set()
    linked_here: set[str] = set()
    for g in corpus.groups:
        anchored = _hit([(r.start, r.end) for r in g.renderings if r.version == reference], reference_sentences)
        rendered |= anchored
        if any(r.version == target for r in g.renderings):
            linked_here |= anchored
        t_spans = [(r.start, r.end) for r in g.renderings if r.version == target]
        r_spans = [(r.start, r.end) for r in g.renderings if r.version == reference]
        th = _hit(t_spans, target_sentences) & set(truth)
        covered |= th
        if th and r_spans:
            rh = _hit(r_spans, reference_sentences)
            predicted |= {(t, r) for t in th for r in rh}
    gold = {(t, r) for t, rs in truth.items() for r in rs}
    matched = {t for t, rs in truth.items() if rs}
    added = {t for t, rs in truth.items() if not rs}
    linked = {t for t, _ in predicted}
    right = {t for t, _ in predicted & gold}
    dropped = rendered - linked_here
    gold_carried = carried if carried is not None else {r for rs in truth.values() for r in rs}
    # the halves listed as perhaps reworded / rewording: near misses against the base, so only
    # when the reference is the base
    unsure: set[str] = set()
    unsure_added: set[str] = set()
    if reference == corpus.base:
        spans = [corpus.sentence(u.anchor) for u in corpus.unsure if u.version == target]
        unsure = _hit([(s.start, s.end) for s in spans], reference_sentences) & dropped
        spans = [corpus.sentence(u.sentence) for u in corpus.unsure_added if u.version == target]
        unsure_added = _hit([(s.start, s.end) for s in spans], target_sentences) & (set(truth) - linked)
    return Scores(
        gold_links=len(gold),
        predicted=len(predicted),
        correct=len(predicted & gold),
        matched=len(matched),
        right=len(right & matched),
        added=len(added),
        added_unlinked=len(added - linked),
        scored=len(truth),
        covered=len(covered),
        dropped=len(dropped),
        dropped_right=len(dropped - gold_carried),
        unlinked=len(set(truth) - linked),
        unsure=len(unsure),
        unsure_missing=len(unsure - gold_carried),
        unsure_added=len(unsure_added),
        unsure_added_added=len(unsure_added & added),
    )


def score_gold(corpus: Corpus, gold: Mapping) -> Scores:  # type: ignore[type-arg]
    """Score against a gold file in the shared format (target/reference sentences, links)."""
    by_file = {v.meta.file: v.id for v in corpus.versions}
    tfile, rfile = gold["target"]["file"], gold["reference"]["file"]
    if tfile not in by_file or rfile not in by_file:
        raise RetoldError(tfile, "the gold file names a version that is not in the seeds.")
    truth = {
        t: set(link["match"]) for t, link in gold["links"].items() if link["kind"] not in ("heading", "boilerplate")
    }
    return score(
        corpus,
        by_file[tfile],
        by_file[rfile],
        {k: tuple(v) for k, v in gold["target"]["sentences"].items()},
        {k: tuple(v) for k, v in gold["reference"]["sentences"].items()},
        truth,
        {r for link in gold["links"].values() for r in link["match"]},
    )


@dataclass
class FlagRates:
    """How often each fidelity detector fires on sentences careful readers marked faithful ("same")
    against distorted ones: a detector that fires as often on both tells a reader nothing."""

    faithful: int = 0
    distorted: int = 0
    added: int = 0
    added_marked: int = 0
    fired: dict[str, list[int]] = field(default_factory=dict)
    """Detector kind (and "any": a flag or status changed) -> [on faithful, on distorted]."""

    def add(self, other: FlagRates) -> FlagRates:
        fired = {k: list(v) for k, v in self.fired.items()}
        for k, (f, d) in other.fired.items():
            fired.setdefault(k, [0, 0])
            fired[k][0] += f
            fired[k][1] += d
        return FlagRates(
            self.faithful + other.faithful,
            self.distorted + other.distorted,
            self.added + other.added,
            self.added_marked + other.added_marked,
            fired,
        )

    def summary(self) -> str:
        rows = [
            f"{kind}{' (note)' if kind in NOTES else ''}: faithful {f}/{self.faithful}, distorted {d}/{self.distorted}"
            for kind, (f, d) in sorted(self.fired.items(), key=lambda kv: kv[0] != "any")
        ]
        return "; ".join([*rows, f"added marked added {self.added_marked}/{self.added}"])

    def separates(self, kind: str) -> bool:
        """The rule `retold.analyse.detectors.NOTES` follows: a kind is a flag when it fires on some
        distorted sentence, on a share of them at least SEPARATES times its share of faithful ones.

        >>> rates = FlagRates(44, 18, fired={"quote": [7, 6], "entity": [0, 3], "hedge": [2, 0]})
        >>> [rates.separates(k) for k in ("quote", "entity", "hedge", "cause")]
        [False, True, False, False]
        """
        f, d = self.fired.get(kind, [0, 0])
        return d > 0 and d * self.faithful >= SEPARATES * f * self.distorted


def rule_notes(dev: FlagRates) -> frozenset[FlagKind]:
    """The kinds the rule makes notes, from rates on dev data: what `NOTES` must be.

    >>> notes = rule_notes(FlagRates(44, 18, fired={"quote": [7, 6], "entity": [0, 3]}))
    >>> "quote" in notes, "entity" in notes, "cause" in notes
    (True, False, True)
    """
    return frozenset(kind for kind in KINDS if not dev.separates(kind))


def fidelity_table(parts: Mapping[str, FlagRates]) -> str:
    """Each detector's rate on faithful and distorted sentences, one column pair per part of the
    split (dev first, then each held-out part on its own: a translation's faithful sentences would
    swamp the retellings'), with the strength it has and the strength the rule gives it on dev
    (they should agree)."""
    dev = parts["dev"]

    def rate(rates: FlagRates, kind: str, column: int) -> str:
        n = rates.fired.get(kind, [0, 0])[column]
        total = rates.distorted if column else rates.faithful
        return f"{n}/{total} ({100 * n / max(1, total):.0f}%)"

    labels = [label.replace("_", " ") for label in parts]
    head = " | ".join(
        ["kind", "strength", "rule on dev", *(f"{x} {c}" for x in labels for c in ("faithful", "distorted"))]
    )
    rows = [
        head,
        "any flag (status changed) | | | " + " | ".join(rate(r, "any", c) for r in parts.values() for c in (0, 1)),
    ]
    for kind in KINDS:
        rule = FlagStrength.NOTE if kind in rule_notes(dev) else FlagStrength.FLAG
        strength = FlagStrength.NOTE if kind in NOTES else FlagStrength.FLAG
        cells = " | ".join(rate(r, kind, c) for r in parts.values() for c in (0, 1))
        rows.append(f"{kind} | {strength} | {rule} | {cells}")
    added = " | ".join(
        f"{r.added_marked}/{r.added} ({100 * r.added_marked / max(1, r.added):.0f}%)" for r in parts.values()
    )
    rows.append(f"added content marked added ({' | '.join(labels)}) | {added}")
    return "\n".join(rows)


def flag_rates(corpus: Corpus, gold: Mapping) -> FlagRates:  # type: ignore[type-arg]
    """Detector rates on one gold file's target sentences, as the shared `fidelity.py` counts them."""
    version = {v.meta.file: v.id for v in corpus.versions}[gold["target"]["file"]]
    renderings = [r for g in corpus.groups for r in g.renderings if r.version == version]
    rates = FlagRates(fired={"any": [0, 0]})
    for sid, link in gold["links"].items():
        kind = link["kind"]
        if kind not in ("same", "distorted", "added"):
            continue
        s0, s1 = gold["target"]["sentences"][sid]
        hits = [r for r in renderings if min(s1, r.end) - max(s0, r.start) > (s1 - s0) / 2]
        if kind == "added":
            rates.added += 1
            rates.added_marked += any(r.status == "added" for r in hits)
            continue
        column = 0 if kind == "same" else 1
        if column:
            rates.distorted += 1
        else:
            rates.faithful += 1
        rates.fired["any"][column] += any(r.status == "changed" for r in hits)
        for detector in {f.kind for r in hits for f in r.flags}:
            rates.fired.setdefault(detector, [0, 0])[column] += 1
    return rates


def score_story(folder: Path, params: Params | None = None) -> dict[str, tuple[Scores, FlagRates]]:
    """Build a real story (`folder/seeds`, no manifest) and score it against each of its gold files."""
    corpus = build_corpus(folder / "seeds", params)
    golds = {path.name: json.loads(path.read_text(encoding="utf-8")) for path in sorted(folder.glob("gold-*.json"))}
    return {name: (score_gold(corpus, gold), flag_rates(corpus, gold)) for name, gold in golds.items()}


def read_split(stories: Path) -> dict[str, list[str]]:
    """`split.yml` of a stories folder: which stories the matcher was tuned on (`dev`), which were
    held out (every other part, each pooled on its own)."""
    split = yaml.safe_load((stories / "split.yml").read_text(encoding="utf-8"))
    return {str(part): list(names or []) for part, names in split.items()}


def score_synthetic(
    seeds_dir: Path, seed: int, params: Params | None = None, *, unlisted: bool = False, **ops: float
) -> Scores:
    """Retell the base version of `seeds_dir` synthetically and score the alignment of that pair.

    With `unlisted`, the retelling joins a copy of the whole seeds folder with no manifest entry;
    otherwise the corpus is the base and the retelling alone.
    """
    base = base_version(seeds_dir)
    retelling = retell(base, seed, **ops)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "seeds"
        if unlisted:
            shutil.copytree(seeds_dir, folder)
            (folder / "synthetic-retelling.txt").write_text(retelling.text, encoding="utf-8")
            target, reference = "synthetic-retelling", base.id
        else:
            folder.mkdir()
            (folder / "base.txt").write_text(base.text, encoding="utf-8")
            (folder / "retold.txt").write_text(retelling.text, encoding="utf-8")
            (folder / "seeds.yml").write_text(
                "base: base\nversions:\n  - file: base.txt\n    id: base\n  - file: retold.txt\n    id: retold\n",
                encoding="utf-8",
            )
            target, reference = "retold", "base"
        corpus = build_corpus(folder, params)
    return score_retelling(corpus, target, reference, base, retelling)


def score_retelling(corpus: Corpus, target: str, reference: str, base: Version, retelling: Retelling) -> Scores:
    """Score version `target` of `corpus`, a retelling of `base` (version `reference`), against its truth."""
    targets = {str(k): (a, b) for k, (a, b, _) in enumerate(retelling.truth)}
    refs = {str(s.index): (s.start, s.end) for s in base.sentences}
    truth = {str(k): {str(i) for i in src} for k, (_, _, src) in enumerate(retelling.truth)}
    return score(corpus, target, reference, targets, refs, truth)


def _run(check: str, scores: Scores, runs: list[dict[str, Any]], stories: Sequence[str] = ()) -> None:
    """Print one check's scores and record them; `stories`: the real stories it pools, if any."""
    print(f"{check}{': ' + ', '.join(stories) if stories else ''}: {scores.summary()}")
    runs.append(
        {
            "check": check,
            **({"stories": list(stories)} if stories else {}),
            "accuracy": round(scores.accuracy, 3),
            "precision": round(scores.precision, 3),
            "recall": round(scores.recall, 3),
            "coverage": f"{scores.covered}/{scores.scored}",
            "dropped_precision": round(scores.dropped_precision, 3),
            "not_found_precision": round(scores.not_found_precision, 3),
            "unsure_precision": round(scores.unsure_precision, 3),
            "added_precision": round(scores.added_precision, 3),
            "nothing_close_precision": round(scores.nothing_close_precision, 3),
            "rewords_precision": round(scores.rewords_precision, 3),
        }
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m retold.quality.evaluate", description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=Path, default=Path("seeds"))
    parser.add_argument("--gold", type=Path, action="append", default=[], help="gold file (repeatable)")
    parser.add_argument("--no-glossary", action="store_true", help="ignore seeds/glossary.yml")
    parser.add_argument("--stories", type=Path, help="folder of real stories with gold (tests/data/stories)")
    parser.add_argument("--synthetic", type=int, default=0, help="also score N synthetic retellings per profile")
    parser.add_argument("--unlisted", action="store_true", help="add retellings beside all seeds, unlisted")
    parser.add_argument("--record", type=Path, help="write the figures as JSON for the site's method page")
    args = parser.parse_args(argv)
    runs: list[dict[str, Any]] = []
    rates_by_part: dict[str, FlagRates] = {"dev": FlagRates()}
    try:
        for use_glossary in (False, True) if args.gold and not args.no_glossary else (not args.no_glossary,):
            started = time.perf_counter()
            corpus = build_corpus(args.seeds, use_glossary=use_glossary)
            elapsed = time.perf_counter() - started
            sentences = sum(len(v.sentences) for v in corpus.versions)
            print(
                f"build step ({'with' if use_glossary else 'without'} glossary): {len(corpus.versions)} versions, "
                f"{sentences} sentences, {len(corpus.groups)} groups; parse + match + group in {elapsed:.2f} s"
            )
            for path in args.gold:
                gold = json.loads(path.read_text(encoding="utf-8"))
                glossary = "with glossary" if use_glossary else "without glossary"
                _run(f"gold {path.name}, {glossary}", score_gold(corpus, gold), runs)
                rates = flag_rates(corpus, gold)
                print(f"  fidelity flags: {rates.summary()}")
                if use_glossary or args.no_glossary:  # the gold corpus is dev data, scored as the site builds it
                    rates_by_part["dev"] = rates_by_part["dev"].add(rates)
        if args.stories:
            for part, names in read_split(args.stories).items():
                pooled: Scores | None = None
                flags = FlagRates()
                for name in names:
                    for gold, (scores, rates) in score_story(args.stories / name).items():
                        print(f"  {part} story {name}, {gold}: {scores.summary()}")
                        pooled = scores if pooled is None else pooled + scores
                        flags = flags.add(rates)
                if pooled is not None:
                    label = "tuned on" if part == "dev" else f"{part.replace('_', ' ')} (not tuned on)"
                    _run(f"stories {label}", pooled, runs, names)
                    print(f"  fidelity flags, {label}: {flags.summary()}")
                rates_by_part[part] = rates_by_part.get(part, FlagRates()).add(flags)
            print("fidelity detectors, dev (--gold files and dev stories) against each held-out part:")
            print(fidelity_table(rates_by_part))
        for profile, ops in PROFILES.items() if args.synthetic else ():
            started = time.perf_counter()
            pooled = [score_synthetic(args.seeds, n, unlisted=args.unlisted, **ops) for n in range(args.synthetic)]
            elapsed = time.perf_counter() - started
            where = "beside the seeds, unlisted" if args.unlisted else "paired with the base"
            _run(f"synthetic '{profile}' retellings x{args.synthetic} ({where})", sum(pooled[1:], pooled[0]), runs)
            print(f"  {args.synthetic} builds in {elapsed:.2f} s ({elapsed / args.synthetic:.2f} s each)")
        if args.record:
            args.record.write_text(json.dumps({"runs": runs}, indent=2) + "\n", encoding="utf-8")
            print(f"recorded {len(runs)} checks in {args.record}")
    except (RetoldError, OSError, ValueError, KeyError) as exc:
        print(f"retold.quality.evaluate: error: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
