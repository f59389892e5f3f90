"""The one build sequence: seeds folder in; corpus, rendered pages and updated lock out.

`python build.py` (`retold.cli`) and the MkDocs plugin (`retold.plugin`) both run it.

seeds -> parse -> align (each version to the base, then the evidence of the other retellings:
`retold.match.peers`) -> claims -> identities -> analyse -> render. Parsing and linking
results are cached by content (see `retold.cache`), so an edit to one seed recomputes what
depends on it; `Builds` keeps the last build of a folder across `mkdocs serve` rebuilds.

API: `build` (everything, as `Build`), `Builds` (rebuild only when the seeds changed),
`build_corpus` (the analysed corpus alone, for evaluation), `base_version` (chosen by
`retold.match.base`), `parse_seed`, `link_to_base`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from threadpoolctl import threadpool_limits

from retold.analyse.status import annotate
from retold.analyse.wording import with_wording
from retold.cache import Cache, fingerprint, key
from retold.errors import RetoldError
from retold.files.glossary import load_glossary
from retold.files.lock import LOCK, Lock, check_writable, pending_lock, read_lock
from retold.files.seeds import SEEDS_YML, Seed, load_seeds
from retold.match.align import Alignment, Link, Params, TermIndex, link_version
from retold.match.base import choose_base, texts_decide
from retold.match.claims import build_groups
from retold.match.identity import assign_identities
from retold.match.peers import corroborate
from retold.model import Corpus, Glossary, Unsure, Version
from retold.progress import stage, steps
from retold.render.pages import Site, render_site
from retold.text.parse import parse_blocks
from retold.text.sentences import split_sentences
from retold.text.terms import glossary_phrases


def parse_seed(seed: Seed) -> Version:
    """One seed's blocks, sections and sentences."""
    blocks, sections = parse_blocks(seed.text)
    sentences = split_sentences(seed.meta.id, seed.text, blocks)
    return Version(seed.meta, seed.text, blocks, sections, sentences)


def base_version(seeds_dir: Path) -> Version:
    """The parsed base version of a seeds folder, chosen as the build chooses it."""
    seeds, named = load_seeds(seeds_dir, [])
    return choose_base([parse_seed(s) for s in seeds], named)


def link_to_base(version: Version, base: Version, glossary: Glossary, params: Params) -> Alignment:
    """Links of one version to the base; term weights come from the pair alone, so the result
    depends on nothing else and can be cached."""
    index = TermIndex([*base.sentences, *version.sentences], glossary_phrases(glossary))
    return link_version(version, base, index, params)


@dataclass(frozen=True)
class Build:
    """One build of a seeds folder: the analysed corpus, its pages, and the lock to record."""

    corpus: Corpus
    site: Site
    lock: str | None
    """The updated `claims.lock` when it differs from the seeds folder's, else None; the caller
    writes it (`retold.files.lock.write_lock`) only once the whole build has succeeded."""


def build(seeds_dir: Path, *, cache: Cache | None = None, publishing: bool = True) -> Build:
    """Build a seeds folder into its corpus and pages. Raises RetoldError on unusable input.

    `publishing` is a build whose lock will be written: it fails early, before anything is
    written, when new ids would have to go into a lock the user made read-only."""
    corpus, lock = _corpus_and_lock(seeds_dir, Params(), use_glossary=True, cache=cache or Cache())
    pending = pending_lock(seeds_dir, lock)
    if pending is not None and publishing:
        check_writable(seeds_dir)
    with stage("render"):
        site = render_site(corpus)
    return Build(corpus, site, pending)


class Builds:
    """The builds of a seeds folder over the rebuilds of one `mkdocs serve`: a folder whose
    entries are byte for byte the same is not built again, and its error is not recomputed."""

    def __init__(self) -> None:
        self.cache = Cache()
        self._key: str | None = None
        self._result: Build | RetoldError | OSError | None = None

    def get(self, seeds_dir: Path, *, publishing: bool) -> Build:
        """The build of `seeds_dir` as it is now; raises what `build` raised for this same folder."""
        folder = fingerprint(seeds_dir)
        if folder != self._key or self._result is None:
            try:
                self._result = build(seeds_dir, cache=self.cache, publishing=publishing)
            except (RetoldError, OSError) as exc:
                self._result = exc
            self._key = folder
        if isinstance(self._result, Exception):
            raise self._result
        return self._result


