"""Fidelity: flag meaning-bearing differences between a rendering and the base it retells.

Each detector compares a rendering with the base sentences it is linked to (all of them: a
summary sentence condensing three base sentences is compared with the three) and returns
evidence, never a verdict: the words on both sides, for a reader to judge. Detectors prefer
missing a subtle change to flagging an identical claim.

API:
- `compare(here, anchor, base, ctx, editorial="")`: every flag for one rendering.
- `Context`: what the detectors know of the corpus (glossary, common words, the author's names).
- `KINDS`: each flag kind with the label readers see; `NOTES`: the kinds shown as notes only.
- `quantities`, `same_amount`: amounts in figures or words, and when two count as the same.
- `is_close`: whether two sentences word the same claim.

Words come from the one tokeniser in `retold.text.terms`; reporting verbs are its `REPORTING`. The
small lexicons below are the whole of what the detectors know; extend them here.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cached_property, lru_cache

from retold.model import Flag, FlagKind, FlagStrength, Glossary
from retold.text.parse import without_dateline
from retold.text.terms import (
    MONTHS,
    REPORTING,
    STOPWORDS,
    WEEKDAYS,
    Phrases,
    bare,
    glossary_phrases,
    mentions,
    stem,
    terms,
    word_spans,
    words,
)

KINDS: dict[FlagKind, str] = {
    FlagKind.NUMBER: "Number",
    FlagKind.ENTITY: "Name",
    FlagKind.HEDGE: "Hedge added",
    FlagKind.HEDGE_DROPPED: "Hedge dropped",
    FlagKind.NEGATION: "Negation",
    FlagKind.ATTRIBUTION: "Attribution",
    FlagKind.ATTRIBUTION_DROPPED: "Source dropped",
    FlagKind.FRAMING: "Editor's note credited to the author",
    FlagKind.CAUSE: "Cause",
    FlagKind.QUOTE: "Quotation",
    FlagKind.INTENSITY: "Intensity",
    FlagKind.DEGREE: "Degree",
    FlagKind.ADDITION: "Content added",
}
"""Flag kinds in the order pages list them, with the label a reader sees."""

NOTES: frozenset[FlagKind] = frozenset(
    [
        FlagKind.NUMBER,
        FlagKind.HEDGE_DROPPED,
        FlagKind.ATTRIBUTION,
        FlagKind.ATTRIBUTION_DROPPED,
        FlagKind.QUOTE,
        FlagKind.CAUSE,
    ]
)
"""Kinds shown on claim pages as notes, never counted as a change. A kind is a flag only if,
on the dev gold, it fires on some distorted sentence and on a share of distorted sentences at
least `SEPARATES` times its share of faithful ones; these did not (`python -m retold.quality.evaluate
--fidelity` prints the rates and the strength the rule gives each kind)."""
SEPARATES = 3

HEDGES = frozenset(
    [
        "may",
        "might",
        "could",
        "possibly",
        "perhaps",
        "probably",
        "likely",
        "unlikely",
        "reportedly",
        "rumored",
        "rumoured",
        "allegedly",
        "nominally",
        "unclear",
        "uncertain",
        "seems",
        "seem",
        "seemed",
        "apparently",
        "suggests",
        "suggest",
        "arguably",
        "presumably",
    ]
)
NEGATIONS = frozenset(["not", "no", "never", "none", "nobody", "nothing", "neither", "nor", "without", "cannot", "n't"])
# Words that deny by their meaning: "can't use" and "prohibited from using" say the same, and so do
# "cannot easily contact" and "makes it difficult to contact".
NEGATIVE_STEMS = frozenset(
    stem(w)
    for w in (
        "difficult",
        "difficulties",
        "prohibited",
        "banned",
        "forbidden",
        "disallowed",
        "refuses",
        "fails",
        "unable",
        "lacks",
        "absent",
        "impossible",
        "prevents",
        "denies",
        "excluded",
        "rejects",
        "unavailable",
        "unwilling",
    )
)
# After a negation these make it additive: "not only ... but also", "no longer just ... but".
_ADDITIVE = frozenset(["only", "just", "merely", "simply", "solely"])
CAUSES = (
    "due to",
    "because",
    "as a result",
    "stems from",
    "stem from",
    "stemming from",
    "caused by",
    "leads to",
    "led to",
    "thanks to",
    "owing to",
    "results in",
    "resulting in",
    "driven by",
    "attributes this to",
    "attributed to",
    "this makes",
    "which makes",
    "which is why",
    "that is why",
    "this is why",
    "therefore",
    "hence",
    "consequently",
    "so that",
    "reason",
    "reasons",
)
# Words that may give a cause or may not ("as it requires", "since 2020"): never flagged as an
# added cause, but enough on the base's side to say it gives one.
BASE_CAUSES = ("as it", "as they", "as this", "as these", "since", "so", "given that", "for this reason")
# Graded words: a reading of one scale at a different grade is an intensity shift; a degree or
# frequency word on one side only is a degree shift.
SCALES: dict[str, dict[str, int]] = {
    "quantity": {
        "few": 1,
        "some": 2,
        "several": 2,
        "many": 3,
        "most": 4,
        "nearly all": 4,
        "almost all": 4,
        "all": 5,
        "every": 5,
        "each": 5,
    },
    "frequency": {
        "rarely": 1,
        "sometimes": 2,
        "occasionally": 2,
        "often": 3,
        "frequently": 3,
        "usually": 4,
        "generally": 4,
        "always": 5,
        "constantly": 5,
    },
    "degree": {
        "slightly": 1,
        "subtly": 1,
        "somewhat": 2,
        "relatively": 2,
        "fairly": 2,
        "partly": 2,
        "quite": 3,
        "very": 4,
        "highly": 4,
        "almost": 4,
        "nearly": 4,
        "extremely": 5,
        "incredibly": 5,
        "completely": 5,
        "entirely": 5,
        "fully": 5,
        "totally": 5,
        "absolutely": 5,
        "at all": 5,
    },
    "regard": {
        "wary": 1,
        "suspicious": 1,
        "cautious": 1,
        "respect": 3,
        "respected": 3,
        "regarded": 3,
        "esteem": 4,
        "admire": 4,
        "admired": 4,
        "praise": 4,
        "praised": 4,
        "revere": 5,
    },
    "certainty": {
        "hope": 1,
        "hopes": 1,
        "wish": 1,
        "question": 1,
        "hypothesis": 1,
        "unanswered": 1,
        "unknown": 1,
        "whether": 1,
        "think": 2,
        "thinks": 2,
        "believe": 3,
        "believes": 3,
        "confirmed": 5,
        "certain": 5,
        "proves": 5,
        "proved": 5,
        "found": 5,
        "finds": 5,
        "showed": 5,
        "shows": 5,
        "demonstrated": 5,
        "concluded": 5,
    },
}
# Scales whose words keep their meaning across a loose paraphrase (how one regards another).
OPEN_SCALES = ("regard", "certainty")
# text.REPORTING as a regular-expression alternation, for finding who a sentence says is speaking
REPORTING_PATTERN = "|".join(sorted((re.escape(w) for w in REPORTING if w != "according"), key=len, reverse=True))
# A degree word strengthens a claim when added (the top grade: "completely", "always", "at all")
# and when a limiting one is dropped (a low grade, or "almost"/"nearly": short of the whole).
_DEGREES = [(w, g) for scale in ("degree", "frequency") for w, g in SCALES[scale].items()]
_GRADES = dict(_DEGREES)
INTENSIFIERS = frozenset(w for w, g in _DEGREES if g == 5)
LIMITERS = frozenset(w for w, g in _DEGREES if g <= 2 or w in ("almost", "nearly"))
_QUOTED = re.compile(r"(?:^|(?<=[\s(]))[\"“‘']([^\"”’'\n]{3,}?)[\"”’'](?=[\s.,;:!?)]|$)")
_CLAUSE = re.compile(r"[,;:.!?()—–]|\s-\s")
PERSON_NOUNS = (
    r"researchers?|scientists?|experts?|analysts?|officials?|executives?|founders?|sources?|labs?|"
    r"laboratories|engineers?|investors?|scholars?"
)
_SPEAKER = re.compile(
    rf"\b((?:[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)*)|(?:(?:a|an|one|the|some|many|most)\s+)?"
    rf"(?:[a-z]+\s+)?(?:{PERSON_NOUNS}))\s+(?:\w+ly\s+)?(?:{REPORTING_PATTERN})\b"
)
_ACCORDING = re.compile(r"\b[Aa]ccording to\s+(?:(?:the|a|an)\s+)?([A-Z][\w'’-]*(?:\s+(?:of\s+)?[A-Z][\w'’-]*)*)")
_NAME = re.compile(r"\b[A-Z][\w'’.-]*[A-Za-z0-9](?:\s+(?:of\s+)?[A-Z][\w'’.-]*[A-Za-z0-9])*(?:(?<=\.[A-Za-z])\.)?")
"""A run of capitalised words; an abbreviation keeps its last full stop ("U.S."), a name's own
sentence-final one is left out."""


def _plain(text: str) -> str:
    """Lower case with curly apostrophes straightened, for matching names as written."""
    return text.lower().replace("’", "'")


# -- amounts ------------------------------------------------------------------------------------

_UNITS = "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen"
_TENS = "seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety"
_WORD_VALUES = dict(zip(f"{_UNITS} {_TENS}".split(), [*range(1, 21), *range(30, 100, 10)], strict=True))
_WORD_VALUES |= {"hundred": 100, "dozen": 12}
_SCALE = {"hundred": 1e2, "thousand": 1e3, "k": 1e3, "million": 1e6, "m": 1e6, "mn": 1e6}
_SCALE |= {"billion": 1e9, "bn": 1e9, "b": 1e9, "trillion": 1e12, "tn": 1e12}
_COUNT = r"\d+(?:[.,]\d+)*|" + "|".join(sorted(_WORD_VALUES, key=len, reverse=True))
_AMOUNT = re.compile(
    r"(?P<approx>\b(?:about|around|roughly|nearly|almost|approximately|some|over|more\s+than|less\s+than|"
    r"fewer\s+than|under|up\s+to|close\s+to|at\s+least)\s+)?"
    rf"[$€£¥]?(?<![\w.])(?P<n>{_COUNT})"
    r"(?:(?<=\d)(?P<suffix>k|m|mn|bn|b|tn)(?!\w)|(?!\w)(?:\s+(?P<scale>hundred|thousand|million|billion|trillion)\b)?)"
    r"(?P<plus>\+)?"
    rf"(?:\s*(?P<pct>%|percent\b|per\s+cent\b)|\s+(?:in|out\s+of)\s+(?P<of>{_COUNT})\b)?",
    re.I,
)


@dataclass(frozen=True)
class Quantity:
    """An amount as written (`surface`) and as a value; a share is in percent."""

    surface: str
    value: float
    percent: bool
    approximate: bool


def _count(token: str) -> float | None:
    """A count's value; None for figures that are not one number, such as a date written
    "08.10.2025". Thousands may be grouped by commas ("1,234.5") or, in text from German or
    French, by full stops ("1.234.567"); a lone comma is a decimal comma ("19,3").

    >>> [_count(t) for t in ("twelve", "1,234.5", "1.234.567", "19,3", "08.10.2025")]
    [12.0, 1234.5, 1234567.0, 19.3, None]
    """
    token = token.lower()
    if token in _WORD_VALUES:
        return float(_WORD_VALUES[token])
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", token):
        token = token.replace(",", "")
    elif re.fullmatch(r"\d{1,3}(?:\.\d{3}){2,}(?:,\d+)?", token):
        token = token.replace(".", "")
    try:
        return float(token.replace(",", "."))
    except ValueError:
        return None


def quantities(text: str) -> list[Quantity]:
    """The amounts a text states, in figures or in words, with shares as percent.

    >>> [(q.value, q.percent) for q in quantities("nearly one in five adults, about 18%, $45B")]
    [(20.0, True), (18.0, True), (45000000000.0, False)]
    >>> [q.value for q in quantities("22k+ stars and 1 million lines; one researcher")]
    [22000.0, 1000000.0]
    >>> [q.value for q in quantities("Bonn, 08.10.2025: 19.3 million users")]
    [19300000.0]
    """
    out = []
    for m in _AMOUNT.finditer(text):
        word = not m.group("n")[0].isdigit()
        scale = (m.group("suffix") or m.group("scale") or "").lower()
        if word and m.group("n").lower() == "one" and not (scale or m.group("of")):
            continue  # "one researcher": a pronoun, not an amount
        if not word and m.start("n") < 4 and re.match(r"\s*[.:)、]", text[m.end() :]):
            continue  # an enumeration marker ("3. Chinese companies ...")
        count, whole = _count(m.group("n")), _count(m.group("of") or "1")
        if count is None or whole is None:
            continue  # a date such as "08.10.2025", not an amount
        value = count * _SCALE.get(scale, 1.0)
        percent = bool(m.group("pct") or m.group("of"))
        if m.group("of"):
            value = round(100 * value / max(whole, 1.0), 1)
        approximate = bool(m.group("approx") or m.group("plus") or word)
        out.append(Quantity(m.group().strip(), value, percent, approximate))
    return out


def same_amount(a: Quantity, b: Quantity) -> bool:
    """Whether a reader would take two amounts as the same figure.

    Shares (percent, "one in five") agree within 2 percentage points, so "about 18%" and
    "nearly one in five" do. Other amounts agree when equal once scaled ("$45B", "45 billion
    dollars"); when either is approximate (about, nearly, "22k+", written in words), within 10%
    of the larger. Counts and years written exactly must be equal: 16 developers are not 17.

    >>> def q(text): return quantities(text)[0]
    >>> same_amount(q("about 18%"), q("nearly one in five")), same_amount(q("19%"), q("24%"))
    (True, False)
    >>> same_amount(q("$45B"), q("45 billion dollars")), same_amount(q("16 people"), q("17 people"))
    (True, False)
    """
    if a.percent != b.percent:
        return False
    if a.percent:
        return abs(a.value - b.value) <= 2
    if a.approximate or b.approximate:
        return abs(a.value - b.value) <= 0.1 * max(abs(a.value), abs(b.value))
    return a.value == b.value


# -- what the detectors know --------------------------------------------------------------------


@dataclass(frozen=True)
class Context:
    """What the detectors know besides the two texts."""

    glossary: Glossary
    common: frozenset[str]
    """Lower-cased capitalised words that occur too widely in the corpus to be telling names."""
    author_names: frozenset[str]
    """Names that stand for the article's author in reporting frames ("Lambert says")."""

    @cached_property
    def phrases(self) -> Phrases:
        """The glossary's names as matching looks them up."""
        return glossary_phrases(self.glossary)

    @cached_property
    def named(self) -> dict[str, int]:
        """Term -> glossary position of each entity a new name can be: all but the author's own
        ("Nathan Lambert" stands for the author, whom every version names)."""
        entities = enumerate(self.glossary.entities)
        return {e.term: n for n, e in entities if not any(set(words(name)) & self.author_names for name in e.names)}


@dataclass(frozen=True)
class Pair:
    """A rendering (`here`), its group's base sentence (`anchor`), every base sentence it is
    linked to (`base`, joined), and those of them that are an editor's note (`editorial`)."""

    here: str
    anchor: str
    base: str
    editorial: str = ""


CALENDAR = MONTHS | WEEKDAYS
"""Capitalised words that date a claim rather than name a party ("in February", "a Monday
statement"): a date a wording adds or drops is the number detector's business, not a new name."""


def _entities(text: str, ctx: Context) -> dict[str, str]:
    """Canonical key -> surface form of the names in a text: glossary entities (any of their
    names, by the one finder `retold.text.terms.mentions`) under their term, then other
    capitalised names that are neither common words, dates nor the author's. A name written
    only as the first half of a compound modifier ("Chinese-owned", "U.S.-based", "China-linked")
    describes a party the sentence names otherwise, and is left out too.

    >>> ctx = Context(Glossary(), frozenset(), frozenset())
    >>> sorted(_entities("The Chinese-owned firm met Acme Corp on Monday in February.", ctx))
    ['acme corp']
    """
    found: dict[str, str] = {}
    spans: list[tuple[int, int]] = []
    for a, b, term in mentions(text, ctx.phrases):
        if term in ctx.named:
            if len(text[a:b]) > len(found.get(term, "")):
                found[term] = text[a:b]  # the fullest of its names here, as the detail shows it
            spans.append((a, b))
    out = dict(sorted(found.items(), key=lambda kv: ctx.named[kv[0]]))  # glossary order, then the others
    for m in _NAME.finditer(text):
        if any(a <= m.start() < b for a, b in spans) or text[m.start() - 1 : m.start()] == "(":
            continue  # a glossary name, or a gloss of the words before it ("language models (LLMs)")
        said = [(a, b, bare(w)) for a, b, w, _ in word_spans(m.group()) if w != "of"]
        # telling words are written with a capital: "Chinese-style" names nothing if "Chinese" is common
        telling = [
            (a, b)
            for a, b, w in said
            if not m.group()[a].islower()
            and w not in ctx.common
            and w not in CALENDAR
            and not re.match(r"-[a-z]", m.group()[b : b + 2])  # a descriptor: "Chinese-owned"
        ]
        keep = [(a, b) for a, b in telling if m.group()[a:b].lower() not in STOPWORDS]
        if not keep or (m.start() == 0 and len(said) == 1):
            continue
        name = m.group()[keep[0][0] : keep[-1][1]]  # as written, from its first telling word to its last
        # "Nathan Lambert" stands for the author even when "Lambert" is too common to keep
        if len(name) > 1 and not {w for _, _, w in said} & ctx.author_names:
            out[name.lower()] = name
    return out


def _owner_glosses(here: str, base_terms: set[str], ctx: Context) -> set[str]:
    """Owners named only to gloss a name the base has: "Anthropic's Claude", "Meta's LLM 'Llama'".

    >>> ctx = Context(Glossary(), frozenset(), frozenset())
    >>> sorted(_owner_glosses("Anthropic’s Claude and Meta's LLM 'Llama' lead.", {"claud", "llama"}, ctx))
    ['anthropic', 'meta']
    """
    out = set()
    for m in re.finditer(r"\b([A-Z][\w.-]*)['’]s\s+(?=((?:\S+\s+){0,2}\S+))", here):
        if any(set(terms(n, ctx.phrases)) & base_terms for n in _NAME.findall(m.group(2))):
            out.add(m.group(1).lower())
    return out


def _speakers(text: str, ctx: Context) -> list[str]:
    """Who a text says is speaking: a name or a person noun before a reporting verb, or after
    "according to". The author's own name and pronouns stand for the author and are left out."""
    found = [m.group(1) for m in _SPEAKER.finditer(text)] + [m.group(1) for m in _ACCORDING.finditer(text)]
    out = []
    for who in found:
        key = " ".join(w for w in _plain(who).split() if w not in ("a", "an", "the", "one"))
        author = {bare(w) for w in key.split()} & ctx.author_names
        if key and not author and key not in ("i", "we", "he", "she", "they", "it") and who not in out:
            out.append(who)
    return out


def _initials(name: str) -> str:
    """The capitals that begin a name's words ("Federal Trade Commission" -> "FTC")."""
    return "".join(w[0] for w in name.split() if w[0].isupper() and w.lower() not in STOPWORDS)


def _restates(who: str, text: str, ctx: Context) -> bool:
    """Whether `text` already names the source `who`: a name by its words anywhere in it, any
    source by a speaker of its own with words in common, or by initials ("the FTC" for "the
    Federal Trade Commission", and the other way round).

    >>> ctx = Context(Glossary(), frozenset(), frozenset())
    >>> _restates("FTC", "The Federal Trade Commission said on Monday.", ctx)
    True
    >>> _restates("the researchers", "Analysts at the bank said so.", ctx)
    False
    >>> _restates("One researcher", "Research at the labs is strong.", ctx)
    False
    """
    mine = set(terms(who, ctx.phrases))
    named = re.search(rf"\b(?:{PERSON_NOUNS})$", who) is None
    if named and mine and mine <= set(terms(text, ctx.phrases)):
        return True
    if any(mine & set(terms(other, ctx.phrases)) for other in _speakers(text, ctx)):
        return True
    acronyms = {_initials(m.group()) for m in _NAME.finditer(text)}
    spelled = _initials(who)
    return bool(re.search(rf"\b{re.escape(who.strip())}\b", " ".join(acronyms))) or (
        len(spelled) > 1 and re.search(rf"\b{spelled}\b", text) is not None
    )


def _scale_words(text: str) -> dict[str, list[tuple[str, int]]]:
    """Each scale's words in a text with their grades, longest word first."""
    low = " " + " ".join(words(text)) + " "
    out = {}
    for scale, grades in SCALES.items():
        hits = [(w, g) for w, g in grades.items() if f" {w} " in low]
        if hits:
            out[scale] = sorted(hits, key=lambda h: -len(h[0]))
    return out


def _outside_quotes(text: str) -> str:
    """The text with quoted passages removed: words in quotation marks are the quote detector's."""
    return _QUOTED.sub(" ", text)


def _connectives(text: str, lexicon: tuple[str, ...] = CAUSES) -> list[str]:
    low = " " + " ".join(words(_outside_quotes(text))) + " "
    found = [c for c in lexicon if f" {c} " in low]
    return [c for c in found if not any(c != o and c in o for o in found)]


# -- markers over a scope (hedges, negations, degree words) ---------------------------------------


@lru_cache(maxsize=1 << 16)
def _governed(lexicon: frozenset[str], text: str, by_stem: bool = False) -> tuple[tuple[str, frozenset[str]], ...]:
    """Each marker word with the content terms in its scope: up to four after it in its clause
    (before it, for a marker that ends its clause: "at all"). `by_stem` matches the lexicon
    against stems (words that deny by meaning, in any inflection).

    >>> _governed(NEGATIONS, "It is no longer just a race, but also a test; no-AI tasks.")
    ()
    >>> [(word, sorted(scope)) for word, scope in _governed(NEGATIONS, "You can't use AI.")]
    [("can't", ['ai', 'use'])]
    """
    out = []
    for clause in _CLAUSE.split(text):
        spans = word_spans(clause)
        toks = [w for _, _, w, _ in spans]
        for i, (_, end, word, _) in enumerate(spans):
            pair = " ".join(toks[i : i + 2])
            marker = pair if pair in lexicon else word
            hit = stem(word) in lexicon if by_stem else marker in lexicon or ("n't" in lexicon and word.endswith("n't"))
            if not hit or clause[end : end + 1] == "-":
                continue  # not a marker, or a compound modifier ("no-AI tasks")
            after = toks[i + 1 : i + 3]
            if after[:1] == ["longer"]:
                after = after[1:]
            if after[:1] and (after[0] in _ADDITIVE or (after[0] == "but" and word != "not")) and lexicon is NEGATIONS:
                continue  # "not only ... but also", "no longer just ... but" add; "nothing but" means "only"
            if marker == "at all" and toks[i + 2 : i + 3]:
                continue  # "at all of the labs": a quantity; the degree "at all" ends its clause
            if word in ("almost", "nearly") and after[:1] and (after[0] in SCALES["quantity"] or after[0][0].isdigit()):
                continue  # "nearly all", "almost 20": an approximate amount, the number detector's
            skip = i + len(marker.split())
            scope = [t for _, _, _, t in spans[skip:] if t][:4] or [t for _, _, _, t in spans[:i] if t][-4:]
            if scope:
                out.append((marker, frozenset(scope)))
    return tuple(out)


def _canonical(word: str) -> str:
    """One spelling for marker words that mean the same: every plain or by-meaning denial is
    "not" ("can't" and "prohibited", "don't" and "unwilling"), and a degree word stands for its
    grade ("extremely" and "incredibly", "relatively" and "fairly").

    >>> [_canonical(w) for w in ("don't", "unwilling", "lacks", "extremely", "incredibly", "almost")]
    ['not', 'not', 'not', 'grade 5', 'grade 5', 'grade 4']
    """
    if word in ("no", "not", "cannot") or word.endswith("n't") or stem(word) in NEGATIVE_STEMS:
        return "not"
    return f"grade {_GRADES[word]}" if word in _GRADES else word


def _marker_shift(kinds: tuple[FlagKind | None, FlagKind | None], lexicon: frozenset[str], p: Pair) -> list[Flag]:
    """A marker over words both sides use, present on one side only: `kinds` names the flag for
    a marker added here and for one the base has and this wording drops (None: not flagged)."""
    negation = lexicon is NEGATIONS
    mine, theirs, theirs_all = _governed(lexicon, p.here), _governed(lexicon, p.anchor), _governed(lexicon, p.base)
    if negation:  # "can't" against "prohibited" is the same denial
        mine += _governed(NEGATIVE_STEMS, p.here, True)
        theirs_all += _governed(NEGATIVE_STEMS, p.base, True)
    here_terms, base_terms = set(terms(p.here)), set(terms(p.base))

    def carried(scope: frozenset[str], other: set[str]) -> bool:
        return len(scope & other) * 2 >= len(scope)

    def covered(scope: frozenset[str], markers: tuple[tuple[str, frozenset[str]], ...]) -> bool:
        return any(scope & other for _, other in markers)

    # the same marker word anywhere on the other side: the scopes differ, the marker did not go
    said_here, said_there = {_canonical(w) for w, _ in mine}, {_canonical(w) for w, _ in theirs_all}
    added, dropped = kinds
    flags = []
    for word, scope in theirs:
        if dropped and _canonical(word) not in said_here and carried(scope, here_terms) and not covered(scope, mine):
            flags.append(Flag(dropped, f"the base says “{word}” here; this wording drops it", (), (word,)))
    for word, scope in _governed(lexicon, p.here):
        new = _canonical(word) not in said_there and not covered(scope, theirs_all)
        if added and new and carried(scope, base_terms):
            flags.append(Flag(added, f"“{word}” is added here; the base does not say it", (word,), ()))
    return flags[:2]


# -- detectors ----------------------------------------------------------------------------------

Detector = Callable[[Pair, Context], list[Flag]]


def detect_numbers(p: Pair, ctx: Context) -> list[Flag]:
    """An amount the base states otherwise. An amount where the base states none is left alone:
    a summary often adds a figure from elsewhere in the text, and the matcher may link only one
    of the sentences it condenses."""
    theirs = quantities(p.base)
    kinds = {q.percent for q in theirs}
    extra = [q for q in quantities(p.here) if q.percent in kinds and not any(same_amount(q, t) for t in theirs)]
    if not extra:
        return []
    said = ", ".join(t.surface for t in theirs)
    detail = f"{', '.join(q.surface for q in extra)} here; the base has {said}"
    return [Flag(FlagKind.NUMBER, detail, tuple(q.surface for q in extra), tuple(t.surface for t in theirs))]


def _name_terms(name: str, ctx: Context) -> list[str]:
    """Matching terms of the capitalised words of a name ("Chinese-style" -> the term of "Chinese")."""
    capitals = " ".join(re.findall(r"\b[A-Z0-9][\w.]*", name))
    return terms(capitals, ctx.phrases) or terms(name, ctx.phrases)


def _spells(text: str, name: str) -> bool:
    """Whether `text` names `name` in other words: spelled out as the words its capitals stand
    for ("reinforcement learning" for "RL", "large language models" for "LLMs"), or as a word
    derived from it ("Westerners" for "West", "Chinese" for "China" is not: it must begin so).

    >>> _spells("across reinforcement learning training", "RL"), _spells("Westerners might be surprised", "West")
    (True, True)
    >>> _spells("graphics cards and chips", "GPU"), _spells("the western ecosystem", "West")
    (False, False)
    """
    acronym = re.fullmatch(r"([A-Z]{2,5})s?", name)
    spans = word_spans(text)
    if acronym:
        return acronym.group(1).lower() in "".join(w[0] for _, _, w, _ in spans)
    stem_ = name.lower()
    return len(stem_) >= 4 and any(text[a].isupper() and w.startswith(stem_) and w != stem_ for a, _, w, _ in spans)


def _abbreviated(text: str, here: str, name: str) -> bool:
    """Whether `text` names `name` (as written in `here`, with the capitalised words before it)
    by the acronym of those words: "EU" for "European Union", "FTC" for "Federal Trade Commission".

    >>> _abbreviated("The EU warns.", "The European Union has warned Shein.", "Union")
    True
    >>> _abbreviated("The EU warns.", "The Union has warned Shein.", "Union")
    False

    The capitalised words before the name may begin before the acronym's: "the EU General Data
    Protection Regulation" is the GDPR.

    >>> _abbreviated("It broke the GDPR.", "It broke the EU General Data Protection Regulation.", "Regulation")
    True
    """
    acronyms = set(re.findall(r"\b[A-Z]{2,6}\b", text))
    for m in re.finditer(r"((?:\b[A-Z][\w'’.-]*\s+(?:of\s+)?)*)" + re.escape(name), here):
        words = m.group().split()
        if any(len(i := _initials(" ".join(words[k:]))) >= 2 and i in acronyms for k in range(len(words))):
            return True
    return False


def detect_entities(p: Pair, ctx: Context) -> list[Flag]:
    mine, theirs = _entities(p.here, ctx), _entities(p.base, ctx)
    base_terms = set(terms(p.base, ctx.phrases))
    glosses = _owner_glosses(p.here, base_terms, ctx)
    extra = [
        mine[k]
        for k in mine
        if k not in theirs
        and not set(_name_terms(mine[k], ctx)) <= base_terms
        and bare(_plain(mine[k]).split()[0]) not in glosses
        and not _spells(p.base, mine[k])
        and not _abbreviated(p.base, p.here, mine[k])
    ]
    if not extra:
        return []
    detail = f"{', '.join(extra)} named here, not in the base's wording"
    return [Flag(FlagKind.ENTITY, detail, tuple(extra), ())]


def detect_hedges(p: Pair, ctx: Context) -> list[Flag]:
    return _marker_shift((FlagKind.HEDGE, FlagKind.HEDGE_DROPPED), HEDGES, p)


def detect_negation(p: Pair, ctx: Context) -> list[Flag]:
    return _marker_shift((FlagKind.NEGATION, FlagKind.NEGATION), NEGATIONS, p)


def detect_degree(p: Pair, ctx: Context) -> list[Flag]:
    """A claim made stronger: an intensifier added ("completely", "always") or a limiting word
    dropped ("almost", "relatively"). Softening the other way is left alone: it is how a
    summary usually words a claim."""
    return _marker_shift((FlagKind.DEGREE, None), INTENSIFIERS, p) + _marker_shift((None, FlagKind.DEGREE), LIMITERS, p)


def detect_attribution(p: Pair, ctx: Context) -> list[Flag]:
    """A source named here that the base does not name (the same source restated is no change)."""
    theirs = _speakers(p.base, ctx)
    extra = [who for who in _speakers(p.here, ctx) if not _restates(who, p.base, ctx)]
    if not extra:
        return []
    said = ", ".join(theirs) or "the author"
    return [
        Flag(
            FlagKind.ATTRIBUTION,
            f"credited here to {', '.join(extra)}; the base to {said}",
            tuple(extra),
            tuple(theirs),
        )
    ]


def detect_dropped_attribution(p: Pair, ctx: Context) -> list[Flag]:
    """The base credits someone other than the author; this wording states the claim as fact."""
    dropped = [who for who in _speakers(p.anchor, ctx) if not _restates(who, p.here, ctx)]
    if not dropped or _speakers(p.here, ctx) or not is_close(p.here, p.anchor, ctx):
        return []
    detail = f"the base credits this to {', '.join(dropped)}; this wording names no source"
    return [Flag(FlagKind.ATTRIBUTION_DROPPED, detail, (), tuple(dropped))]


def detect_framing(p: Pair, ctx: Context) -> list[Flag]:
    """The base's words here are its editor's or translator's note, and this wording credits
    them to the author."""
    if not p.editorial:
        return []
    named = [
        p.here[a:b] for a, b, word, _ in word_spans(p.here) if word not in STOPWORDS and bare(word) in ctx.author_names
    ]
    if not named:
        return []
    detail = f"the base's words are its editor's note, not the author's; this wording credits them to {named[0]}"
    return [Flag(FlagKind.FRAMING, detail, (named[0],), ())]


def detect_cause(p: Pair, ctx: Context) -> list[Flag]:
    """A causal connective here where the base gives no cause at all."""
    extra = _connectives(p.here)
    if not extra or _connectives(p.base, CAUSES + BASE_CAUSES):
        return []
    return [Flag(FlagKind.CAUSE, f"a cause is given here ({', '.join(extra)}); the base gives none", tuple(extra), ())]


def detect_quotes(p: Pair, ctx: Context) -> list[Flag]:
    """Words in quotation marks that the base does not say: quoting puts them in its mouth."""
    base_terms = set(terms(p.base, ctx.phrases))
    quoted = [q.strip() for q in _QUOTED.findall(p.here) if len(q.split()) >= 2]
    extra = [q for q in quoted if _plain(q) not in _plain(p.base) and not set(terms(q, ctx.phrases)) <= base_terms]
    if not extra:
        return []
    detail = f"in quotation marks here: “{extra[0]}”; the base does not say these words"
    return [Flag(FlagKind.QUOTE, detail, tuple(extra), ())]


def detect_intensity(p: Pair, ctx: Context) -> list[Flag]:
    mine, theirs = _scale_words(p.here), _scale_words(p.base)
    close = is_close(p.here, p.anchor, ctx)
    flags = []
    for scale, hits in mine.items():
        word, grade = hits[0]
        if not close and scale not in OPEN_SCALES:
            continue  # quantity and degree words only mean something in the same sentence
        if scale in theirs and grade not in {g for _, g in theirs[scale]}:  # "many" where the base has it too
            other = theirs[scale][0][0]
            flags.append(Flag(FlagKind.INTENSITY, f"“{word}” here; “{other}” in the base ({scale})", (word,), (other,)))
    return flags


ADDED_TERMS = 15
ADDED_SHARE = 0.5
"""A wording adds content of its own inside a matched sentence when at least `ADDED_TERMS` of its
content terms, and at least `ADDED_SHARE` of them, are in no base sentence it is linked to.
Chosen on dev gold (Lambert 001/002 and science) as the pair that adds the most distorted
sentences while flagging at most one faithful one more (at 15 and 0.5: this kind fires on 1 of
44 faithful and 4 of 18 distorted; at 11 and 0.5 on 6 and 8). On the larger dev set of
2026-12-06 (seven more stories) it fired on 6 of 148 faithful and 4 of 46 distorted, and was a
note; on the 17 dev stories of that day's second session it fires on 11 of 272 faithful and 10 of
69 distorted, separates by the rule and is a flag again. Lower bars flag more faithful sentences
without adding distorted ones to those any flag catches (12 and 0.5: 26 faithful and 25 distorted
with any flag, against 18 and 25 at 15 and 0.5)."""


def detect_addition(p: Pair, ctx: Context) -> list[Flag]:
    """Content of the wording's own inside a sentence matched to the base: a clause, a reason or
    a metaphor that no linked base sentence has (the words are shown for a reader to judge)."""
    spans = [(p.here[a:b], term) for a, b, _, term in word_spans(p.here, ctx.phrases) if term]
    mine, theirs = {term for _, term in spans}, set(terms(p.base, ctx.phrases))
    new = mine - theirs
    if len(new) < ADDED_TERMS or len(new) < ADDED_SHARE * len(mine):
        return []
    shown = list(dict.fromkeys(word for word, term in spans if term in new))
    detail = f"{len(new)} of its {len(mine)} content words are in no base sentence it is linked to"
    return [Flag(FlagKind.ADDITION, detail, tuple(shown), ())]


DETECTORS: tuple[Detector, ...] = (
    detect_numbers,
    detect_entities,
    detect_hedges,
    detect_negation,
    detect_attribution,
    detect_dropped_attribution,
    detect_framing,
    detect_cause,
    detect_quotes,
    detect_intensity,
    detect_degree,
    detect_addition,
)


def is_close(here: str, anchor: str, ctx: Context, share: float = 0.5) -> bool:
    """Whether two sentences share most of their content terms (the same claim, reworded)."""
    a, b = set(terms(here, ctx.phrases)), set(terms(anchor, ctx.phrases))
    if not a or not b:
        return False
    both = len(a & b)
    return both / len(a) >= share and both / len(b) >= share


def compare(here: str, anchor: str, base: str, ctx: Context, editorial: str = "") -> tuple[Flag, ...]:
    """All flags for a rendering `here` against its group's base sentence `anchor`.

    `base` is every base sentence the rendering is linked to, joined, so that what a summary
    took from another of them is not mistaken for something new; `editorial` those of them that
    are the base's editor's or translator's note. Kinds in `NOTES` come back as notes. A news
    dateline ("PARIS, May 7 (Reuters) - ") is page matter, not claim: detectors read past it.
    """
    pair = Pair(without_dateline(here), anchor, base, editorial)
    flags = (flag for detect in DETECTORS for flag in detect(pair, ctx))
    return tuple(replace(f, strength=FlagStrength.NOTE) if f.kind in NOTES else f for f in flags)
