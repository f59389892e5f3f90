"""The home page (versions and the coverage overview) and the versions index."""

from __future__ import annotations

import math

from retold.model import ClaimGroup, Status, Version
from retold.render.export import SCHEMA
from retold.render.markup import escape, escape_heading
from retold.render.pages.common import (
    AT_A_GLANCE,
    STATUS_TEXT,
    Pages,
    claim_path,
    compare_path,
    fidelity_path,
    link,
    plural,
    strips,
    version_path,
)

EXPORT_PATH = "export/corpus.json"
LEGEND = {
    Status.BASE: "in the base (solid blue)",
    Status.KEPT: "kept (solid green)",
    Status.CHANGED: "changed (striped)",
    Status.ADDED: "added (ringed)",
    Status.DROPPED: "dropped (red outline)",
    Status.ABSENT: "not in this version (grey)",
}


def version_card(pages: Pages, v: Version, prefix: str) -> str:
    """A version at a glance; its claim counts add up to the base's claims, and say so."""
    corpus = pages.corpus
    m = v.meta
    stats = pages.table.stats(v.id)
    facts = escape(f"{m.relation or 'version'} · {stats.words:,} words · {plural(stats.sentences, 'sentence')}")
    if v.id == corpus.base:
        counts = (
            f"Base for comparison: {plural(stats.base_claims, 'claim')}, {stats.unique} of them in no other version"
        )
    else:
        counts = (
            f"Of the base's {stats.base_claims} claims: {stats.kept} kept · {stats.changed} changed · "
            f"{stats.dropped} dropped<br>\nPlus {stats.unique} not in the base"
        )
    links = [f"[Read]({prefix}{version_path(v.id)})"]
    if v.id != corpus.base:
        links.append(f"[Beside the base]({prefix}{compare_path(v.id)})")
        links.append(f"[Fidelity]({prefix}{fidelity_path(v.id)})")
    if m.url and m.url.startswith(("https://", "http://")):
        links.append(link("Source", m.url))
    return (
        f'<div class="rt-card" markdown>\n'
        f"**[{pages.name(v.id)}]({prefix}{version_path(v.id)})**<br>\n"
        f"{escape(m.title)}<br>\n"
        f'<span class="rt-facts">{facts}</span><br>\n'
        f"{counts}<br>\n"
        f"{' · '.join(links)}\n"
        f"</div>\n"
    )


# The coverage grid holds at most this many cells: with many claim groups it shows fewer
# version rows, so the home page stays small (the fidelity pages have the rest).
GRID_CELLS = 2400
SHARES = 4  # shades of the "all versions" row


def _cell(prefix: str, g: ClaimGroup, css: str, name: str, tip: str) -> str:
    """One linked cell: its name (aria-label) is fixed text, the claim is its title."""
    return link("", prefix + claim_path(g), title=tip, attrs=f'{{.rt-cell .{css} aria-label="{name}"}}')


def _row(name: str, cells: list[str]) -> str:
    return (
        f'<div class="rt-row" markdown><span class="rt-rowname">{name}</span>'
        f'<span class="rt-cells">{"".join(cells)}</span></div>'
    )


# The grid's geometry, as retold.css lays it out, for the height a strip reserves before it is
# laid out (below the fold, content-visibility skips it until it is scrolled near). The estimate
# takes the narrowest column of each layout, so it is never short: a strip reserving less than it
# holds let its cells overlap the links after the grid (Lighthouse's target-size audit found one).
# Wide: 12 px cells on a 14 px pitch beside an 8rem name, 16 px lines, in a column of at least 660 px.
WIDE_PER_LINE = (660 - 168 + 2) // 14
# Phones and touch screens: 24 px cells on a 26 px pitch under the name, in a column of at least 288 px.
NARROW_PER_LINE = (288 + 2) // 26
NAME_CHARS = (20, 36)  # characters of a version's name per 14 px line: beside the cells, above them
TITLE_CHARS = (60, 26)  # characters of a strip's title per line: wide, narrow


def _reserve(title: str, names: list[str], n_cells: int) -> str:
    """The heights a strip of `n_cells` cells a row keeps for itself until it is laid out, wide
    and narrow, as the custom properties retold.css reads."""

    def lines(n: int, per_line: int) -> int:
        return max(1, math.ceil(n / per_line))

    wide = sum(max(16 * lines(n_cells, WIDE_PER_LINE), 14 * lines(len(who), NAME_CHARS[0])) + 4 for who in names)
    narrow = sum(14 * lines(len(who), NAME_CHARS[1]) + 8 + 26 * lines(n_cells, NARROW_PER_LINE) + 4 for who in names)
    return "".join(
        f"--rt-{name}: calc({1.2 * lines(len(title), chars):.1f}rem + {px + 12}px);"
        for name, chars, px in (("wide", TITLE_CHARS[0], wide), ("narrow", TITLE_CHARS[1], narrow))
    )


