"""List pages: all claims by section, what each version added, what each version dropped."""

from __future__ import annotations

from collections.abc import Callable

from retold.analyse import Status
from retold.markup import escape
from retold.model import ClaimGroup
from retold.pages.common import AT_A_GLANCE, Pages, fidelity_path, plural, strips, version_path


def claims_index(pages: Pages) -> str:
    corpus = pages.corpus
    parts = [
        "# All claims\n",
        f"{len(corpus.groups)} claim groups in the base version's reading order. "
        + (
            f"Each shows how many of the {len(corpus.versions)} versions carry it.\n"
            if len(corpus.versions) > AT_A_GLANCE
            else f"The dots show, version by version ({', '.join(pages.name(v.id) for v in corpus.versions)}), "
            "whether the claim is there.\n"
        ),
    ]
    for title, groups in strips(corpus):
        parts.append(f"\n## {escape(title)}\n")
        parts += [pages.claim_item(g, "../") for g in groups]
    return "\n".join(parts) + "\n"


def _per_version(pages: Pages, title: str, intro: str, pick: Callable[[str], list[ClaimGroup]], anchor: str) -> str:
    """Each version's picked claims; for a large corpus, a table of counts linking each version's fidelity page."""
    parts = [f"# {title}\n", intro + "\n"]
    corpus = pages.corpus
    if len(corpus.versions) > AT_A_GLANCE:
        parts += ["| version | claims |", "|---|---|"]
        for v in corpus.versions:
            page = version_path(v.id) if v.id == corpus.base else f"{fidelity_path(v.id)}#{anchor}"
            parts.append(f'| <span id="{v.id}"></span>[{pages.name(v.id)}](../{page}) | {len(pick(v.id))} |')
        return "\n".join(parts) + "\n"
    for v in corpus.versions:
        groups = pick(v.id)
        parts.append(f"## {pages.name(v.id)} {{#{v.id}}}\n")
        parts.append(f"{plural(len(groups), 'claim')}.\n" if groups else "None.\n")
        parts += [pages.claim_item(g, "../") for g in groups]
        parts.append("")
    return "\n".join(parts)


def added(pages: Pages) -> str:
    return _per_version(
        pages,
        "What each version added",
        "Claims that only one version carries: an outlet's own material, or a claim the matcher found nowhere else.",
        pages.table.unique,
        "additions",
    )


def dropped(pages: Pages) -> str:
    return _per_version(
        pages,
        "What each version dropped",
        f"Claims of the base version ({pages.name(pages.corpus.base)}) that a version leaves out.",
        lambda vid: pages.table.having(vid, Status.DROPPED),
        "dropped",
    )
