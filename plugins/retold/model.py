"""The typed data model passed between the pipeline's stages.

seeds -> parse -> claims -> align -> render: every stage takes and returns these frozen
dataclasses, so a claim on a page can be traced back to the character offsets of its seed.
Offsets are Unicode code points into the seed text after a leading BOM is removed, with the
file's own line endings kept (the same convention as the `corpus.json` export).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property

RELATIONS = ("original", "translation", "summary", "rewrite")
ENTITY_MARK = "="
"""What begins an entity's matching term and no word's (a stem is letters and digits)."""


class EntityKind(StrEnum):
    """What a glossary entity is (`kind:` in glossary.yml); the entity index lists them in this order."""

    ORGANISATION = "organisation"
    PERSON = "person"
    PRODUCT = "product"
    PLACE = "place"
    OTHER = "other"


class FlagKind(StrEnum):
    """What a fidelity flag is evidence of; the export writes the value. Each kind's label and
    detector are in `retold.analyse.detectors` (`KINDS`)."""

    NUMBER = "number"
    ENTITY = "entity"
    HEDGE = "hedge"
    HEDGE_DROPPED = "hedge-dropped"
    NEGATION = "negation"
    ATTRIBUTION = "attribution"
    ATTRIBUTION_DROPPED = "attribution-dropped"
    FRAMING = "framing"
    CAUSE = "cause"
    QUOTE = "quote"
    INTENSITY = "intensity"
    DEGREE = "degree"
    ADDITION = "addition"


class BlockKind(StrEnum):
    """What a block of a seed is; only prose blocks are cut into claims."""

    HEADING = "heading"
    PARAGRAPH = "paragraph"
    ITEM = "item"
    BOILERPLATE = "boilerplate"


@dataclass(frozen=True)
class VersionMeta:
    """Metadata of one version: from `seeds.yml`, or inferred from the seed when absent."""

    id: str
    file: str
    title: str
    outlet: str | None = None
    url: str | None = None
    language: str | None = None
    relation: str | None = None
    date: str | None = None
    inferred: bool = False

    @property
    def name(self) -> str:
        """What the pages call the version: its outlet; for a seed no manifest entry describes, its
        file name, which whoever dropped the seed in chose (a first line taken as its title is often a
        byline or a section label: "Unnati Gusain", "What happened"); else its title.

        >>> VersionMeta("002-indiatoday", "002_indiatoday.txt", "Unnati Gusain", inferred=True).name
        'indiatoday'
        >>> VersionMeta("x", "reuters-rewrite.md", "Labs race ahead", inferred=True).name
        'reuters rewrite'
        """
        if self.outlet:
            return self.outlet
        if not self.inferred:
            return self.title
        stem = self.file.rsplit(".", 1)[0]
        return " ".join(re.sub(r"^\d+(?=[\W_])", "", stem).replace("_", " ").replace("-", " ").split()) or stem


@dataclass(frozen=True)
class Block:
    """A line-level unit of a seed: heading, paragraph, enumerated item or boilerplate."""

    index: int
    kind: BlockKind
    start: int
    end: int
    section: int
    front: bool = False


@dataclass(frozen=True)
class Section:
    """A run of blocks under one heading; `front` marks an editor's note or preamble."""

    index: int
    title: str | None
    front: bool = False


@dataclass(frozen=True)
class Sentence:
    """One claim as one version words it: a sentence (or a sentence rejoined across lines)."""

    id: str
    version: str
    index: int
    start: int
    end: int
    text: str
    block: int
    section: int
    front: bool = False
    anchor: str = ""
    """Stable anchor on the version page (`s12`), issued through `seeds/claims.lock`."""


@dataclass(frozen=True)
class Version:
    """A parsed seed: its text, blocks, sections and claim sentences."""

    meta: VersionMeta
    text: str
    blocks: tuple[Block, ...]
    sections: tuple[Section, ...]
    sentences: tuple[Sentence, ...]

    @property
    def id(self) -> str:
        return self.meta.id


@dataclass(frozen=True)
class Entity:
    """A named thing and the other names it goes by."""

    name: str
    kind: EntityKind
    aliases: tuple[str, ...]

    @property
    def term(self) -> str:
        """The matching term all of its names fold into."""
        return ENTITY_MARK + re.sub(r"[^a-z0-9]+", "-", self.name.lower()).strip("-")

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class Glossary:
    """The entities a glossary names (`retold.text.terms.phrases` looks their names up in text)."""

    entities: tuple[Entity, ...] = ()


