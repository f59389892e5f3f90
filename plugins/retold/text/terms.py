"""Turn a sentence into the weighted content terms that matching and highlighting compare.

Terms are Snowball stems of content words, with function words, reporting verbs ("says",
"points out", "according to") and a few spelling variants of the same name folded away, so
"Lambert points out that U.S. labs ..." and "American laboratories ..." share their terms.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

import snowballstemmer

from retold.model import ENTITY_MARK, Glossary

_STEMMER = snowballstemmer.stemmer("english")
# A word after one of these prefixes and a hyphen is one token, spelled without the hyphen
# ("non-compete" and "noncompete", "co-founder" and "cofounder" are the same word); other
# hyphenated compounds ("Beijing-based") stay separate words.
_PREFIX = r"(?:(?i:non|co|e|re|pre|anti|multi|sub|semi|post|mid|ex)-(?=[A-Za-z]))?"
_TOKEN = re.compile(
    _PREFIX + r"[A-Za-z\u00C0-\u024F\u0370-\u03FF\u0400-\u04FF]+(?:[.'’][A-Za-z]+)*\.?|\d+(?:[.,]\d+)*%?"
    r"|[\u3040-\u30FF\u3400-\u9FFF\uAC00-\uD7AF]"
)

STOPWORDS = frozenset(
    [
        "a",
        "about",
        "above",
        "after",
        "again",
        "against",
        "all",
        "also",
        "although",
        "am",
        "an",
        "and",
        "any",
        "are",
        "as",
        "at",
        "be",
        "because",
        "been",
        "before",
        "being",
        "below",
        "between",
        "both",
        "but",
        "by",
        "can",
        "could",
        "did",
        "do",
        "does",
        "doing",
        "down",
        "during",
        "each",
        "even",
        "ever",
        "few",
        "for",
        "from",
        "further",
        "had",
        "has",
        "have",
        "having",
        "he",
        "her",
        "here",
        "hers",
        "herself",
        "him",
        "himself",
        "his",
        "how",
        "i",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "itself",
        "just",
        "let",
        "me",
        "more",
        "most",
        "my",
        "myself",
        "no",
        "nor",
        "not",
        "now",
        "of",
        "off",
        "on",
        "once",
        "only",
        "or",
        "other",
        "our",
        "ours",
        "ourselves",
        "out",
        "over",
        "own",
        "same",
        "she",
        "should",
        "so",
        "some",
        "such",
        "than",
        "that",
        "the",
        "their",
        "theirs",
        "them",
        "themselves",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "through",
        "to",
        "too",
        "under",
        "until",
        "up",
        "very",
        "was",
        "we",
        "were",
        "what",
        "when",
        "where",
        "which",
        "while",
        "who",
        "whom",
        "why",
        "will",
        "with",
        "would",
        "you",
        "your",
        "yours",
        "yourself",
        "yourselves",
        "one",
        "ones",
        "may",
        "might",
        "must",
        "shall",
        "also",
        "yet",
        "still",
        "however",
        "therefore",
        "thus",
        "instead",
        "rather",
        "quite",
        "really",
        "actually",
        "indeed",
        "many",
        "much",
        "often",
        "always",
        "like",
        "well",
        "way",
        "thing",
        "things",
        "e.g",
        "i.e",
        "etc",
        "s",
        "t",
        "don",
        "didn",
        "doesn",
        "isn",
        "aren",
        "wasn",
        "weren",
        "won",
        "wouldn",
        "shouldn",
        "couldn",
        "ll",
        "re",
        "ve",
        "d",
        "m",
        "o",
        "y",
    ]
)
MONTHS = frozenset(
    [
        *("january", "february", "march", "april", "may", "june", "july", "august"),
        *("september", "october", "november", "december"),
        # as news dates abbreviate them ("open until 4 Dec."): "may" is already there, "mar" is a verb
        *("jan", "feb", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"),
    ]
)
WEEKDAYS = frozenset(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"])
"""Calendar words: capitalised, yet they date a claim rather than name a party; a news report
dates the event it reports by its weekday ("said on Monday"), an announcement says "today"."""
# Verbs and phrases that frame reported speech in rewrites: they carry no claim of their own.
REPORTING = frozenset(
    [
        "say",
        "says",
        "said",
        "saying",
        "state",
        "states",
        "stated",
        "note",
        "notes",
        "noted",
        "point",
        "points",
        "pointed",
        "believe",
        "believes",
        "believed",
        "think",
        "thinks",
        "thought",
        "describe",
        "describes",
        "described",
        "explain",
        "explains",
        "explained",
        "analyze",
        "analyzes",
        "analyzed",
        "analyse",
        "analyses",
        "argue",
        "argues",
        "argued",
        "admit",
        "admits",
        "admitted",
        "claim",
        "claims",
        "claimed",
        "according",
        "reportedly",
        "announce",
        "announces",
        "announced",
        "reveal",
        "reveals",
        "revealed",
        "mention",
        "mentions",
        "mentioned",
        "add",
        "adds",
        "added",
        "found",
        "find",
        "finds",
        "noticed",
        "notice",
        "observe",
        "observes",
        "observed",
        "told",
        "tell",
        "tells",
        "report",
        "reports",
        "reported",
        "write",
        "writes",
        "wrote",
        "summarize",
        "summarizes",
        "summarized",
        "praise",
        "praises",
        "praised",
        "cite",
        "cites",
        "cited",
    ]
)
DETERMINERS = frozenset(
    [
        "the",
        "a",
        "an",
        "this",
        "that",
        "these",
        "those",
        "its",
        "their",
        "our",
        "his",
        "her",
        "my",
        "your",
        "each",
        "every",
        "whose",
        "which",
        "no",
        "any",
        "some",
    ]
)
"""Words that make the word after them a noun: "the report", "a note", "its findings"."""


# Spellings of one name that no stemmer folds together (general English, not corpus-specific).
CANONICAL = {
    "u.s": "us",
    "u.s.": "us",
    "usa": "us",
    "america": "us",
    "american": "us",
    "americans": "us",
    "u.k": "uk",
    "u.k.": "uk",
    "british": "uk",
    "laboratory": "lab",
    "laboratories": "lab",
    "labs": "lab",
    "llm": "llm",
    "llms": "llm",
}
_PHRASES = (
    (re.compile(r"\bunited\s+states\b", re.I), "US"),
    (re.compile(r"\bunited\s+kingdom\b", re.I), "UK"),
    (re.compile(r"\b(?:great\s+)?britain\b", re.I), "UK"),
    (re.compile(r"\bczech\s+republic\b", re.I), "Czechia"),
    (re.compile(r"\blarge(?:[\s-]+scale)?\s+language\s+models?\b", re.I), "LLM"),
    (re.compile(r"\bbig\s+language\s+models?\b", re.I), "LLM"),
)


_ENUMERATOR = re.compile(
    r"^\s*(?:\d{1,2}\s*[.:、)）]|[(（]\d{1,2}[)）]|(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|"
    r"tenth|finally|lastly),)\s*",
    re.I,
)


@lru_cache(maxsize=1 << 16)
def words(text: str) -> tuple[str, ...]:
    """Word tokens in order, lower-cased, with phrase-level names folded (United States -> us).

    Cached: alignment and the fidelity detectors read the same base sentences once per version.

    >>> words("A non-compete clause, a noncompete clause; Beijing-based")
    ('a', 'noncompete', 'clause', 'a', 'noncompete', 'clause', 'beijing', 'based')
    """
    for pattern, repl in _PHRASES:
        text = pattern.sub(repl, text)
    return tuple(_word(m.group()) for m in _TOKEN.finditer(text))


def count_words(text: str) -> int:
    """How many words `text` has as written, counted as the tokeniser cuts them: the words a
    version's pages mark and compare (a prefix and its word, or "U.S.", is one; "Beijing-based"
    two; a dash none; a CJK character one).

    >>> count_words("Beijing-based co-founders — three of them — say U.S. labs lead.")
    10
    """
    return sum(1 for _ in _TOKEN.finditer(text))


def reports_speech(text: str) -> bool:
    """Whether a sentence reports someone's words: it has a `REPORTING` word used as a verb.

    A reporting word written with a capital is part of a name ("Member States", "Point Reyes"),
    and one after a determiner is a noun ("the report", "a note"): neither reports anything.
    Counting them made a press release that speaks of "Member States" look like a news report
    of it (`retold.match.base.source_rank`).

    >>> reports_speech("The regulator said the firm broke the rules.")
    True
    >>> reports_speech("Member States must act."), reports_speech("The report covers 2024.")
    (False, False)
    """
    toks = [m.group() for m in _TOKEN.finditer(text)]
    return any(
        _word(t) in REPORTING and t[0].islower() and (n == 0 or _word(toks[n - 1]) not in DETERMINERS)
        for n, t in enumerate(toks)
    )


def _word(token: str) -> str:
    return token.lower().rstrip(".").replace("’", "'").replace("-", "")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The matching term of one lower-case word, or '' for a function or reporting word."""
    word = re.sub(r"(?:n't|'s|'re|'ve|'ll|'d|'m|')$", "", word)
    if word in CANONICAL:
        return CANONICAL[word]
    if len(word) == 1 and ("\u3040" <= word <= "\u30ff" or "\u3400" <= word <= "\ud7af"):
        return word  # a CJK character is a term of its own
    if word in STOPWORDS or word in REPORTING or (len(word) < 2 and not word.isdigit()):
        return ""
    return str(_STEMMER.stemWord(word))


