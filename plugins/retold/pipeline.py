"""The build step as one function: seeds folder in, claim-level corpus model out."""

from __future__ import annotations

from pathlib import Path

from retold.align import Params, TermIndex, link_version
from retold.analyse import annotate
from retold.claims import build_groups
from retold.glossary import Glossary, load_glossary
from retold.model import Corpus, Version
from retold.parse import parse_blocks
from retold.seeds import Seed, load_seeds
from retold.sentences import split_sentences

_BASE_PREFERENCE = ("original", "translation", None, "rewrite", "summary")


def parse_seed(seed: Seed) -> Version:
    """One seed's blocks, sections and sentences."""
    blocks, sections = parse_blocks(seed.text)
    sentences = split_sentences(seed.meta.id, seed.text, blocks)
    return Version(seed.meta, seed.text, blocks, sections, sentences)


def choose_base(versions: list[Version], named: str | None) -> Version:
    """The manifest's base, else the fullest original or translation, else the longest version."""
    if named is not None:
        return next(v for v in versions if v.id == named)
    return max(
        versions,
        key=lambda v: (
            -_BASE_PREFERENCE.index(v.meta.relation if v.meta.relation in _BASE_PREFERENCE else None),
            len(v.sentences),
        ),
    )


def build_corpus(seeds_dir: Path, params: Params | None = None, *, use_glossary: bool = True) -> Corpus:
    """Parse, align and group a folder of versions. Raises RetoldError on unusable input."""
    params = params or Params()
    warnings: list[str] = []
    seeds, named_base = load_seeds(seeds_dir, warnings)
    glossary = load_glossary(seeds_dir) if use_glossary else Glossary()
    versions = [parse_seed(seed) for seed in seeds]
    base = choose_base(versions, named_base)
    versions.sort(key=lambda v: (v.id != base.id, v.meta.file))
    index = TermIndex([s for v in versions for s in v.sentences], glossary.phrases())
    links = {}
    for v in versions:
        if v.id != base.id:
            links.update(link_version(v, base, index, params))
    groups = build_groups(versions, base, links, index, params)
    return annotate(Corpus(tuple(versions), base.id, groups, tuple(warnings), glossary))
