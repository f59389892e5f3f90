"""List pages: all claims by section, what each version added, what each version dropped."""

from __future__ import annotations

from collections.abc import Callable

from retold.model import ClaimGroup, Status
from retold.render.markup import escape
from retold.render.pages.common import AT_A_GLANCE, Pages, fidelity_path, plural, strip_anchor, strips, version_path
from retold.render.pages.method import list_reliability


def claims_index(pages: Pages) -> str:
    corpus = pages.corpus
    parts = [
        "# All claims\n",
        f"{len(corpus.groups)} claim groups in the base version's reading order. "
        + (
            f"Each shows how many of the {len(corpus.versions)} versions carry it.\n"
            if len(corpus.versions) > AT_A_GLANCE
            else f"The dots show, version by version ({', '.join(pages.name(v.id) for v in corpus.versions)}), "
            "how it stands to the claim: solid blue in the base, solid green kept, striped changed, purple "
            "added (not in the base), a red outline dropped, faint grey not in that version.\n"
        ),
        _filters(pages),
    ]
    for k, (title, groups) in enumerate(pages.strips):
        parts.append(f"\n## {escape(title)} {{#{strip_anchor(k)}}}\n")
        parts += [pages.claim_item(g, "../", after=_facets(pages, g)) for g in groups]
    return "\n".join(parts) + "\n"


def _facets(pages: Pages, g: ClaimGroup) -> str:
    """What the claims filter reads from an item: the versions carrying it, and whether any changed it."""
    changed = any(r.status == Status.CHANGED for r in g.renderings)
    return f'<span class="rt-f" data-in="{" ".join(g.versions)}"{" data-changed" if changed else ""}></span>'


def _filters(pages: Pages) -> str:
    """Radio buttons over the list, shown only once the script that runs them has loaded."""
    options = "".join(f'<option value="{v.id}">{pages.name(v.id)}</option>' for v in pages.corpus.versions)
    choices = (
        ("all", "all claims"),
        ("every", f"in every version ({len(pages.corpus.versions)})"),
        ("changed", "changed somewhere"),
        ("only", "only in one version:"),
    )
    radios = "".join(
        f'<label><input type="radio" name="rt-filter" value="{value}"{" checked" if value == "all" else ""}> '
        f"{text}</label>"
        for value, text in choices
    )
    return (
        f'<form class="rt-filter" data-versions="{len(pages.corpus.versions)}" data-search-exclude hidden>'
        f"<fieldset><legend>Show</legend>{radios}"
        f'<select name="rt-only" aria-label="The version">{options}</select></fieldset>'
        '<p class="rt-meta" role="status" aria-live="polite"></p></form>\n'
    )


def _per_version(
    pages: Pages,
    title: str,
    intro: str,
    pick: Callable[[str], list[ClaimGroup]],
    anchor: str,
    body: Callable[[str], list[str]],
) -> str:
    """Each version's picked claims (`body` lays them out); for a large corpus, a table of counts
    linking each version's fidelity page."""
    parts = [f"# {title}\n", intro + "\n"]
    corpus = pages.corpus
    if len(corpus.versions) > AT_A_GLANCE:
        parts += ["| version | claims |", "|---|---|"]
        for v in corpus.versions:
            page = version_path(v.id) if v.id == corpus.base else f"{fidelity_path(v.id)}#{anchor}"
            parts.append(f'| <span id="{v.id}"></span>[{pages.name(v.id)}](../{page}) | {len(pick(v.id))} |')
        return "\n".join(parts) + "\n"
    for v in corpus.versions:
        if v.id == corpus.base:
            continue
        groups = pick(v.id)
        parts.append(f"## {pages.name(v.id)} {{#{v.id}}}\n")
        parts += body(v.id) if groups else ["None.\n"]
        parts.append("")
    return "\n".join(parts)


def _by_section(pages: Pages, groups: list[ClaimGroup], level: int, item: Callable[[ClaimGroup], str]) -> list[str]:
    """`groups` under headings of the base version's sections, in reading order, one `item` each."""
    picked = {g.id for g in groups}
    parts = []
    for section, in_section in strips(pages.corpus):
        items = [item(g) for g in in_section if g.id in picked]
        if items:
            parts += [f"{'#' * level} {escape(section)}\n", *items, ""]
    return parts


def added(pages: Pages) -> str:
    return _per_version(
        pages,
        "What each version added",
        "Claims that only one version carries, by section: an outlet's own material, or a claim the matcher found "
        "nowhere else; first those with nothing close in the base, then those whose closest base sentence comes "
        "close without being linked, so the claim perhaps rewords it. Words a version adds inside a claim it "
        "shares show on the claim's page. " + list_reliability("added"),
        pages.table.unique,
        "additions",
        lambda vid: added_parts(pages, vid, 3, dots=True),
    )


def dropped(pages: Pages) -> str:
    return _per_version(
        pages,
        "What each version dropped",
        f"Claims of the base version ({pages.name(pages.corpus.base)}) that a version leaves out, by section: "
        "first those with nothing close in it, then those where one of its sentences comes close without being "
        "linked, so the claim is perhaps only reworded. " + list_reliability("dropped"),
        lambda vid: pages.table.having(vid, Status.DROPPED),
        "dropped",
        lambda vid: dropped_parts(pages, vid, 3, dots=True),
    )


def dropped_parts(pages: Pages, vid: str, level: int, *, dots: bool) -> list[str]:
    """A version's dropped base claims: not found, then perhaps reworded with its closest sentence.
    Also the fidelity page's list, so both say the same."""
    missing, near = pages.table.dropped(vid, unsure=False), pages.table.dropped(vid, unsure=True)
    return _halves(
        pages,
        level,
        dots,
        f"{plural(len(missing) + len(near), 'claim')}: {len(missing)} not found, {len(near)} perhaps reworded.\n",
        (
            (f"Not found in {pages.name(vid)}", f"{vid}-not-found", missing, lambda g: ""),
            (f"Perhaps reworded in {pages.name(vid)}", f"{vid}-reworded", near, lambda g: pages.closest(g, vid, "../")),
        ),
    )


def added_parts(pages: Pages, vid: str, level: int, *, dots: bool) -> list[str]:
    """A version's claims of its own: nothing close in the base, then perhaps rewording a base
    claim, with the closest base sentence. Also the fidelity page's list."""
    groups = pages.table.unique(vid)
    near = [g for g in groups if pages.table.rewords(g.anchor) is not None]
    plain = [g for g in groups if g not in near]
    return _halves(
        pages,
        level,
        dots,
        f"{plural(len(groups), 'claim')}: {len(plain)} with nothing close in the base, "
        f"{len(near)} perhaps rewording a base claim.\n",
        (
            ("Nothing close in the base", f"{vid}-new", plain, lambda g: ""),
            ("Perhaps rewording a base claim", f"{vid}-rewording", near, lambda g: pages.rewording(g, "../")),
        ),
    )


def _halves(
    pages: Pages,
    level: int,
    dots: bool,
    summary: str,
    halves: tuple[tuple[str, str, list[ClaimGroup], Callable[[ClaimGroup], str]], ...],
) -> list[str]:
    """A count, then each half of a list under its own heading, by section."""
    parts = [summary]
    for title, anchor, groups, after in halves:
        parts.append(f"{'#' * level} {title} {{#{anchor}}}\n")
        items = _by_section(
            pages, groups, level + 1, lambda g, after=after: pages.claim_item(g, "../", dots=dots, after=after(g))
        )
        parts += items or ["None.\n", ""]
    return parts