def build_corpus(
    seeds_dir: Path,
    params: Params | None = None,
    *,
    use_glossary: bool = True,
    cache: Cache | None = None,
) -> Corpus:
    """Parse, align, group and analyse a folder of versions. Raises RetoldError on unusable input."""
    return _corpus_and_lock(seeds_dir, params or Params(), use_glossary=use_glossary, cache=cache or Cache())[0]


@threadpool_limits.wrap(limits=1)
def _corpus_and_lock(seeds_dir: Path, params: Params, *, use_glossary: bool, cache: Cache) -> tuple[Corpus, Lock]:
    """Everything up to the pages, on one BLAS thread: its matrices are a version's sentences by
    the base's, small enough that OpenBLAS's thread per core only spins (on the project's seeds the
    build step took 1.94 s of CPU for 1.58 s of wall time with them, 1.44 s for 1.45 s without:
    `tests/benchmarks/build_speed.py`)."""
    warnings: list[str] = []
    notes: list[str] = []
    seeds, named_base = load_seeds(seeds_dir, warnings, notes)
    glossary = load_glossary(seeds_dir) if use_glossary else Glossary()
    lock = read_lock(seeds_dir / LOCK)
    versions = [cache.get(key("parse", s.text, s.meta), lambda s=s: parse_seed(s)) for s in steps(seeds, "parse")]
    _warn_duplicates(seeds, warnings)
    base = choose_base(versions, named_base)
    if texts_decide(versions, named_base) and len(versions) > 1:
        notes.append(
            f"{seeds_dir / SEEDS_YML}: names no base; chose '{base.id}' ({base.meta.file}), the version that looks "
            "most like the text the others retell. If another version is the original, set 'base: <its id>' there: "
            "outlets that worked from another source than the original can make the choice miss it."
        )
    versions.sort(key=lambda v: (v.id != base.id, v.meta.file))
    links: dict[str, list[Link]] = {}
    near: dict[str, tuple[Link, ...]] = {}
    unsure: list[Unsure] = []
    unsure_added: list[Unsure] = []
    for v in steps(versions[1:], "align"):  # the base comes first
        aligned = cache.get(key("link", base, v, glossary, params), lambda v=v: link_to_base(v, base, glossary, params))
        links.update(aligned.links)
        near.update(aligned.near)
        unsure += [Unsure(v.id, n.target, n.source, n.score) for n in aligned.closest.values()]
        unsure_added += [Unsure(v.id, n.target, n.source, n.score) for n in aligned.rewords.values()]
    with stage("group"):
        everything = TermIndex(
            [s for v in versions if v.id != base.id for s in v.sentences], glossary_phrases(glossary)
        )
        links = corroborate(versions, base, links, near, everything, params)
        # near misses the retellings' evidence has since linked are no longer near misses
        carried = {(sid.rpartition("-")[0], link.target) for sid, ls in links.items() for link in ls}
        unsure = [u for u in unsure if (u.version, u.anchor) not in carried]
        unsure_added = [u for u in unsure_added if not links[u.sentence]]
        groups = build_groups(versions, base, links, everything, params)
    corpus = Corpus(
        tuple(versions),
        base.id,
        groups,
        tuple(warnings),
        tuple(notes),
        glossary,
        unsure=tuple(unsure),
        unsure_added=tuple(unsure_added),
    )
    with stage("analyse"):
        corpus, new_lock = assign_identities(corpus, lock)
        return with_wording(annotate(corpus)), new_lock


def _warn_duplicates(seeds: list[Seed], warnings: list[str]) -> None:
    first: dict[str, Path] = {}
    for s in seeds:
        text = " ".join(s.text.split())
        if text in first:
            warnings.append(f"{s.path}: has the same text as {first[text].name}; both are kept as versions.")
        else:
            first[text] = s.path
