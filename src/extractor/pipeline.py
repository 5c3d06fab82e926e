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

from functools import lru_cache

import spacy
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
    """Sentence starts from line breaks and sentence-final punctuation (see module docstring)."""
    for i, tok in enumerate(doc):
        if i == 0:
            tok.is_sent_start = True
            continue
        prev = doc[i - 1]
        if tok.is_space:
            tok.is_sent_start = False
        elif "\n" in prev.text or "\n" in prev.whitespace_ or (prev.is_space and "\n" in prev.text):
            tok.is_sent_start = True
        elif "\n" in doc[i - 1].text_with_ws and prev.is_space:
            tok.is_sent_start = True
        else:
            last = _previous_non_space(doc, i)
            starts = False
            if last is not None and last.text == "." and last.i > 0 and doc[last.i - 1].lower_ in ABBREVIATIONS:
                last = None
            if last is not None and last.text.lower() in ("inc.", "ltd.", "co.", "corp.") and tok.is_title \
                    and tok.is_stop:
                tok.is_sent_start = True
                continue
            if last is not None and (last.text in SENTENCE_ENDS or (last.text.endswith(".") and len(last.text) > 1
                                                                     and last.text[:-1].isalpha()
                                                                     and last.text[:-1].islower())):
                first = tok.text[:1]
                starts = first.isupper() or first in "\"“‘'(" or (first.isdigit() and last.text in SENTENCE_ENDS)
            if last is not None and last.is_space is False and "\n" in _gap(doc, last.i, i):
                starts = True
            tok.is_sent_start = starts
    return doc


def _previous_non_space(doc: Doc, i: int):
    j = i - 1
    while j >= 0 and doc[j].is_space:
        j -= 1
    return doc[j] if j >= 0 else None


def _gap(doc: Doc, a: int, b: int) -> str:
    return doc[a].whitespace_ + "".join(doc[k].text_with_ws for k in range(a + 1, b))


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
