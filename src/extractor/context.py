"""The article context: what every finder and rule needs to know about one parsed article.

One :class:`ArticleContext` is built per article (:meth:`ArticleContext.build`) and passed to every
finder and rule. Long-lived objects (the extractor, the finders, the grammars) hold only what is
the same for every article; nothing of an article outlives its context.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass
from functools import cached_property

from spacy.tokens import Doc, Span, Token

from extractor.article import Article
from extractor.scan import CaselessRegex, lowered

# a wire dateline opening a sentence ("BEIJING, Oct. 21 (Xinhua) -- "): what comes after it opens the clause
WIRE_DATELINE = re.compile(r"[A-Z][A-Za-z' .,]*\d{0,2}\s*(?:\([A-Za-z ]+\))?\s*(?:--|—|–)\s*")


class TokenCache(dict):
    """``doc[i]`` built once per index: spaCy makes a new Token object on every ``doc[i]``, and the
    finders look at the same few tokens around each candidate many times."""

    def __init__(self, doc: Doc):
        super().__init__()
        self.doc = doc

    def __missing__(self, i: int) -> Token:
        tok = self[i] = self.doc[i]
        return tok

    def run(self, start: int, end: int) -> list[Token]:
        """The tokens ``start .. end - 1`` (what iterating ``doc[start:end]`` gives)."""
        return [self[k] for k in range(start, end)]

    def char_span(self, start: int, end: int) -> tuple[int, int]:
        """Character offsets of tokens ``start .. end - 1`` (``doc[start:end]``'s start_char, end_char)."""
        last = self[end - 1]
        return self[start].idx, last.idx + len(last.text)


@dataclass(eq=False)
class ArticleContext:
    """One parsed article: its text, sentences and token index, computed once.

    * ``sents``: the sentences (spaCy spans); ``sent_of[i]``: the sentence of token ``i``;
      ``bounds[i]``: that sentence's (start, end) token bounds.
    * ``starts``: the start character of every token (char -> token by bisect).
    * ``tok``: the token cache (``tok[i]`` is ``doc[i]``, built once).
    * ``low``: the lower-cased text when lower-casing keeps offsets (:func:`extractor.scan.lowered`).
    """

    article: Article
    doc: Doc
    text: str
    low: str | None
    sents: list[Span]
    sent_of: list[int]
    bounds: list[tuple[int, int]]
    sent_starts: list[int]
    starts: list[int]
    tok: TokenCache
    title_case: frozenset[int]  # sentences that are a headline in Title Case

    @classmethod
    def build(cls, article: Article, doc: Doc) -> "ArticleContext":
        sents = list(doc.sents)
        bounds: list[tuple[int, int]] = []
        sent_of: list[int] = []
        for k, sent in enumerate(sents):
            bounds.extend([(sent.start, sent.end)] * (sent.end - sent.start))
            sent_of.extend([k] * (sent.end - sent.start))
        text = article.text
        title_case = frozenset(k for k, s in enumerate(sents) if _is_title_case_line(text, s.start_char, s.end_char))
        return cls(article, doc, text, lowered(text), sents, sent_of, bounds, [s.start_char for s in sents],
                   doc.to_array("IDX").tolist(), TokenCache(doc), title_case)

    @cached_property
    def lower_forms(self) -> list[str]:
        """Every token's lower-case form (for set lookups of cue words)."""
        strings = self.doc.vocab.strings
        return [strings[h] for h in self.doc.to_array("LOWER").tolist()]

    @property
    def published(self) -> dt.date | None:
        return self.article.published

    def __len__(self) -> int:
        return len(self.starts)

    def sent_at(self, char: int) -> int:
        """Index of the sentence holding character ``char``."""
        return max(0, bisect.bisect_right(self.sent_starts, char) - 1)

    def token_at(self, char: int) -> int:
        """Index of the token that starts at (or covers) character ``char``."""
        return bisect.bisect_right(self.starts, char) - 1

    def token_range(self, start: int, end: int) -> range:
        """Tokens overlapping characters ``start .. end - 1`` (``doc.char_span(..., "expand")``)."""
        i = self.token_at(start)
        if i < 0 or start >= self.starts[i] + len(self.tok[i].text):
            i += 1  # start falls in the space after token i
        return range(i, bisect.bisect_left(self.starts, end))

    def tokens_matching(self, pattern: re.Pattern | CaselessRegex) -> list[int]:
        """Indices of tokens whose text starts a match of ``pattern`` (regex on text, no token pass)."""
        out = []
        if isinstance(pattern, CaselessRegex):
            matches = pattern.finditer(self.text, self.low)
        else:
            matches = pattern.finditer(self.text)
        for m in matches:
            i = self.token_at(m.start())
            if i >= 0 and self.starts[i] == m.start():
                out.append(i)
        return out


TITLE_WORD = re.compile(r"[A-Za-z][\w'’-]*")
SMALL_WORDS = frozenset("a an and as at but by for from in into of on or the to with vs via".split())


def _is_title_case_line(text: str, start: int, end: int) -> bool:
    r"""A headline written in Title Case ("Beijing's Line 17 North Section Nears Opening"): a whole
    line whose words but small words are all capitalised. Capitals there are no evidence of a name.

    >>> _is_title_case_line("Line 17 North Section Nears Opening\n", 0, 36)
    True
    >>> _is_title_case_line("The Line 17 north section opens.\n", 0, 33)
    False
    """
    if start > 0 and text[start - 1] != "\n":
        return False
    line = text[start:end].strip()
    if not line or line[-1] in ".!?" or "\n" in line:
        return False
    words = [w for w in TITLE_WORD.findall(line) if w.lower() not in SMALL_WORDS]
    return len(words) >= 3 and all(w[0].isupper() for w in words)
