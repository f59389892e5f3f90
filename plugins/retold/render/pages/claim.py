"""One page per claim group: the claim as each version words it, side by side."""

from __future__ import annotations

from retold.analyse.detectors import KINDS
from retold.analyse.status import has_base
from retold.model import ClaimGroup, FlagStrength, Rendering, Status
from retold.render.markup import escape, escape_heading
from retold.render.pages.common import Pages, fidelity_path, link, match_words, strip_anchor, version_path


def _rendering(pages: Pages, g: ClaimGroup, r: Rendering) -> str:
    corpus = pages.corpus
    v = corpus.version(r.version)
    is_base = r.version == corpus.base
    head = [f"[{pages.name(r.version)}](../{version_path(r.version)}#{pages.anchor(r.sentence)})"]
    head.append(escape(v.meta.relation or "version"))
    if is_base:
        head.append("base")
    elif r.status != Status.ADDED:
        head.append(f'<span title="match score {r.score:.2f}">{match_words(r.score)}</span>')
    if r.status and not is_base:
        head.append(f'<span class="rt-status rt-{r.status}">{escape(r.status)}</span>')
    extra = []
    if r.flags:
        marks = {FlagStrength.FLAG: "", FlagStrength.NOTE: " (note)"}
        items = "".join(
            f"<li><strong>{KINDS[f.kind]}</strong>{marks[f.strength]}: {escape(f.detail)}</li>" for f in r.flags
        )
        notes = " A note is weaker evidence: it does not make the claim changed." if r.status != Status.CHANGED else ""
        extra.append(
            f'<ul class="rt-flags">{items}</ul>\n<p class="rt-why" markdown>Flags are evidence, not verdicts: '
            f"compare the wordings.{notes} [All of this version's flags](../{fidelity_path(r.version)})</p>"
        )
    if r.shared_terms and not is_base:
        extra.append(f'<p class="rt-why">Shared terms: {escape(", ".join(r.shared_words))}</p>')
    others = [o for o in pages.groups_of.get(r.sentence, []) if o.id != g.id]
    if others:
        more = f" and {len(others) - 6} more" if len(others) > 6 else ""
        links = "; ".join(f"[{escape(o.label)}]({o.id}.md)" for o in others[:6])
        extra.append(f'<p class="rt-also" markdown>This sentence also carries: {links}{more}</p>')
    cls = "rt-base" if is_base else f"rt-{r.status or 'kept'}"
    return (
        f'<div class="rt-rendering {cls}" markdown>\n'
        f'<p class="rt-who" markdown>{" · ".join(head)}</p>\n'
        f"<blockquote markdown>\n{pages.wording(r)}\n</blockquote>\n" + "\n".join(extra) + "\n</div>\n"
    )


def claim_page(pages: Pages, i: int) -> str:
    corpus = pages.corpus
    g = corpus.groups[i]
    order = {v.id: k for k, v in enumerate(corpus.versions)}
    renderings = sorted(g.renderings, key=lambda r: (order[r.version], r.start))
    # claim pages lead search results for a claim's words; they have no contents to list, so the
    # contents column is hidden and the wordings take its width (between 1000 and 1220 px it was
    # an empty third of the screen)
    parts = ["---\nsearch:\n  boost: 2\nhide:\n  - toc\n---\n", f"# {escape_heading(g.label)}\n"]
    k = pages.strip_of[g.id]
    section = link(escape(pages.strips[k][0]), f"index.md#{strip_anchor(k)}")
    where = f"Section: {section} · claim {i + 1} of {len(corpus.groups)} · {link('All claims', 'index.md')}"
    parts.append(f'<p class="rt-meta" markdown>{where}</p>\n')
    if not has_base(g, corpus):
        parts.append(
            f'<p class="rt-note">Not in the base version ({pages.name(corpus.base)}): '
            f"added by {', '.join(pages.name(v) for v in g.versions)}.</p>\n"
        )
        near = pages.rewording(g, "../")
        if near:
            parts.append(
                '<p class="rt-meta" markdown>Perhaps a rewording of a base claim rather than new: a base sentence '
                f"comes close, below what a link needs; compare the wordings.</p>\n\n- {near}\n"
            )
    elif len(g.renderings) > 1:
        parts.append(
            '<p class="rt-meta">Each version is shown against the base wording: <ins>words it adds</ins>, '
            "<del>base words it leaves out</del>. Words that differ only in form (lab, laboratories) or "
            "in the name used for the same entity count as the same.</p>\n"
        )
    parts.append('<div class="rt-renderings" markdown>\n')
    parts += [_rendering(pages, g, r) for r in renderings]
    parts.append("</div>\n")
    missing = [v.id for v in corpus.versions if v.id not in g.versions]
    if missing:
        parts.append(f"**Not carried by:** {', '.join(pages.name(v) for v in missing)}.\n")
        near = [pages.closest(g, v, "../") for v in missing]
        if any(near):
            parts.append(
                '<p class="rt-meta" markdown>Perhaps reworded rather than dropped: a sentence comes close, '
                "below what a link needs; compare the wordings.</p>\n"
            )
            parts += [f"- {n}" for n in near if n]
            parts.append("")
    else:
        parts.append("**Carried by every version.**\n")
    nav = []
    if i > 0:
        prev = corpus.groups[i - 1]
        nav.append(f"← Previous: [{escape(prev.label)}]({prev.id}.md)")
    if i + 1 < len(corpus.groups):
        nxt = corpus.groups[i + 1]
        nav.append(f"Next: [{escape(nxt.label)}]({nxt.id}.md) →")
    parts.append('<nav class="rt-prevnext" data-search-exclude markdown>\n' + "<br>\n".join(nav) + "\n</nav>\n")
    return "\n".join(parts)