Phrases = dict[str, list[tuple[tuple[str, ...], str]]]


def glossary_phrases(glossary: Glossary) -> Phrases:
    """First word -> (words of a name, entity term), longest names first: every name of every
    entity, cut into words by the same tokeniser as the text it is looked up in, so a name
    matches however the tokeniser spells its words ("Non-compete rule", "U.S. Army").

    >>> from retold.model import Entity, EntityKind
    >>> found = glossary_phrases(Glossary((Entity("U.S. Army", EntityKind.ORGANISATION, ("Non-compete unit",)),)))
    >>> terms("The U.S. Army's noncompete unit", found)
    ['=u-s-army', '=u-s-army']
    """
    out: Phrases = {}
    for e in glossary.entities:
        for name in e.names:
            toks = name_words(name)
            if toks:
                out.setdefault(toks[0], []).append((toks, e.term))
    for options in out.values():
        options.sort(key=lambda o: -len(o[0]))
    return out


def name_words(name: str) -> tuple[str, ...]:
    """The words a glossary name is looked up by: two names with the same words are one name
    to matching, so a glossary may give them to one entity only.

    >>> name_words("Non-compete rule's"), name_words("noncompete rule"), name_words("...")
    (('noncompete', 'rule'), ('noncompete', 'rule'), ())
    """
    return tuple(bare(w) for w in words(name))


