"""Run an expensive regex only where a match can be, with the same matches as a full scan.

A regex with no literal prefix makes ``finditer`` try it at every character. When every match
contains a cheap anchor (a date: a year, a month, "year"), :func:`finditer_near` searches only
windows around the anchors; when every match starts at a known kind of place (a value: where a
run of digits starts), :func:`match_at` tries the regex only there. Both yield exactly what
``regex.finditer(text)`` would under their stated condition.
"""

from __future__ import annotations

import re
from collections.abc import Iterator


def anchor_windows(text: str, anchors: tuple[re.Pattern, ...], before: int, after: int) -> list[tuple[int, int]]:
    """Merged ``[start - before, end + after)`` windows around every match of the anchor regex(es).

    Several anchors are several cheap scans: an alternation of a digit class and words is slower
    than both scans together (it loses the regex engine's literal-prefix search).

    >>> anchor_windows("ab 12 cd 3 efghijk 4", (re.compile(r"\\d+"),), 2, 2)
    [(1, 12), (17, 20)]
    >>> anchor_windows("ab 12 cd 3 efghijk 4", (re.compile(r"\\d+"), re.compile("ef")), 0, 0)
    [(3, 5), (9, 10), (11, 13), (19, 20)]
    """
    hits = sorted(m.span() for a in anchors for m in a.finditer(text))
    spans: list[tuple[int, int]] = []
    n = len(text)
    for s, e in hits:
        a, b = s - before, e + after
        a = max(a, 0)
        b = min(b, n)
        if spans and a <= spans[-1][1]:
            if b > spans[-1][1]:
                spans[-1] = (spans[-1][0], b)
        else:
            spans.append((a, b))
    return spans


def finditer_near(regex: re.Pattern, text: str, windows: list[tuple[int, int]]) -> Iterator[re.Match]:
    """``regex.finditer(text)``, searched only inside ``windows`` (see the module docstring).

    >>> r = re.compile(r"\\d+ (?:apples|pears)")
    >>> text = "I have 12 apples and 3 pears, not 40 plums."
    >>> [m.group(0) for m in finditer_near(r, text, anchor_windows(text, (re.compile(r"\\d"),), 0, 7))]
    ['12 apples', '3 pears']
    """
    last_end = 0
    n = len(text)
    for a, b in windows:
        for m in regex.finditer(text, max(a, last_end), b):
            if m.end() == b and b < n:
                full = regex.match(text, m.start())  # the window cut a longer match short
                if full is None:
                    continue  # (or made one: "mar" of "market" before a window's end is no month)
                m = full
            last_end = m.end()
            yield m


def match_at(regex: re.Pattern, text: str, candidates: list[int]) -> Iterator[re.Match]:
    """``regex.finditer(text)`` when every match starts at one of ``candidates`` (sorted offsets):
    the regex is tried only there, leftmost first, never inside a previous match.

    >>> r = re.compile(r"(?<![\\w.,])\\d+ (?:apples|pears)")
    >>> text = "I have 12 apples and 3 pears, not 40 plums."
    >>> [m.group(0) for m in match_at(r, text, [m.start() for m in re.finditer(r"\\d+", text)])]
    ['12 apples', '3 pears']
    """
    last_end = 0
    for c in candidates:
        if c < last_end:
            continue
        m = regex.match(text, c)
        if m is not None:
            last_end = m.end()
            yield m


def literal_first(phrase: str, not_after: str = r"[\w-]") -> str:
    """Regex for ``phrase`` not preceded by ``not_after``, written literal first.

    ``(?<![\\w-])projects`` makes the regex engine try every position; ``projects(?<![\\w-]projects)``
    matches the same but lets it jump between occurrences of the literal (about 10x faster).

    >>> r = re.compile(literal_first("projects") + r"(?![\\w-])")
    >>> [m.start() for m in r.finditer("projects, subprojects, re-projects, projects-x and projects")]
    [0, 51]
    """
    escaped = re.escape(phrase)
    return f"{escaped}(?<!{not_after}{escaped})"


def lowered(text: str) -> str | None:
    """``text.lower()`` when it keeps every character offset (a few non-ASCII letters grow), else None.

    >>> lowered("Phase II"), lowered("İstanbul")
    ('phase ii', None)
    """
    low = text.lower()
    return low if len(low) == len(text) else None


class CaselessRegex:
    """A case-insensitive regex that runs case-sensitively over lower-cased text when it can:
    case-insensitive literals cost Python's regex engine 2-3x. Write the pattern's literals in
    lower case (checked).

    >>> r = CaselessRegex(r"\\bprojects\\b")
    >>> text = "Projects and PROJECTS"
    >>> [m.span() for m in r.finditer(text, lowered(text))] == [m.span() for m in r.finditer(text, None)]
    True
    """

    def __init__(self, pattern: str, flags: int = 0):
        if re.search(r"[A-Z]", re.sub(r"\\.|\(\?P<\w+>|\(\?P=\w+\)", "", pattern)):
            raise ValueError(f"CaselessRegex needs lower-case literals: {pattern!r}")
        self.lower = re.compile(pattern, flags)
        self.ignorecase = re.compile(pattern, flags | re.IGNORECASE)

    def finditer(self, text: str, low: str | None) -> Iterator[re.Match]:
        """Matches over ``text`` (spans valid for ``text``); ``low`` is ``lowered(text)``."""
        return self.lower.finditer(low) if low is not None else self.ignorecase.finditer(text)
