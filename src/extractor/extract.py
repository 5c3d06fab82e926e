"""One article in, its records out: the stages in order, each in its own module.

parse (:mod:`extractor.pipeline`) → article context (:mod:`extractor.context`) → values and
dates (:mod:`extractor.values`, :mod:`extractor.temporal`) → names, groups (:mod:`extractor.mentions`, :mod:`extractor.references`) and places (:mod:`extractor.places`) → coreference (:mod:`extractor.linking`) → sentence targets
and sections (:mod:`extractor.discourse`) → value assignment (:mod:`extractor.assign`) → records
(:mod:`extractor.records`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from itertools import count as counter

from spacy.tokens import Doc

from extractor import discourse, linking
from extractor.article import Article
from extractor.assign import Assigner
from extractor.context import ArticleContext
from extractor.gate import DocumentGate
from extractor.mentions import MentionFinder
from extractor.models import SLOTS, RecordBase, SlotTable
from extractor.pipeline import build_nlp
from extractor.places import PlaceFinder
from extractor.records import build_records
from extractor.references import GroupFinder
from extractor.resources import Resources, load_resources
from extractor.temporal import TemporalTagger
from extractor.values import ValueGrammar, ValueMention

# A value finder: every value of its slots in an article, in text order (exact offsets).
ValueFinder = Callable[[ArticleContext], list[ValueMention]]


class Extractor:
    """Holds the pipeline and the compiled rules of one :class:`Resources` and slot table; nothing
    of an article outlives :meth:`extract`.

    ``value_finders`` find the values of ``amount`` slots; by default the money, area and
    computing-power grammar of ``patterns/units.jsonl``. A new slot is a line of the slot table
    plus a finder here.
    """

    def __init__(self, res: Resources | None = None, slots: SlotTable = SLOTS,
                 value_finders: Sequence[ValueFinder] | None = None):
        self.res = res or load_resources()
        self.slots = slots
        self.nlp = build_nlp(self.res)
        grammar = ValueGrammar(self.res, slots)
        self.value_finders: tuple[ValueFinder, ...] = tuple(value_finders) if value_finders is not None else (
            lambda ctx: grammar.find_values(ctx.text),)
        self.dates = TemporalTagger(self.res.temporal)
        self.mentions = MentionFinder(self.res)
        self.groups = GroupFinder(self.res)
        self.places = PlaceFinder(self.res)
        self.assigner = Assigner(self.res, slots)
        self.stop_modifiers = set(self.res.cues.descriptive_stop_modifiers)
        self.kind_words = frozenset(self.res.works_nouns) | frozenset(self.res.heads)  # "the renovation project",
        # "the museum project": no name, a reference to the works or the museum named before
        self.resolver = linking.Resolver(self.res.cues.org_words, self.res.cues.typed_backrefs, self.res.works_nouns)
        self.number_words = dict(self.res.temporal.number_words)
        self.set_nouns = frozenset(self.res.cues.set_nouns)
        self.gate = DocumentGate.from_resources(self.res)
        self.section_labels = frozenset(self.res.cues.section_labels) | self.res.function_words
        self.place_heads = frozenset(w for w, h in self.res.heads.items() if h.reading in ("place", "either"))

    def _place_word(self, words: str) -> bool:
        """Whether the capitalised words before a description's head are a place or a people
        ("a new Beijing subway line", "a Chinese steel mill"), not an owner ("a Li Auto factory")."""
        first = words.split()[0]
        return bool(self.res.gazetteer.lookup(words.strip()) or self.res.gazetteer.lookup(first)
                    or first.lower() in self.res.demonyms or self.res.gazetteer.is_city_level(first))

    def extract(self, article: Article, gated: bool = True) -> list[RecordBase]:
        """The article's records; the document gate (:mod:`extractor.gate`) skips an article that
        cannot hold one, with the same (empty) result."""
        if gated and not self.gate.open(article.text):
            return []
        return self.records_from_doc(self.nlp(article.text), article)

    def records_from_doc(self, doc: Doc, article: Article) -> list[RecordBase]:
        ctx = ArticleContext.build(article, doc)
        values = sorted((v for find in self.value_finders for v in find(ctx)), key=lambda v: (v.start, v.end))
        dates = self.dates.find(ctx.text, article.published)
        blocked = {i for v in values for i in ctx.token_range(v.start, v.end)}
        names = self.mentions.names(ctx, blocked)
        groups = self.groups.groups(ctx, blocked)
        places, names, city_places = self.places.places(ctx, names)

        ids = counter(1)
        projects = linking.cluster_projects(names, linking.defined_acronyms(names, self.res.cues.common_acronyms), lambda: next(ids))
        projects = linking.merge_introduced_aliases(ctx.text, projects)
        group_entities = linking.cluster_groups(groups, lambda: next(ids))
        for e in projects:
            e.strong = any(linking.is_strong(m, self.stop_modifiers, ctx.text, self._place_word, self.kind_words)
                           for m in e.mentions)
        linking.add_acronym_mentions(ctx, projects)
        taken = {i for m in names + groups for i in range(m.start_tok, m.end_tok)}
        backrefs = self.groups.backrefs(ctx, taken, linking.name_heads(projects, self.res.works_nouns,
                                                                        self.place_heads))
        projects, described = linking.split_weak(projects, ctx, self.kind_words)
        backrefs = sorted(backrefs + described, key=lambda b: b.start)

        sections = discourse.sections(ctx, projects, self.section_labels)
        targets = discourse.sentence_targets(ctx, projects + group_entities, backrefs, self.assigner.member_re,
                                             self.resolver, places + city_places, sections, self.number_words,
                                             self.set_nouns)
        ledger = self.assigner.assign(ctx, targets, sections, values, dates, places, names, projects, backrefs)
        return build_records(article, projects, group_entities, ledger, self.slots)
