"""The document gate: skip, before spaCy runs, an article that cannot hold a record.

Every record starts from a project name, a group or a quoted name, and each of those needs a
word the gate knows: a project head noun or works noun (``heads.jsonl``, ``works_nouns.txt``,
and their plurals), "projects" (a group), "Phase" (a named phase), or a word that introduces a
quoted nickname ("nicknamed", "dubbed", "known as", "called", "named"), or what makes a name
without a head noun a project's ("work", "construction" before "on"/"of"; "open", "opened",
"complete", "completed", "finished", "wrap" after its subject; an apposition's kind noun:
"KK100, a 100-storey skyscraper"; "Architects:" under a profile's "<Project> / <Architects>" headline). The gate looks for any of
them as a whole word (letters on neither side) in the lower-cased text with one Aho-Corasick pass
(pyahocorasick). That is a superset of what the tokenised pipeline can match (a token "theme-park"
passes the gate though the head matcher would not see "park" in it), so a closed gate never loses
a record: ``tests/test_gate.py`` checks gated and ungated output are equal on the corpus, the bench
samples and generated text.

This module does not import spaCy.
"""

from __future__ import annotations

import ahocorasick

APPOSITION_KINDS = ("skyscraper", "supercomputing system", "computing system")
INTRODUCERS = ("projects", "project", "phase", "nicknamed", "dubbed", "known as", "called", "named", "programme",
               "program", "platform",
               # headless names (extractor.mentions.WORK_ON_NAME, OPENING_AFTER_NAME)
               "work", "construction", "open", "opened", "complete", "completed", "finished", "wrap",
               # kinds an apposition may name besides the head nouns (extractor.mentions.APPOSITION_NAME)
               *APPOSITION_KINDS,
               # an architecture profile's labelled lines under "<Project> / <Architects>" (PROFILE_TITLE)
               "architects", "architect")


class DocumentGate:
    """``open(text)``: may ``text`` hold a record?"""

    def __init__(self, words):
        self.automaton = ahocorasick.Automaton()
        for w in sorted({w.lower() for w in words} | set(INTRODUCERS)):
            self.automaton.add_word(w, len(w))
        self.automaton.make_automaton()

    @classmethod
    def from_resources(cls, res) -> "DocumentGate":
        works = set(res.works_nouns)
        return cls(set(res.heads) | works | {w + "s" for w in works})

    def open(self, text: str) -> bool:
        """True when a gate word occurs as a whole word.

        >>> g = DocumentGate(["park", "hospital"])
        >>> g.open("Prices of parks rose."), g.open("A new hospital."), g.open("Its theme-park opened.")
        (False, True, True)
        """
        low = text.lower()
        n = len(low)
        for end, length in self.automaton.iter(low):
            start = end - length + 1
            if (start == 0 or not low[start - 1].isalpha()) and (end + 1 >= n or not low[end + 1].isalpha()):
                return True
        return False
