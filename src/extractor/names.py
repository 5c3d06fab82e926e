"""Name keys: the SPEC's normalisation of project and place names, and cue-list regexes (no spaCy here).

Scoring compares names by :func:`normalise_name`; coreference compares their words
(:func:`name_words`).
"""

from __future__ import annotations

import re

PUNCT_RE = re.compile(r"[^\w\s]")


def normalise_name(name: str) -> str:
    """The SPEC's name key: lower case, punctuation and a leading 'the' dropped, spaces collapsed.

    >>> normalise_name("The  Zhongguancun (Jingxi) Park")
    'zhongguancun jingxi park'
    """
    s = PUNCT_RE.sub("", name.lower())
    s = " ".join(s.split())
    s = s.removeprefix("the ")
    return s


def name_words(name: str) -> list[str]:
    """The words of a name's key.

    >>> name_words("The R&D Center")
    ['rd', 'center']
    """
    return normalise_name(name).split()


def phrase_regex(phrases, *, plural: bool = False) -> re.Pattern:
    """One case-insensitive regex for a cue list, longest phrase first, whole words only (with
    ``plural``, a phrase may also end in "s": "expansions", "renovations")."""
    alt = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in sorted(phrases, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alt}){'s?' if plural else ''}(?![\w-])", re.IGNORECASE)
