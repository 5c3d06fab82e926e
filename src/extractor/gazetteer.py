"""The place gazetteer (``patterns/gazetteer/*.jsonl``): which names are places, at what level.

Each entry is one administrative division or named zone with the district, city and province it
belongs to, and the other names news uses for it. The gazetteer serves three purposes:

* the pipeline finds every surface form (:meth:`Gazetteer.surfaces`): districts, zones, cities
  and provinces by name or alias; a township-level division (subdistrict, town, township, area)
  only by a form that carries its suffix ("Lucheng Town"), because bare town names are often
  ordinary words or other things ("Xinhua"); a form of several words in any case ("Beijing Daxing
  airport economic zone"), a one-word form only as written;
* city-level places (provinces, municipalities, prefecture-level cities) are never a project's
  location (:meth:`Gazetteer.is_city_level`): the guide keeps locations below city level;
* a place's canonical district, city and province (:meth:`Gazetteer.lookup`).

This module does not import spaCy.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel, ConfigDict

from extractor.names import normalise_name

PlaceType = Literal["country", "region", "landmark", "district", "subdistrict", "town", "township", "area", "zone", "county", "province",
                    "municipality", "autonomous_region", "sar", "city", "prefecture", "league"]
CITY_LEVEL = frozenset({"country", "region", "province", "municipality", "autonomous_region", "sar", "city", "prefecture", "league"})
TOWNSHIP_LEVEL = frozenset({"subdistrict", "town", "township", "area"})


class PlaceEntry(BaseModel):
    """One line of a gazetteer file."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    name: str
    type: PlaceType
    district: str | None
    city: str | None
    province: str | None
    aliases: tuple[str, ...] = ()

    @property
    def surfaces(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class Gazetteer:
    entries: tuple[PlaceEntry, ...]

    def __post_init__(self) -> None:
        index: dict[str, list[PlaceEntry]] = {}
        for e in self.entries:
            for s in e.surfaces:
                index.setdefault(normalise_name(s), []).append(e)
        object.__setattr__(self, "_index", {k: tuple(v) for k, v in index.items()})

    def lookup(self, text: str) -> tuple[PlaceEntry, ...]:
        """Entries whose name or alias is ``text`` (normalised: case, punctuation, a leading "the").

        >>> from extractor.resources import load_resources
        >>> [(e.name, e.district) for e in load_resources().gazetteer.lookup("Lucheng Town")]
        [('Lucheng', 'Tongzhou District')]
        """
        return self._index.get(normalise_name(text), ())  # type: ignore[attr-defined]

    def is_city_level(self, text: str) -> bool:
        """A province, municipality or prefecture-level city in every reading ("Beijing", "Hebei
        Province", "Langfang"); "Chaoyang" is also a Beijing district, so it is not.

        >>> from extractor.resources import load_resources
        >>> g = load_resources().gazetteer
        >>> g.is_city_level("Hebei Province"), g.is_city_level("Shenzhen"), g.is_city_level("Chaoyang")
        (True, True, False)
        """
        found = self.lookup(text)
        if not found:
            return False
        if any(e.type in ("country", "province", "municipality", "autonomous_region", "sar") for e in found):
            return True
        return all(e.type in CITY_LEVEL for e in found)

    def surfaces(self) -> list[str]:
        """Every surface form the places ruler should find, once each, in file order."""
        seen: set[str] = set()
        out = []
        for e in self.entries:
            for s in e.surfaces:
                if (e.type in TOWNSHIP_LEVEL and len(s.split()) < 2) or s in seen:
                    continue
                seen.add(s)
                out.append(s)
        return out