class Op(StrEnum):
    """What a piece of a word-level diff is: words both have, words added, base words left out."""

    SAME = "same"
    INS = "ins"
    DEL = "del"


@dataclass(frozen=True)
class Piece:
    """A run of text: `same` and `ins` pieces are the version's own text, in order and complete;
    `del` pieces are base words the version does not have, at the place they would stand."""

    op: Op
    text: str


class Status(StrEnum):
    """A version's relation to one claim group (a rendering's is one of the first four)."""

    BASE = "base"
    KEPT = "kept"
    CHANGED = "changed"
    ADDED = "added"
    DROPPED = "dropped"
    ABSENT = "absent"


class FlagStrength(StrEnum):
    """Whether a flag counts: a flag makes its rendering "changed", a note is only shown (its
    kind did not separate distorted from faithful sentences when measured; see
    `retold.analyse.detectors.NOTES`). The export writes the value."""

    FLAG = "flag"
    NOTE = "note"


@dataclass(frozen=True)
class Flag:
    """Evidence of a meaning-bearing difference from the base: the words on both sides."""

    kind: FlagKind
    detail: str
    here: tuple[str, ...] = ()
    base: tuple[str, ...] = ()
    strength: FlagStrength = FlagStrength.FLAG


@dataclass(frozen=True)
class Rendering:
    """A sentence of one version placed in a claim group, with why it was placed there.

    `status` and `flags` (base, kept, changed or added), `diff`, `shared_words` and `names` are filled in
    by the analyse stage.
    """

    version: str
    sentence: str
    start: int
    end: int
    text: str
    score: float
    shared_terms: tuple[str, ...] = ()
    status: Status | None = None
    flags: tuple[Flag, ...] = ()
    diff: tuple[Piece, ...] = ()
    """The wording against the group's base wording, word by word (none for the base itself)."""
    shared_words: tuple[str, ...] = ()
    """The words of `text` behind its first shared terms, for a reader."""
    names: tuple[str, ...] = ()
    """The terms (`Entity.term`) of the glossary entities `text` names, in the order it names them."""


@dataclass(frozen=True)
class ClaimGroup:
    """One idea, with its rendering in every version that carries it.

    Groups are anchored on a sentence of the base version where one exists (`anchor`), so a
    summary sentence that condenses several base sentences appears in each of their groups.
    """

    id: str
    label: str
    anchor: str
    renderings: tuple[Rendering, ...]
    section: str | None = None

    @cached_property
    def versions(self) -> tuple[str, ...]:
        """The versions carrying this claim, in rendering order (computed once: pages ask often)."""
        return tuple(dict.fromkeys(r.version for r in self.renderings))


@dataclass(frozen=True)
class Moved:
    """A claim id issued earlier whose content is gone: where it went, if anywhere."""

    id: str
    text: str
    to: str | None


@dataclass(frozen=True)
class Unsure:
    """A sentence of a version and a base sentence that come close without being linked, one of
    them linked to nothing: a base claim the version is said to drop that is perhaps only
    reworded, or a sentence it is said to add that perhaps rewords a base claim
    (`retold.match.align.Params.unsure_score`)."""

    version: str
    anchor: str
    """The base sentence (the anchor of its claim group)."""
    sentence: str
    """The version's sentence."""
    score: float
    """Their match score in [0, 1], below what a link needs."""


@dataclass(frozen=True)
class Corpus:
    """The whole claim-level model of a folder of versions."""

    versions: tuple[Version, ...]
    base: str
    groups: tuple[ClaimGroup, ...]
    warnings: tuple[str, ...] = field(default=())
    notes: tuple[str, ...] = ()
    """What is normal use but worth saying (a seed with no manifest entry): info, not warning."""
    glossary: Glossary = field(default_factory=Glossary)
    moved: tuple[Moved, ...] = ()
    unsure: tuple[Unsure, ...] = ()
    """Dropped base claims that are perhaps only reworded, with each version's closest sentence."""
    unsure_added: tuple[Unsure, ...] = ()
    """Sentences said to be added that perhaps reword a base claim, with the closest base sentence."""

    def sentence(self, sentence_id: str) -> Sentence:
        version_id, _, n = sentence_id.rpartition("-")
        return self.version(version_id).sentences[int(n) - 1]

    def version(self, version_id: str) -> Version:
        return self._by_id[version_id]

    @cached_property
    def _by_id(self) -> dict[str, Version]:
        return {v.id: v for v in self.versions}
