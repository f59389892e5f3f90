"""The parallel reader: one version beside the base, a row per claim, section by section.

One grid holds both columns, so they scroll together by construction; on phones each row
stacks the base wording above the version's. Every cell names its side for screen readers,
since a visual column heading is not announced with each cell.

A corpus of N versions has N - 1 of these pages, each holding the whole base, so they are most
of the site's text and were most of its render time. So wording is kept out of Markdown: it is
escaped text and `<ins>`/`<del>` inside raw HTML, which Python-Markdown passes through, and
only the one link of a row (which MkDocs must resolve and check) is Markdown. Side names are
"Base" and "This version", not the titles, and each row's link has one title, not the claim's
label (the row shows the claim; a long title or label on every row doubled the page). The
pages stay out of the search index: every one repeats the base, so a search for any base
sentence would list every version's page; its own version and claim pages are the hits.
"""

from __future__ import annotations

from retold.model import ClaimGroup, Status, Version
from retold.render.markup import escape, escape_heading
from retold.render.pages.common import STATUS_TEXT, Pages, claim_path, link, plural, version_path

ROWS = (Status.KEPT, Status.CHANGED, Status.ADDED, Status.DROPPED)


_NONE = '<span class="rt-none">{}</span>'


def _row(pages: Pages, v: Version, g: ClaimGroup, status: Status, seen: set[str]) -> str:
    base = pages.corpus.base
    compare = link("⇄", "../" + claim_path(g), title="This claim in every version", attrs="{.rt-x}")
    base_text = next((escape(r.text) for r in g.renderings if r.version == base), _NONE.format("not in the base"))
    mine = [r for r in g.renderings if r.version == v.id]
    if not mine:
        here = _NONE.format("not in this version")
    elif all(r.sentence in seen for r in mine):
        here = _NONE.format("the same sentence as above")
    else:
        here = " ".join(pages.wording(r) for r in mine)
    seen.update(r.sentence for r in mine)
    # raw HTML but for the link line: the md_in_html extension leaves a child without `markdown` alone
    return (
        f'<div class="rt-pair" data-status="{status.value}" markdown>\n'
        f'<div class="rt-side"><span class="rt-side-name">Base: </span>{base_text}</div>\n'
        f'<div class="rt-side" markdown><span class="rt-side-name">This version: </span>'
        f'<span class="rt-tag rt-row-{status.value}">{STATUS_TEXT[status]}</span> {compare}\n'
        f'<p class="rt-words">{here}</p>\n'
        "</div>\n</div>\n"
    )


def compare_page(pages: Pages, v: Version) -> str:
    corpus = pages.corpus
    stats = pages.table.stats(v.id)
    parts = [
        "---\nsearch:\n  exclude: true\n---\n",
        f"# {escape_heading(pages.names[v.id])} beside the base\n",
        f"The base version, [{pages.name(corpus.base)}](../{version_path(corpus.base)}), on the left; "
        f"[{pages.name(v.id)}](../{version_path(v.id)}) on the right, a row per claim in the base's reading "
        f"order. Of the base's {stats.base_claims} claims it keeps {stats.kept}, changes {stats.changed} and "
        f"drops {stats.dropped}; {plural(stats.unique, 'row')} "
        f"{'holds a claim' if stats.unique == 1 else 'hold claims'} the base does not have. In the right column, "
        "<ins>words it adds</ins> and <del>base words it leaves out</del>.\n",
    ]
    # column names for sighted readers; each cell names its side for screen readers instead
    head = (
        f'<div class="rt-pair rt-pair-head" aria-hidden="true"><div>{pages.name(corpus.base)} (base)</div>'
        f"<div>{pages.name(v.id)}</div></div>\n"
    )
    seen: set[str] = set()
    for title, groups in pages.strips:
        rows = [(g, pages.table.of(g, v.id)) for g in groups]
        rows = [(g, st) for g, st in rows if st in ROWS]
        if not rows:
            continue
        parts.append(f"## {escape(title)}\n")
        parts.append(f'<div class="rt-parallel" markdown>\n{head}')
        parts += [_row(pages, v, g, st, seen) for g, st in rows]
        parts.append("</div>\n")
    return "\n".join(parts)
