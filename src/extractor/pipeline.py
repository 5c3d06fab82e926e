"""The spaCy pipeline: ``spacy.blank("en")`` plus rule components whose patterns live in ``patterns/``.

Components, in order:

* ``extractor_sentences`` sets ``Token.is_sent_start``: a line break always ends a sentence
  (headings, bullet lines), and ``. ! ?`` end one before a capital, quote or digit.
* ``span_ruler`` (spaCy's SpanRuler) finds locations into ``doc.spans["loc"]`` from
  ``patterns/locations.jsonl``.
* ``project_heads`` (a PhraseMatcher on ``LOWER``) marks project head nouns from
  ``patterns/project_heads.txt`` into ``doc.spans["head"]``.
"""

from __future__ import annotations

import re
from functools import lru_cache

import numpy
import spacy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from extractor.resources import load_resources

SENTENCE_ENDS = {".", "!", "?", "。"}
# A full stop after these is an abbreviation, not a sentence end ("No. 1 Factory").
ABBREVIATIONS = {"no", "mr", "ms", "mrs", "dr", "st", "co", "ltd", "inc", "corp", "jan", "feb", "mar", "apr",
                 "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "vs", "approx", "u.s", "e.g", "i.e"}


@Language.component("extractor_sentences")
def set_sentence_starts(doc: Doc) -> Doc:
    """Sentence starts from line breaks and sentence-final punctuation (see module docstring).

    All boundaries are set in one ``Doc.from_array`` call: setting ``Token.is_sent_start`` token
    by token re-checks the whole document each time, which is quadratic on long articles.
    """
    if len(doc) == 0:
        return doc
    starts = [1] * len(doc)
    last = None  # the previous non-space token
    gap = ""  # the text between it and the current token
    for i, tok in enumerate(doc):
        if i == 0:
            last, gap = tok, tok.whitespace_
            continue
        prev = doc[i - 1]
        if tok.is_space:
            starts[i] = -1
            gap += tok.text_with_ws
            continue
        if "\n" in gap or "\n" in prev.text:
            starts[i] = 1
        else:
            starts[i] = 1 if _ends_sentence(doc, last, tok) else -1
        last, gap = tok, tok.whitespace_
    doc.from_array([SENT_START], numpy.asarray(starts, dtype="int64").astype("uint64").reshape(-1, 1))
    return doc


def _ends_sentence(doc: Doc, last, tok) -> bool:
    """Whether ``last`` (the previous non-space token) ends a sentence before ``tok``."""
    text = last.text
    if text == "." and last.i > 0 and doc[last.i - 1].lower_ in ABBREVIATIONS:
        return False
    if text.lower() in ("inc.", "ltd.", "co.", "corp.") and tok.is_title and tok.is_stop:
        return True
    if text in SENTENCE_ENDS or (text.endswith(".") and len(text) > 1 and text[:-1].isalpha()
                                 and text[:-1].islower()):
        first = tok.text[:1]
        return first.isupper() or first in "\"“‘'(" or (first.isdigit() and text in SENTENCE_ENDS)
    return False


LONG_RUN = re.compile(r"\S{200,}")
RUN_PIECE = 100


class BoundedTokenizer:
    """spaCy's tokenizer, except that a run of 200+ non-space characters is cut into 100-character
    tokens: the default affix splitting is quadratic in a run's length ("((((...))))" of 40 KB takes
    minutes). Text and offsets are unchanged (``doc.text == text``); no real word is that long.
    """

    def __init__(self, inner):
        self.inner = inner

    def __call__(self, text: str) -> Doc:
        if not LONG_RUN.search(text):
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


class ProjectHeads:
    """Marks project head nouns. Sets ``doc.spans["head"]`` (one-token spans, label HEAD)."""

    def __init__(self, nlp: Language, name: str):
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        heads = load_resources().project_heads
        self.matcher.add("HEAD", list(nlp.tokenizer.pipe(sorted(heads))))

    def __call__(self, doc: Doc) -> Doc:
        doc.spans["head"] = [Span(doc, s, e, label="HEAD") for _, s, e in self.matcher(doc)]
        return doc


@Language.factory("project_heads")
def make_project_heads(nlp: Language, name: str) -> ProjectHeads:
    return ProjectHeads(nlp, name)


@lru_cache(maxsize=2)
def build_nlp() -> Language:
    """The blank English pipeline with the project's rule components (cached per process)."""
    res = load_resources()
    nlp = spacy.blank("en")
    nlp.tokenizer = BoundedTokenizer(nlp.tokenizer)
    nlp.add_pipe("extractor_sentences")
    ruler = nlp.add_pipe(
        "span_ruler",
        config={
            "spans_key": "loc",
            "validate": True,
            "spans_filter": {"@misc": "spacy.first_longest_spans_filter.v1"},
        },
    )
    ruler.add_patterns([dict(p) for p in res.location_patterns])
    nlp.add_pipe("project_heads")
    return nlp
