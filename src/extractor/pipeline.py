"""The spaCy pipeline: ``spacy.blank("en")`` plus rule components whose patterns come from one
:class:`~extractor.resources.Resources` (``patterns/``).

Components, in order:

* ``extractor_sentences`` (:class:`SentenceSplitter`) sets ``Token.is_sent_start``: a line break
  always ends a sentence (headings, bullet lines), and ``. ! ?`` end one before a capital, quote or
  digit, unless the full stop ends an abbreviation (``patterns/sentences.json``).
* ``anchored_span_ruler`` (spaCy's SpanRuler, its token patterns run only near their anchor
  words: see :mod:`extractor.anchored`) finds locations into ``doc.spans["loc"]`` from
  ``patterns/locations.jsonl``.
* ``gazetteer_places`` adds the gazetteer's places (``patterns/gazetteer/``) to ``doc.spans["loc"]``:
  a name of several words in any case, a one-word name as written; the longest span wins.
* ``project_heads`` (a PhraseMatcher on ``LOWER``) marks project head nouns and works nouns from
  ``patterns/heads.jsonl`` and ``patterns/works_nouns.txt`` into ``doc.spans["head"]``.

The tokeniser is spaCy's, except that a hyphen before a letter does not split a word: names
such as "Lin-gang", "E-Town", "Pan-Beijing" and "Beijing-Tianjin-Hebei" stay one token, as do number
words ("Forty-eight"). An en or em dash still splits.
"""

from __future__ import annotations

import re

import numpy
import spacy
from spacy.attrs import SENT_START
from spacy.lang.char_classes import ALPHA
from spacy.util import compile_infix_regex, filter_spans
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from extractor import anchored  # noqa: F401  (registers the anchored_span_ruler factory)
from extractor.resources import Resources, SentenceRules

# A sentence ends at a line break, or at . ! ? before a capital, quote, bracket or digit.
# Written to start with a character class (the regex engine then jumps between candidates); the
# whitespace after . ! ? is group 1.
BOUNDARY = re.compile(r"""\n\s*(?=\S)|[.!?。](\s+)(?=["“‘'(]?[A-Z0-9])""")
WORD_BEFORE_STOP = re.compile(r"([\w.]+)\.$")
# A "sentence" longer than this (a run-on list, a page of capitals, a repeated phrase) is cut at a
# word start: every rule that looks back to its sentence's start then stays linear in the text.
# The corpus's longest sentence has 790 characters.
MAX_SENTENCE_CHARS = 2000
WHITESPACE_BEFORE = re.compile(r"\s(?=\S)")


def bound_sentences(text: str, starts: list[int], limit: int = MAX_SENTENCE_CHARS) -> list[int]:
    """``starts`` with a start added wherever a sentence runs over ``limit`` characters: at the last
    word start within the limit (or at the limit, inside a run with no space).

    >>> bound_sentences("aa bb cc dd ee", [0], limit=6)
    [0, 6, 12]
    >>> bound_sentences("aaaaaaaa", [0], limit=3)
    [0, 3, 6]
    """
    out: list[int] = []
    for start, end in zip(starts, starts[1:] + [len(text)]):
        out.append(start)
        while end - start > limit:
            cut = None
            for m in WHITESPACE_BEFORE.finditer(text, start + 1, start + limit + 1):
                cut = m.end()
            start = cut if cut is not None and cut > start else start + limit
            out.append(start)
    return out


