"""Place mentions: the places ruler's spans (``doc.spans["loc"]``), filtered against project names,
plus park names that the text uses as an address.

A ruler span is no place when it sits inside a project name (but for the name's "of <Name>"
complement), when an organisation word follows it ("Haidian District Government"), when a
capitalised word continues it, or when it opens on "the". A park, zone or valley name followed by
", <place>" is an address chain ("Cuihu Science and Technology Park, Xibeiwang Town, Haidian
District"), and one after "located in" is where something sits: both become places.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from extractor.context import ArticleContext
from extractor.mentions import NameMention
from extractor.resources import Resources

ADDRESS_HEADS = ("park", "zone", "valley")


@dataclass(frozen=True, slots=True)
class PlaceMention:
    start: int
    end: int
    text: str


class PlaceFinder:
    def __init__(self, res: Resources):
        self.org_words = frozenset(res.cues.org_words)

    def places(self, ctx: ArticleContext, names: list[NameMention]) -> tuple[list[PlaceMention], list[NameMention]]:
        """Places in text order, and the names that remain project names."""
        places = self._ruler_places(ctx, names)
        as_places = [n for n in names if n.located_in or self._in_address_chain(ctx, n, places)]
        places.extend(PlaceMention(n.start, n.end, n.text) for n in as_places)
        places.sort(key=lambda p: (p.start, p.end, p.text))
        return places, [n for n in names if n not in as_places]

    def _ruler_places(self, ctx: ArticleContext, names: list[NameMention]) -> list[PlaceMention]:
        out = []
        doc = ctx.doc
        name_starts = [n.start for n in names]
        for span in doc.spans.get("loc", []):
            s, e = span.start_char, span.end_char
            k = bisect.bisect_right(name_starts, s) - 1
            inside = names[k] if k >= 0 and names[k].start <= s and e <= names[k].end else None
            if inside is not None and not (inside.complement and inside.complement[0] <= s):
                continue
            if span.end < len(doc) and (doc[span.end].lower_ in self.org_words):
                continue
            if span.end < len(doc) and doc[span.end].text[:1].isupper() and doc[span.end].is_alpha \
                    and not doc[span.end].is_sent_start:
                continue
            text = ctx.text[s:e]
            if text.lower().startswith("the "):
                continue
            out.append(PlaceMention(s, e, text))
        return out

    @staticmethod
    def _in_address_chain(ctx: ArticleContext, n: NameMention, places: list[PlaceMention]) -> bool:
        """'Cuihu Science and Technology Park, Xibeiwang Town, Haidian District': a park used as an address."""
        if n.head not in ADDRESS_HEADS:
            return False
        if not ctx.text[n.end : n.end + 3].startswith(", "):
            return False
        return any(p.start == n.end + 2 for p in places)