def terms(text: str, phrases: Phrases | None = None) -> list[str]:
    """Content terms of a text in order (duplicates kept).

    `phrases` (from a glossary) folds every name of an entity into that entity's one term.
    """
    return list(_plain_terms(text)) if not phrases else _terms(text, phrases)


@lru_cache(maxsize=1 << 16)
def _plain_terms(text: str) -> tuple[str, ...]:
    return tuple(_terms(text, None))


def _terms(text: str, phrases: Phrases | None) -> list[str]:
    toks = words(_ENUMERATOR.sub("", text, count=1))
    return [term for _, _, term in _fold(toks, phrases) if term]


_POSSESSIVE = re.compile(r"['’]s?$")
"""A possessive ending a word ("Nvidia's", "researchers'"): the word names what it ends."""


def bare(word: str) -> str:
    """A word without its possessive ending, as names are looked up.

    >>> bare("lambert's"), bare("researchers'"), bare("its")
    ('lambert', 'researchers', 'its')
    """
    return _POSSESSIVE.sub("", word)


def _fold(toks: tuple[str, ...], phrases: Phrases | None) -> Iterator[tuple[int, int, str]]:
    """Runs of tokens `[i, j)` with their term: a glossary name is one run, any other word its own."""
    bared = tuple(bare(t) for t in toks) if phrases else toks  # once, not once per look-up
    i = 0
    while i < len(toks):
        if phrases:
            hit = next(((n, term) for n, term in phrases.get(bared[i], ()) if bared[i : i + len(n)] == n), None)
            if hit is not None:
                yield i, i + len(hit[0]), hit[1]
                i += len(hit[0])
                continue
        yield i, i + 1, stem(toks[i])
        i += 1


def mentions(text: str, phrases: Phrases) -> list[tuple[int, int, str]]:
    """Where `text` names a glossary entity, as `(start, end, entity term)`: the one way entity
    mentions are found, the same runs of tokens that matching folds into the entity's term, so a
    name counts as mentioned exactly where matching sees it (any case, either apostrophe, a
    possessive or a hyphen between its words).

    >>> from retold.model import Entity, EntityKind
    >>> found = glossary_phrases(Glossary((Entity("Qwen", EntityKind.PRODUCT, ("Alibaba's Qwen",)),)))
    >>> text = "Alibaba’s Qwen leads; Qwen's rivals follow."
    >>> [(text[a:b], term) for a, b, term in mentions(text, found)]
    [('Alibaba’s Qwen', '=qwen'), ('Qwen', '=qwen')]
    """
    return [
        (a, b - len(m.group()) if (m := _POSSESSIVE.search(text, a, b)) else b, term)
        for a, b, _, term in word_spans(text, phrases)
        if term.startswith(ENTITY_MARK)
    ]


def word_spans(text: str, phrases: Phrases | None = None) -> list[tuple[int, int, str, str]]:
    """The words of `text` as `(start, end, word, term)`, offsets into `text` itself.

    The same tokens and terms as `terms` (a glossary name is one span with the entity's term;
    a function word has the term ''), for callers that must point back into the wording, such
    as the word-level diff on claim pages. A sentence's full stop is left outside its last word;
    an abbreviation keeps its own ("U.S.").

    >>> text = "Labs in the U.S. hire Claude."
    >>> [text[a:b] for a, b, _, _ in word_spans(text)][-3:]
    ['U.S.', 'hire', 'Claude']
    """
    found = list(_TOKEN.finditer(text))
    toks = tuple(_word(m.group()) for m in found)
    out = []
    for i, j, term in _fold(toks, phrases):
        word, end = " ".join(toks[i:j]), found[j - 1].end()
        out.append((found[i].start(), end - 1 if text[end - 1] == "." and "." not in word else end, word, term))
    return out