class SentenceSplitter:
    """Sentence starts by regex over the text (no pass over tokens), with the abbreviation rules of
    ``patterns/sentences.json``."""

    def __init__(self, rules: SentenceRules):
        self.abbreviations = frozenset(rules.abbreviations)
        self.company_suffixes = frozenset(rules.company_suffixes)
        self.starters = re.compile(rf"(?:{'|'.join(map(re.escape, rules.sentence_starters))})\b")

    def start_chars(self, text: str) -> list[int]:
        r"""Character offsets where sentences start.

        >>> from extractor.resources import load_resources
        >>> split = SentenceSplitter(load_resources().sentences)
        >>> t = "It opened. The No. 1 Factory is in U.S. dollars. Li Auto Inc. This line\nNext"
        >>> [t[i:i + 4] for i in split.start_chars(t)]
        ['It o', 'The ', 'Li A', 'This', 'Next']
        """
        starts = [0]
        for m in BOUNDARY.finditer(text):
            gap = m.start(1) if m.group(1) is not None else m.start()  # where the whitespace starts
            if "\n" not in text[gap : m.end()]:
                word = WORD_BEFORE_STOP.search(text[max(0, gap - 15) : gap])
                if word is not None:
                    w = word.group(1).lower()
                    if w in self.company_suffixes and not self.starters.match(text, m.end()):
                        continue
                    if w in self.abbreviations and w not in self.company_suffixes:
                        continue
            starts.append(m.end())
        return bound_sentences(text, starts)

    def __call__(self, doc: Doc) -> Doc:
        """Set sentence starts in one ``Doc.from_array`` call: a Python loop over tokens costs more
        than the whole tokeniser."""
        n = len(doc)
        if n == 0:
            return doc
        idx = doc.to_array("IDX").astype("int64")
        starts = numpy.full(n, -1, dtype="int64")
        starts[0] = 1
        text = doc.user_data.get("text") or doc.text
        positions = numpy.searchsorted(idx, numpy.asarray(self.start_chars(text), dtype="int64"), "left")
        positions = positions[positions < n]
        starts[positions] = 1
        doc.from_array([SENT_START], starts.astype("uint64").reshape(-1, 1))
        return doc


@Language.factory("extractor_sentences", default_config={"abbreviations": [], "company_suffixes": [],
                                                          "sentence_starters": []})
def make_sentence_splitter(nlp: Language, name: str, abbreviations: list[str], company_suffixes: list[str],
                           sentence_starters: list[str]) -> SentenceSplitter:
    return SentenceSplitter(SentenceRules(abbreviations=abbreviations, company_suffixes=company_suffixes,
                                          sentence_starters=sentence_starters))


LONG_RUN_CHARS = 200
LONG_RUN = re.compile(rf"\S{{{LONG_RUN_CHARS},}}")
RUN_PIECE = 100


class BoundedTokenizer:
    """spaCy's tokenizer, except that a run of 200+ non-space characters is cut into 100-character
    tokens: the default affix splitting is quadratic in a run's length ("((((...))))" of 40 KB takes
    minutes). Text and offsets are unchanged (``doc.text == text``); no real word is that long.
    """

    def __init__(self, inner):
        self.inner = inner

    def __call__(self, text: str) -> Doc:
        doc = self._tokenize(text)
        doc.user_data["text"] = text  # Doc.text re-joins every token on each access
        return doc

    def _tokenize(self, text: str) -> Doc:
        if max(map(len, text.split()), default=0) < LONG_RUN_CHARS:  # split is 2x faster than the regex
            return self.inner(text)
        words: list[str] = []
        spaces: list[bool] = []
        pos = 0
        for m in LONG_RUN.finditer(text):
            self._add_segment(text[pos : m.start()], words, spaces)
            run = m.group(0)
            for k in range(0, len(run), RUN_PIECE):
                words.append(run[k : k + RUN_PIECE])
                spaces.append(False)
            pos = m.end()
        self._add_segment(text[pos:], words, spaces)
        # a single space after a run belongs to its last piece, as spaCy would have it
        merged_w: list[str] = []
        merged_s: list[bool] = []
        for w, sp in zip(words, spaces):
            if w == " " and merged_w and not merged_s[-1] and not merged_w[-1].isspace():
                merged_s[-1] = True
                continue
            merged_w.append(w)
            merged_s.append(sp)
        doc = Doc(self.inner.vocab, words=merged_w, spaces=merged_s)
        return doc if doc.text == text else self.inner(text)

    def _add_segment(self, segment: str, words: list[str], spaces: list[bool]) -> None:
        if segment:
            for tok in self.inner(segment):
                words.append(tok.text)
                spaces.append(bool(tok.whitespace_))

    def pipe(self, texts, batch_size: int = 1000):
        for text in texts:
            yield self(text)

    # spaCy calls these when serialising a pipeline; delegate
    def to_bytes(self, **kw):
        return self.inner.to_bytes(**kw)

    def from_bytes(self, data, **kw):
        self.inner.from_bytes(data, **kw)
        return self