def coverage(pages: Pages, prefix: str) -> str:
    """Claim groups x versions, one small linked cell each, strips per base section.

    With more versions than rows, a first row shades each claim by the share of all versions
    that carry it, so the whole corpus is still seen at a glance."""
    corpus = pages.corpus
    n = len(corpus.versions)
    shown = corpus.versions[: max(1, min(AT_A_GLANCE, GRID_CELLS // max(1, len(corpus.groups))))]
    out = ['<div class="rt-coverage" markdown>']
    everyone = f"All {n} versions"  # the share row's name, over the version rows when not all are shown
    names = ([everyone] if len(shown) < n else []) + [pages.names[v.id] for v in shown]
    for title, groups in strips(corpus):
        style = _reserve(title, names, len(groups))
        out.append(f'<div class="rt-strip" style="{style}" markdown>\n<p class="rt-strip-title">{escape(title)}</p>')
        if len(shown) < n:
            cells = []
            for g in groups:
                carried = f"carried by {len(g.versions)} of {n} versions"
                share = f"rt-share-{math.ceil(SHARES * len(g.versions) / n)}"
                cells.append(_cell(prefix, g, share, carried, f"{g.label} ({carried})"))
            out.append(_row(everyone, cells))
        for v in shown:
            cells = []
            for g in groups:
                st = pages.table.of(g, v.id)
                cells.append(
                    _cell(
                        prefix,
                        g,
                        f"rt-{st.value}",
                        STATUS_TEXT[st],
                        f"{g.label} ({STATUS_TEXT[st]} in {pages.names[v.id]})",
                    )
                )
            out.append(_row(pages.name(v.id), cells))
        out.append("</div>")
    out.append("</div>")
    return _legend(len(shown), n) + "\n".join(out) + "\n"


def _legend(shown: int, n: int) -> str:
    """The key, before the grid: every colour, each with its shape named in words."""
    keys = [f'<li><span class="rt-cell rt-{s.value}"></span> {LEGEND[s]}</li>' for s in LEGEND]
    if shown < n:
        shades = "".join(f'<span class="rt-cell rt-share-{k}"></span>' for k in range(1, SHARES + 1))
        keys.insert(
            0, f"<li>{shades} first row: the share of all {n} versions that carry the claim, from few to all</li>"
        )
    note = (
        f'<p class="rt-meta">Then the first {shown} versions; each version\'s fidelity page lists what it kept, '
        "changed and dropped.</p>\n"
        if shown < n
        else ""
    )
    return f'<ul class="rt-legend" aria-label="Key">{"".join(keys)}</ul>\n{note}\n'


def _story(pages: Pages) -> str:
    """The home page's opening line: the story and the versions that tell it, base first."""
    corpus = pages.corpus
    others = [pages.name(v.id) for v in corpus.versions if v.id != corpus.base]
    names = [f"<strong>{pages.name(corpus.base)}</strong> (the base)", *others[: AT_A_GLANCE - 1]]
    more = len(corpus.versions) - len(names)
    tail = f" and {more} more" if more else ""
    listed = ", ".join(names[:-1]) + f" and {names[-1]}" if len(names) > 1 and not more else ", ".join(names)
    line = f"One story told {plural(len(corpus.versions), 'way')}: {listed}{tail}"
    return line if line.endswith(("…", ".", "?", "!")) else line + "."  # a title cut with "…" ends it


def home(pages: Pages) -> str:
    corpus = pages.corpus
    base = corpus.version(corpus.base)
    n_multi = sum(1 for g in corpus.groups if len(g.versions) > 1)
    return "\n".join(
        [
            f"# {escape_heading(base.meta.title)}\n",
            f'<p class="rt-lead">{_story(pages)}</p>\n',
            f"Each version is cut into claims; claims that carry the same idea are grouped across "
            f"versions into **{len(corpus.groups)} claim groups**, {n_multi} of them found in more than "
            f"one version, and every version is compared with the base. "
            f"[How to read this site](reading.md).\n",
            "## Versions\n",
            '<div class="rt-cards" markdown>',
            *(version_card(pages, v, "") for v in corpus.versions[:AT_A_GLANCE]),
            "</div>\n",
            *(
                [f"[All {len(corpus.versions)} versions](versions/index.md)\n"]
                if len(corpus.versions) > AT_A_GLANCE
                else []
            ),
            "## Coverage\n",
            "Each cell is one claim group, in the base version's reading order; each row is a version. "
            "*Changed* means the version carries the claim with a difference worth checking (a number, "
            "a name, a hedge, a cause...). Select a cell to open the claim.\n",
            coverage(pages, ""),
            "## Lists\n",
            "- [All claims, by section](claims/index.md)",
            "- [Fidelity of each version](fidelity/index.md): kept, changed, dropped, added, with the evidence",
            "- [What each version added](lists/added.md): claims only that version carries",
            "- [What each version dropped](lists/dropped.md): base claims it leaves out",
            "- [Entities](entities.md): organisations and people, and the claims that name them",
            f"- [The export]({EXPORT_PATH}): the whole model as JSON (schema {SCHEMA})\n",
        ]
    )


def versions_index(pages: Pages) -> str:
    cards = "".join(version_card(pages, v, "../") for v in pages.corpus.versions)
    return f'# Versions\n\n<div class="rt-cards" markdown>\n{cards}</div>\n'
