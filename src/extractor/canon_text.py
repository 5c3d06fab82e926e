"""Plain-text helpers of the canonical-place layer (:mod:`extractor.canon`): sentences, paragraphs
and the phrasings that set a place for what follows. No spaCy: a registry is built from records and
article text alone.

The phrasings (each read by :meth:`extractor.canon.PlaceResolver.frames` or ``article_city``):

* a *sentence frame*: a sentence that opens with a place phrase and a comma ("In Huizhou City in
  South China's Guangdong Province, ExxonMobil's ... began operating", "In north China's Tianjin
  Municipality, ...", "In Beijing's Tongzhou district, ..."): :func:`frame_phrase`;
* a *cluster*: a sentence that counts or lists a set of works ("a cluster of cultural buildings",
  "three landmark buildings", "both projects", "a library, a museum and an art center"):
  :func:`is_cluster`; and the sentence that lists its members ("the A, B and C opened"):
  :func:`is_enumeration`;
* the *lede*: the first sentences of the body that end with a full stop (a photo credit, a dateline or
  a contact line is no lede sentence): :func:`lede`.

The words these read (frame words, count words, collective nouns, abbreviations) are vocabulary lines
of ``patterns/canonical_places.jsonl`` (:class:`TextVocabulary`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    paragraph: int
    text: str


@dataclass(frozen=True)
class TextVocabulary:
    """Word lists of ``patterns/canonical_places.jsonl`` (lines ``{"vocabulary": NAME, "words": [...]}``)."""

    frame_words: frozenset[str] = frozenset()  # words a place phrase may hold besides places
    count_words: frozenset[str] = frozenset()  # "two", "three", "both", "several": a counted set
    collective_words: frozenset[str] = frozenset()  # "cluster", "group", "batch": "a cluster of"
    abbreviations: frozenset[str] = frozenset()  # "No", "Co", "Rd": a full stop that ends no sentence
    district_suffixes: tuple[str, ...] = ()  # "District", "County": "Wucheng" in a title = "Wucheng District"

    @classmethod
    def from_lines(cls, lines: dict[str, list[str]]) -> "TextVocabulary":
        lower = {k: frozenset(w.lower() for w in v) for k, v in lines.items()}
        return cls(lower.get("frame_words", frozenset()), lower.get("count_words", frozenset()),
                   lower.get("collective_words", frozenset()), frozenset(lines.get("abbreviations", ())),
                   tuple(lines.get("district_suffixes", ())))


_BOUNDARY = re.compile(r"[.!?][\"”’')\]]*(?=\s+[\"“‘(]?[A-Z0-9])|\n+")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")


def sentences(text: str, vocab: TextVocabulary) -> list[Sentence]:
    """The sentences of ``text``, each with its paragraph (a line of text): a line break always ends
    one; a full stop, question or exclamation mark followed by a capital ends one unless it closes an
    abbreviation ("No. 5", "Co. Ltd") or a single letter ("U.S.")."""
    out: list[Sentence] = []
    start, paragraph = 0, 0
    for m in _BOUNDARY.finditer(text):
        if m.group().startswith("\n"):
            _add(out, text, start, m.start(), paragraph)
            start, paragraph = m.end(), paragraph + 1
            continue
        before = text[start:m.start()].rsplit(None, 1)
        last = before[-1] if before else ""
        if last in vocab.abbreviations or (len(last) == 1 and last.isalpha()):
            continue
        _add(out, text, start, m.end(), paragraph)
        start = m.end()
    _add(out, text, start, len(text), paragraph)
    return out


def _add(out: list[Sentence], text: str, start: int, end: int, paragraph: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    if start < end:
        out.append(Sentence(start, end, paragraph, text[start:end]))


_FRAME = re.compile(r"(?:In|At)\s+([^,;.]{2,120}),")


def frame_phrase(sentence: Sentence) -> tuple[int, int] | None:
    """The (start, end) in the text of a sentence's opening "In <place phrase>," (the caller checks
    that the phrase holds places and frame words only)."""
    m = _FRAME.match(sentence.text)
    return (sentence.start + m.start(1), sentence.start + m.end(1)) if m else None


def only_frame_words(rest: str, vocab: TextVocabulary) -> bool:
    """``rest`` (a phrase with its place names cut out) holds nothing but frame words ("in", "the",
    "China's", "south", "province", ...)."""
    words = [w.lower() for w in _WORD.findall(re.sub(r"['’]s\b", "", rest))]
    return all(w in vocab.frame_words for w in words)


_LIST_ITEM = r"(?:(?:the|an?) [\w'’&-]+|[A-Z][\w'’&-]*)(?: [\w'’&-]+){0,8}(?: \([A-Z]{2,}\))?"
_ENUMERATION = re.compile(rf"{_LIST_ITEM}, {_LIST_ITEM},? and {_LIST_ITEM}")


_INDEFINITE_LIST = re.compile(r"\ban? [\w'’-]+(?: [\w'’-]+){0,3}, an? [\w'’ -]+?,? and an? [\w'’-]+")


def is_enumeration(text: str) -> bool:
    """A list of three or more names or things: "A, B and C", each item a capitalised name or led by an
    article ("the Beijing Performing Arts Centre (BPAC), Beijing Library and the Grand Canal Museum of
    Beijing"; "a theater, a library and the eastern branch of ...")."""
    return bool(_ENUMERATION.search(text))


def is_cluster(text: str, vocab: TextVocabulary) -> bool:
    """A sentence about a set of works: a count word (spelled out: a figure counts a programme, not a
    cluster) or a collective word and "of", followed within a few words by a plural ("three landmark
    buildings", "both projects", "a cluster of striking cultural buildings"), or a list of three or more
    things each led by "a" ("a library, a museum and an art center")."""
    tokens = _WORD.findall(text)
    for i, tok in enumerate(tokens):
        low = tok.lower()
        counted = low in vocab.count_words
        collective = low in vocab.collective_words and tokens[i + 1:i + 2] == ["of"]
        if (counted or collective) and any(_plural(t) for t in tokens[i + 1:i + 6]):
            return True
    return bool(_INDEFINITE_LIST.search(text))


def _plural(token: str) -> bool:
    return token.islower() and len(token) > 3 and token.endswith("s") and not token.endswith(("ss", "us", "is"))


def lede(sentences_: list[Sentence], n: int = 2, min_words: int = 6) -> list[Sentence]:
    """The first ``n`` sentences that end with a full stop and have at least ``min_words`` words: a
    title line, a dateline, a photo credit or a contact line is not a lede."""
    out = []
    for s in sentences_:
        body = s.text.rstrip().rstrip("\"”’')")
        if body.endswith(".") and len(_WORD.findall(body)) >= min_words:
            out.append(s)
            if len(out) == n:
                break
    return out


def bare_in(title: str, bare: str) -> bool:
    """``bare`` stands in ``title`` as a whole word, as written."""
    return bool(re.search(rf"(?<![\w'’-]){re.escape(bare)}(?![\w'’-])", title))