class GazetteerPlaces:
    """Places of the gazetteer into ``doc.spans["loc"]`` (merged with the ruler's, longest first)."""

    def __init__(self, nlp: Language, surfaces: list[str]):
        self.phrases = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.words = PhraseMatcher(nlp.vocab, attr="ORTH")
        many = [s for s in surfaces if len(s.split()) > 1]
        one = [s for s in surfaces if len(s.split()) == 1]
        if many:
            self.phrases.add("LOC", list(nlp.tokenizer.pipe(many)))
        if one:
            self.words.add("LOC", list(nlp.tokenizer.pipe(one)))

    def __call__(self, doc: Doc) -> Doc:
        found = [Span(doc, s, e, label="LOC") for m in (self.phrases, self.words) for _, s, e in m(doc)]
        if found:
            doc.spans["loc"] = sorted(filter_spans(list(doc.spans.get("loc", [])) + found), key=lambda sp: sp.start)
        return doc


@Language.factory("gazetteer_places", default_config={"surfaces": []})
def make_gazetteer_places(nlp: Language, name: str, surfaces: list[str]) -> GazetteerPlaces:
    return GazetteerPlaces(nlp, surfaces)


class ProjectHeads:
    """Marks project head nouns. Sets ``doc.spans["head"]`` (one-token spans, label HEAD)."""

    def __init__(self, nlp: Language, heads: list[str]):
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.matcher.add("HEAD", list(nlp.tokenizer.pipe(sorted(heads))))

    def __call__(self, doc: Doc) -> Doc:
        doc.spans["head"] = [Span(doc, s, e, label="HEAD") for _, s, e in self.matcher(doc)]
        return doc


@Language.factory("project_heads", default_config={"heads": []})
def make_project_heads(nlp: Language, name: str, heads: list[str]) -> ProjectHeads:
    return ProjectHeads(nlp, heads)


# spaCy's English infix that splits "a-b" between letters, and the one that replaces it (dashes only).
LETTER_HYPHEN_INFIX = r"(?<=[{a}0-9])(?:-|–|—|--|---|——|~)(?=[{a}])".format(a=ALPHA)
LETTER_DASH_INFIX = r"(?<=[{a}0-9])(?:–|—|--|---|——|~)(?=[{a}])".format(a=ALPHA)


def keep_hyphenated_words(nlp: Language) -> None:
    infixes = [LETTER_DASH_INFIX if p == LETTER_HYPHEN_INFIX else p for p in nlp.Defaults.infixes]
    if infixes == list(nlp.Defaults.infixes):
        raise RuntimeError("spaCy's letter-hyphen infix rule was not found; check the spaCy version")
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer


def build_nlp(res: Resources) -> Language:
    """The blank English pipeline with the project's rule components, from ``res``."""
    nlp = spacy.blank("en")
    keep_hyphenated_words(nlp)
    nlp.tokenizer = BoundedTokenizer(nlp.tokenizer)
    nlp.add_pipe("extractor_sentences", config=res.sentences.model_dump())
    ruler = nlp.add_pipe("anchored_span_ruler", config={"spans_key": "loc"})
    ruler.add_patterns([dict(p) for p in res.location_patterns])
    nlp.add_pipe("gazetteer_places", config={"surfaces": res.gazetteer.surfaces()})
    works = res.works_nouns | {w + "s" for w in res.works_nouns}
    nlp.add_pipe("project_heads", config={"heads": sorted(res.project_heads | works)})
    return nlp
