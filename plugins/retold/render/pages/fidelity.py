"""Fidelity pages: per version, the share of base claims kept, changed and dropped, its
additions, and every flag grouped by kind with both wordings a click away."""

from __future__ import annotations

from collections import Counter

from retold.analyse.detectors import KINDS, NOTES
from retold.model import ClaimGroup, Flag, Version
from retold.render.markup import escape, escape_heading, marked
from retold.render.pages.common import Pages, claim_path, fidelity_path, plural
from retold.render.pages.lists import added_parts, dropped_parts


def _share(n: int, total: int) -> str:
    return f"{n} ({100 * n / total:.0f}%)" if total else str(n)


def summary_line(pages: Pages, v: Version) -> str:
    """One sentence a reader can quote."""
    s = pages.table.stats(v.id)
    kinds = _flag_counts(pages, v)
    top = ", ".join(f"{KINDS[k].lower()} ({n})" for k, n in kinds.most_common(2))
    line = (
        f"{pages.names[v.id]} carries {s.shared} of the base version's {s.base_claims} claims "
        f"({100 * s.shared / max(1, s.base_claims):.0f}%), {s.changed} of them with a flagged difference, "
        f"drops {s.dropped} and adds {plural(s.unique, 'claim')} of its own"
    )
    return line + (f"; its most frequent flags are {top}." if top else ".")


def _flag_counts(pages: Pages, v: Version) -> Counter[str]:
    return Counter(f.kind for _, f in pages.flags_of(v.id))


def _evidence(pages: Pages, v: Version, g: ClaimGroup, f: Flag) -> str:
    """A flag as a list item: the claim, the detail, then this version's wording beside the
    base's, the words the flag is about marked in each."""
    wording = next(r.text for r in g.renderings if r.version == v.id and f in r.flags)
    base_id = pages.corpus.base
    base = next(r.text for r in g.renderings if r.version == base_id)
    return (
        f"- [{escape(g.label)}](../{claim_path(g)}): {escape(f.detail)}<br>"
        f'<span class="rt-wording">{pages.name(v.id)}: {marked(wording, f.here)}</span>'
        f'<span class="rt-wording rt-base-wording">{pages.name(base_id)} (base): {marked(base, f.base)}</span>'
    )


def fidelity_page(pages: Pages, v: Version) -> str:
    s = pages.table.stats(v.id)
    parts = [
        f"# Fidelity: {escape_heading(pages.names[v.id])}\n",
        f'<p class="rt-summary">{escape(summary_line(pages, v))}</p>\n',
        "| of the base version's claims | count |\n|---|---|",
        f"| kept | {_share(s.kept, s.base_claims)} |",
        f"| changed (flagged) | {_share(s.changed, s.base_claims)} |",
        f"| dropped | {_share(s.dropped, s.base_claims)} |",
        f"| … of which [perhaps reworded](#{v.id}-reworded) | {len(pages.table.dropped(v.id, unsure=True))} |",
        f"| **added** (only this version) | {s.unique} |\n",
        "Flags are evidence, not verdicts: each one shows this version's wording and the base's, "
        "with the words it is about marked. Weaker kinds of evidence are shown only on claim pages, "
        "as notes, and are not counted here.\n",
    ]
    by_kind: dict[str, list[str]] = {}
    for g, f in pages.flags_of(v.id):
        by_kind.setdefault(f.kind, []).append(_evidence(pages, v, g, f))
    for kind in (k for k in KINDS if k not in NOTES):
        items = by_kind.get(kind, [])
        parts.append(f"## {KINDS[kind]} {{#{kind}}}\n")
        parts += [*items, ""] if items else ["None flagged.\n"]
    parts.append("## Additions {#additions}\n")
    parts += added_parts(pages, v.id, 3, dots=False)
    parts.append("## Dropped from the base {#dropped}\n")
    parts += dropped_parts(pages, v.id, 3, dots=False)
    return "\n".join(parts) + "\n"


def fidelity_index(pages: Pages) -> str:
    """Two tables, claims then flags (one wide table would scroll sideways), and a line per version."""
    corpus = pages.corpus
    others = [v for v in corpus.versions if v.id != corpus.base]
    links = {v.id: f"[{pages.name(v.id)}](../{fidelity_path(v.id)})" for v in others}
    claims = ["| version | kept | changed | dropped | added |", "|---|---|---|---|---|"]
    kinds = [k for k in KINDS if k not in NOTES]
    heads = " | ".join(f'<span class="rt-th">{KINDS[k]}</span>' for k in kinds)
    flags = [f"| version | {heads} |", "|---|" + "---|" * len(kinds)]
    for v in others:
        s = pages.table.stats(v.id)
        counts = _flag_counts(pages, v)
        claims.append(f"| {links[v.id]} | {s.kept} | {s.changed} | {s.dropped} | {s.unique} |")
        flags.append(f"| {links[v.id]} | " + " | ".join(str(counts[k]) for k in kinds) + " |")
    lines = [f"- {escape(summary_line(pages, v))}" for v in others]
    return "\n".join(
        [
            "# Fidelity\n",
            f"How each version stands to the base version ({pages.name(corpus.base)}), claim by claim.\n",
            "## Claims\n",
            "Base claims each version kept (as they are, or changed) and dropped, and claims only it carries.\n",
            *claims,
            "",
            "## Flags\n",
            "Sentences carrying each kind of flag: evidence of a difference worth checking, not a verdict.\n",
            '<div class="rt-table" markdown>\n',
            *flags,
            "\n</div>\n",
            "## In a sentence\n",
            *lines,
            "",
        ]
    )
