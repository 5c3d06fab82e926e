"""A spaCy Matcher that only runs near its patterns' anchors, and a SpanRuler that uses it.

spaCy's Matcher tries every pattern at every token. A pattern that opens on a repeated or
attribute-only token (``{"IS_TITLE": true, "OP": "+"}``) keeps a partial match alive across
every capitalised word of the article; five such location patterns cost more than tokenising.

Most patterns require one literal token somewhere (``{"ORTH": {"IN": ["District", ...]}}``):
its *anchor*. :class:`AnchoredMatcher` finds anchors with PhraseMatchers (nearly free), and
runs the real Matcher only on a window around each anchor, as wide as the pattern can reach
on either side. A repeated token (``+``, ``*``) reaches at most ``MAX_REPEAT`` tokens, which
is the one difference from spaCy's Matcher: a run of capitalised words longer than that is
not matched whole. Patterns without an anchor run over the whole document as before.
"""

from __future__ import annotations

import re
from typing import Any

from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.pipeline.span_ruler import SpanRuler
from spacy.tokens import Doc

MAX_REPEAT = 10
# Overlapping windows merge up to this many tokens. A run of capitalised words dense with anchors
# would otherwise merge into one window as long as the run, where a repeated token pattern costs the
# Matcher time quadratic in the run's length. Each anchor's reach stays inside one window, so this
# changes nothing within MAX_REPEAT; a window of one anchor reaches at most 22 tokens with today's
# patterns (a wider one is simply not merged).
MAX_WINDOW = 40
ANCHOR_ATTRS = {"ORTH": "ORTH", "TEXT": "ORTH", "LOWER": "LOWER"}
RANGE_OP = re.compile(r"^\{(\d*)(?:(,)(\d*))?\}$")


def _reach(token: dict[str, Any]) -> int:
    """How many tokens one pattern token can consume at most."""
    op = token.get("OP")
    if op in (None, "1", "!", "?"):
        return 0 if op == "!" else 1
    if op in ("+", "*"):
        return MAX_REPEAT
    m = RANGE_OP.match(op)
    if m is None:
        return MAX_REPEAT
    low, comma, high = m.groups()
    if not comma:
        return int(low)
    return int(high) if high else MAX_REPEAT


def find_anchor(pattern: list[dict[str, Any]]) -> tuple[int, str, list[str]] | None:
    """(position, attribute, literal values) of the most selective required literal token, or
    None: a case-sensitive one (ORTH) before a lower-cased one ("and" occurs everywhere), then the
    last one (a suffix: "District").

    >>> find_anchor([{"IS_TITLE": True, "OP": "+"}, {"ORTH": {"IN": ["Road", "Street"]}}, {"IS_DIGIT": True}])
    (1, 'ORTH', ['Road', 'Street'])
    >>> find_anchor([{"IS_TITLE": True}, {"LOWER": "and"}, {"IS_TITLE": True}, {"ORTH": "Zone"}])
    (3, 'ORTH', ['Zone'])
    >>> find_anchor([{"IS_TITLE": True, "OP": "+"}, {"LOWER": "park", "OP": "?"}]) is None
    True
    """
    found: list[tuple[int, str, list[str]]] = []
    for k, tok in enumerate(pattern):
        if tok.get("OP") not in (None, "1") or len(tok) - ("OP" in tok) != 1:
            continue
        for key, attr in ANCHOR_ATTRS.items():
            spec = tok.get(key)
            if isinstance(spec, str):
                found.append((k, attr, [spec]))
            elif isinstance(spec, dict) and list(spec) == ["IN"] and all(isinstance(v, str) for v in spec["IN"]):
                found.append((k, attr, list(spec["IN"])))
    if not found:
        return None
    return max(found, key=lambda a: (a[1] == "ORTH", a[0]))


class AnchoredMatcher:
    """The part of spaCy's Matcher interface that SpanRuler uses (add, remove, in, len, call)."""

    def __init__(self, vocab, validate: bool = False):
        self.vocab = vocab
        self.windowed = Matcher(vocab, validate=validate)
        self.everywhere = Matcher(vocab, validate=validate)
        self.anchors = {attr: PhraseMatcher(vocab, attr=attr) for attr in ("ORTH", "LOWER")}
        self._anchors_of: dict[str, list[tuple[str, str]]] = {}  # key -> its (attr, anchor key) pairs
        self._reach: dict[int, tuple[int, int]] = {}  # anchor phrase-match id -> (left, right) reach
        self._n = 0  # anchor keys made so far (never reused, even after a remove)

    def add(self, key: str, patterns: list[list[dict[str, Any]]], **kwargs) -> None:
        anchors_of = self._anchors_of.setdefault(key, [])
        for pattern in patterns:
            anchor = find_anchor(pattern)
            if anchor is None:
                self.everywhere.add(key, [pattern], **kwargs)
                continue
            k, attr, values = anchor
            left = sum(_reach(t) for t in pattern[:k])
            right = sum(_reach(t) for t in pattern[k + 1 :])
            anchor_key = f"anchor-{self._n}"
            self._n += 1
            self.anchors[attr].add(anchor_key, [Doc(self.vocab, words=[v]) for v in values])
            self._reach[self.vocab.strings[anchor_key]] = (left, right)
            anchors_of.append((attr, anchor_key))
            self.windowed.add(key, [pattern], **kwargs)

    def remove(self, key: str) -> None:
        for m in (self.windowed, self.everywhere):
            if key in m:
                m.remove(key)
        for attr, anchor_key in self._anchors_of.pop(key, []):
            self.anchors[attr].remove(anchor_key)
            del self._reach[self.vocab.strings[anchor_key]]

    def __contains__(self, key: str) -> bool:
        return key in self._anchors_of

    def __len__(self) -> int:
        return len(self._anchors_of)

    def __call__(self, doc: Doc) -> list[tuple[int, int, int]]:
        windows: list[tuple[int, int]] = []
        for pm in self.anchors.values():
            if len(pm) == 0:
                continue
            for match_id, s, e in pm(doc):
                left, right = self._reach[match_id]
                windows.append((max(0, s - left), min(len(doc), e + right)))
        out: list[tuple[int, int, int]] = list(self.everywhere(doc)) if len(self.everywhere) else []
        windows.sort()
        merged: list[list[int]] = []
        for a, b in windows:
            if merged and a <= merged[-1][1] and max(merged[-1][1], b) - merged[-1][0] <= MAX_WINDOW:
                merged[-1][1] = max(merged[-1][1], b)
            else:  # a window of its own, overlapping the last one if they touch: each anchor's whole
                merged.append([a, b])  # reach is still inside one window
        seen = set()
        for a, b in merged:
            for key, s, e in self.windowed(doc[a:b]):  # offsets relative to the window
                m = (key, s + a, e + a)
                if m not in seen:
                    seen.add(m)
                    out.append(m)
        return out


class AnchoredSpanRuler(SpanRuler):
    """spaCy's SpanRuler with its token-pattern Matcher replaced by an :class:`AnchoredMatcher`."""

    def clear(self) -> None:
        super().clear()
        self.matcher = AnchoredMatcher(self.nlp.vocab, validate=self.validate)


@Language.factory(
    "anchored_span_ruler",
    default_config={
        "spans_key": "ruler",
        "spans_filter": {"@misc": "spacy.first_longest_spans_filter.v1"},
        "validate": True,
    },
)
def make_anchored_span_ruler(nlp: Language, name: str, spans_key: str, spans_filter, validate: bool):
    return AnchoredSpanRuler(nlp, name, spans_key=spans_key, spans_filter=spans_filter, validate=validate)



