"""Text layouts found by lines alone (no spaCy): lists of project names under a heading.

A *heading list* is a short line holding the word "projects" ("Projects planned to put into
production in 2022") followed by short lines, each a project's name ("Binhaiwan Bridge",
"Comprehensive renovation of Shachong"), until the first line of prose; short lines that hold
"projects" themselves are sub-headings ("Water Conservancy Projects") and are skipped. A line of
prose that ends with a colon after "projects" ("... The ten projects are:") heads a list too when
bullet lines follow ("- Yihua Transportation Equipment;"); an item is its name without the bullet
and the closing ";", "; and,". Read by
:mod:`extractor.mentions` (each item line is a name) and :mod:`extractor.assign` (a heading that
states a completion with a date dates every item below it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

LINE = re.compile(r"(?m)^[ \t]*(\S[^\n]*?)[ \t]*$")
# "- Volkswagen electric vehicle;", "• Nanhu Dam", "3) Xihe Canal; and,": a bullet before a list item's name
BULLET = re.compile(r"(?:[-•*·–]|\(?\d{1,2}[.)]|\(\d{1,2}\))[ \t]+")
ITEM_END = re.compile(r"[ \t]*(?:[;,.][ \t]*(?:and|or)?,?)?[ \t]*$")
PROJECTS = re.compile(r"\bprojects\b", re.IGNORECASE)
MAX_WORDS = 12  # an item or heading line is a name or a title, not a sentence of prose


@dataclass(frozen=True, slots=True)
class HeadingList:
    heading: tuple[int, int]  # character span of the heading line
    items: tuple[tuple[int, int], ...]  # character spans of the item lines


def _short(line: str) -> bool:
    """A title-like line: a capital first, at most ``MAX_WORDS`` words, no closing stop, and nothing of
    a byline, dateline or caption ("By Hu Min", "Updated: 2022-02-22", "Source | ...", "[Photo]")."""
    words = line.split()
    return 1 <= len(words) <= MAX_WORDS and line[:1].isupper() and not line.endswith((".", "!", "?", ";", ",")) \
        and not any(c in line for c in ":|[]©") and words[0] not in ("By", "Photo", "Source", "Editor")


@lru_cache(maxsize=4)  # (the names pass and the assignment pass ask for the same article)
def heading_lists(text: str) -> tuple[HeadingList, ...]:
    """The heading lists of ``text`` (two items at least), in text order.

    >>> t = "Nanhu lists its plan\\n\\nProjects due in 2022\\n\\nWater Projects\\nNanhu Dam\\nXinhe Canal\\n\\nWork went on."
    >>> [(t[slice(*h.heading)], [t[slice(*i)] for i in h.items]) for h in heading_lists(t)]
    [('Projects due in 2022', ['Nanhu Dam', 'Xinhe Canal'])]
    """
    if "projects" not in text.lower():
        return ()
    lines = [(m.start(1), m.end(1)) for m in LINE.finditer(text)]
    out: list[HeadingList] = []
    i = 1  # (the headline heads no list)
    while i < len(lines):
        s, e = lines[i]
        i += 1
        colon = text[e - 1] == ":" and bool(PROJECTS.search(text, max(s, text.rfind(". ", s, e)), e))
        if not ((_short(text[s:e]) or colon) and PROJECTS.search(text, s, e)):
            continue
        items = []
        while i < len(lines):
            item = _item(text, *lines[i], bulleted_only=colon)
            if item is None:
                break
            if not PROJECTS.search(text, *item):
                items.append(item)
            i += 1
        if len(items) >= 2:
            out.append(HeadingList((s, e), tuple(items)))
    return tuple(out)


def _item(text: str, s: int, e: int, bulleted_only: bool) -> tuple[int, int] | None:
    """The span of a list item's name on the line ``s:e`` (its bullet and closing ";" dropped), or
    None when the line is no item (prose, or not bulleted where a colon opened the list).

    >>> t = "- Yihua Transportation Equipment; and,"
    >>> t[slice(*_item(t, 0, len(t), True))]
    'Yihua Transportation Equipment'
    """
    bullet = BULLET.match(text, s, e)
    if bullet is None and bulleted_only:
        return None
    start = bullet.end() if bullet else s
    end = ITEM_END.search(text, start, e).start() if bullet else e
    return (start, end) if end > start and _short(text[start:end]) else None
