"""Mentions in a parsed article: project names, counted project groups, back-references.

A project name grows leftwards from a head noun (``doc.spans["head"]``) over capitalised
words, connectors and bracketed parts, then rightwards over "Phase II" and an "of/for <Name>"
complement; then the rejection rules (:data:`PROPER_REJECTIONS`, :data:`DESCRIPTIVE_REJECTIONS`)
may refuse it. A lower-case name ("the landscaping improvement project") needs a determiner.
A group is "<number> <modifiers> projects". Back-references are "the project", "the park",
"it", "these projects" and the like; :mod:`extractor.linking` resolves them.

Cue lists used here (``patterns/cues.json``): ``org_words``, ``name_stop_words``,
``descriptive_stop_modifiers``, ``project_backrefs``, ``pronouns``, ``group_backref_nouns``,
``group_backref_determiners``, ``backref_determiners``, ``collective_group_nouns``,
``group_generic_modifiers``, ``scope_openers``, ``place_backrefs``; word lists:
``function_words.txt``, ``project_heads.txt``, ``numbers.json``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Token

from extractor.context import ArticleContext
from extractor.resources import Resources
from extractor.scan import CaselessRegex, literal_first

ROMAN = re.compile(r"^(?:I{1,3}|IV|V|VI{0,3}|IX|X)$")
CONNECTORS = {"and", "&", "-", "–"}
QUOTES = "\"“”‘’'"
PROJECTS_RE = CaselessRegex(literal_first("projects") + r"(?![\w-])")
PHASE_RE = re.compile(literal_first("Phase") + r"(?=\s+[IVX]+\b)")
MAX_NAME_TOKENS = 24  # a bound on name growth, so that a 200 KB run of capitals stays linear


@dataclass
class NameMention:
    start_tok: int
    end_tok: int
    start: int
    end: int
    text: str
    form: str  # "proper", "definite", "indefinite", "possessive"
    head: str
    sent: int
    complement: tuple[int, int] | None = None  # char span of the "of <Name>" part
    located_in: bool = False


@dataclass
class GroupMention:
    start_tok: int
    end_tok: int
    start: int
    end: int
    text: str
    count: int
    modifiers: frozenset[str]
    definite: bool
    sent: int
    scope: str | None = None
    scope_words: frozenset[str] = field(default_factory=frozenset)


@dataclass
class BackRef:
    start_tok: int
    end_tok: int
    start: int
    end: int
    text: str
    target: str  # "project", "group", "pronoun", "collective", "place"
    head: str | None
    sent: int


def is_name_word(tok: Token) -> bool:
    """A capitalised word that can be part of a proper name (not a sentence-initial 'The')."""
    t = tok.text
    if not t or not t[0].isupper():
        return False
    if tok.is_stop and not tok.is_upper:
        return False
    return any(c.isalpha() for c in t)


def _number_words(res: Resources) -> dict[str, int]:
    n = res.numbers
    return {**n.units, **n.tens, **n.multipliers}


def words_to_int(words: list[str], res: Resources) -> int | None:
    """'three hundred' -> 300, 'four' -> 4, '160' -> 160.

    >>> from extractor.resources import load_resources
    >>> words_to_int(["three", "hundred"], load_resources()), words_to_int(["1,200"], load_resources())
    (300, 1200)
    """
    vocab = _number_words(res)
    if len(words) == 1 and re.fullmatch(r"\d{1,3}(?:,\d{3})*|\d+", words[0]):
        return int(words[0].replace(",", ""))
    total, current = 0, 0
    for w in words:
        w = w.lower()
        if w not in vocab:
            return None
        v = vocab[w]
        if v in (100, 1000):
            current = max(current, 1) * v
            if v == 1000:
                total, current = total + current, 0
        else:
            current += v
    return total + current or None


@dataclass(frozen=True, slots=True)
class NameSpan:
    """A candidate name while the rejection rules look at it: tokens ``start .. end - 1``, head
    ``h``, in the sentence starting at token ``ss``; ``complement`` is the "of <Name>" char span."""

    start: int
    h: int
    end: int
    ss: int
    complement: tuple[int, int] | None


class MentionFinder:
    """Finds name, group and back-reference mentions; holds only compiled resources."""

    def __init__(self, res: Resources):
        self.res = res
        c = res.cues
        self.function_words = res.function_words
        self.org_words = set(c.org_words)
        self.stop_names = set(c.name_stop_words)
        self.stop_modifiers = set(c.descriptive_stop_modifiers)
        self.backref_heads = set(c.project_backrefs)
        self.number_vocab = _number_words(res)
        self.generic = set(c.group_generic_modifiers)
        self.scope_openers = sorted(c.scope_openers, key=len, reverse=True)
        words = set(c.pronouns) | self.backref_heads | set(c.group_backref_nouns) | set(c.collective_group_nouns)
        single = sorted((w for w in words if " " not in w), key=len, reverse=True)
        self.backref_re = CaselessRegex(rf"(?<![\w-])(?:{'|'.join(map(re.escape, (w.lower() for w in single)))})(?![\w-])")
        self.place_res = [CaselessRegex(literal_first(p.lower(), r"\w") + r"\b") for p in c.place_backrefs]
        self.pronouns = set(c.pronouns)
        self.group_nouns = set(c.group_backref_nouns)
        self.collective = set(c.collective_group_nouns)
        self.any_det = set(c.backref_determiners) | set(c.group_backref_determiners)

    # ------------------------------------------------------------------ project names
    def names(self, ctx: ArticleContext, blocked: set[int]) -> list[NameMention]:
        """Project-name mentions, longest first wins; tokens in ``blocked`` (values) are never part of a name."""
        T = ctx.tok
        heads = sorted({s.start for s in ctx.doc.spans["head"]})
        phase_heads = [i + 1 for i in ctx.tokens_matching(PHASE_RE) if i + 1 < len(ctx)
                       and ROMAN.match(T[i + 1].text)]
        found: list[NameMention] = []
        for h in sorted(set(heads) | set(phase_heads)):
            m = self._name_at(ctx, h, blocked)
            if m is not None:
                found.append(m)
        found.sort(key=lambda m: (m.start, -(m.end - m.start)))
        kept: list[NameMention] = []
        for m in found:
            if kept and m.start < kept[-1].end:
                if m.end - m.start > kept[-1].end - kept[-1].start:
                    kept[-1] = m
                continue
            kept.append(m)
        return kept

    def _name_at(self, ctx: ArticleContext, h: int, blocked: set[int]) -> NameMention | None:
        T = ctx.tok
        ss, se = ctx.bounds[h]
        if h in blocked or self._inside_longer_run(ctx, h, se):
            return None
        start, form, _ = self._extend_left(ctx, h, ss, blocked)
        end, complement = self._extend_after_head(ctx, h, se, blocked)
        if form is None:
            return None
        span = NameSpan(start, h, end, ss, complement)
        rules = PROPER_REJECTIONS if form == "proper" else DESCRIPTIVE_REJECTIONS
        if any(rule(self, ctx, span, form) for rule in rules):
            return None
        s_char, e_char = T.char_span(start, end)
        located_in = start - 2 >= ss and T[start - 1].lower_ in ("in", "the") and (
            T[start - 2].lower_ == "located" or (start - 3 >= ss and T[start - 2].lower_ == "in"
                                                    and T[start - 3].lower_ == "located"))
        return NameMention(start, end, s_char, e_char, ctx.text[s_char:e_char], form, T[h].lower_,
                           ctx.sent_of[h], complement, located_in)

    def _inside_longer_run(self, ctx: ArticleContext, h: int, se: int) -> bool:
        """The head must end a capitalised run: "Data Center Optimization Plan" is not a centre, and
        "Project Xinhe" is no name ending in "project"."""
        T = ctx.tok
        head, nxt = T[h], h + 1
        if nxt < se and is_name_word(T[nxt]) and T[nxt].text != "Phase" and not ROMAN.match(T[nxt].text) \
                and head.text[0].isupper():
            return True
        return head.lower_ == "project" and nxt < se and T[nxt].text[:1].isupper() and is_name_word(T[nxt])

    def _extend_after_head(self, ctx: ArticleContext, h: int, se: int,
                           blocked: set[int]) -> tuple[int, tuple[int, int] | None]:
        """End (exclusive) of the name after its head ("Phase II", "(G, H and I blocks) of ...",
        an "of/for <Name>" complement) and the complement's char span."""
        T = ctx.tok
        end = h + 1
        if end + 1 < se and T[end].lower_ == "phase" and (ROMAN.match(T[end + 1].text) or T[end + 1].is_digit):
            end += 2
        if end < se and T[end].text == "(":
            close = next((k for k in range(end + 1, min(end + 9, se)) if T[k].text == ")"), None)
            if close is not None and close + 1 < se and T[close + 1].lower_ in ("of", "for"):
                end = close + 1
        complement = None
        if end < se and T[end].lower_ in ("of", "for"):
            comp_end = self._extend_right(ctx, end + 1, se, blocked)
            if comp_end is not None:
                complement = T.char_span(end + 1, comp_end)
                end = comp_end
        return end, complement

    def _is_org(self, ctx: ArticleContext, i: int, ss: int) -> bool:
        return i >= ss and ctx.tok[i].lower_ in self.org_words

    def _extend_left(self, ctx: ArticleContext, h: int, ss: int, blocked: set[int]) -> tuple[int, str | None, str | None]:
        """Leftmost token of the name and its form ('proper', 'definite', ...), or form None."""
        T = ctx.tok
        i = h - 1
        start = h
        lower_run: list[int] = []
        saw_proper = T[h].text[0].isupper()
        floor = max(ss, h - MAX_NAME_TOKENS)
        while i >= floor:
            tok = T[i]
            if i in blocked:
                break
            if tok.lower_ in self.stop_names or tok.lower_.rstrip(".") in self.stop_names:
                break
            if is_name_word(tok) or (saw_proper and ROMAN.match(tok.text)):
                start, saw_proper, lower_run = i, True, []
                i -= 1
                continue
            if tok.text == ")":
                open_ = next((k for k in range(i - 1, max(i - 7, ss - 1), -1) if T[k].text == "("), None)
                if open_ is not None and open_ - 1 >= ss and is_name_word(T[open_ - 1]):
                    start = open_ - 1
                    saw_proper, lower_run = True, []
                    i = open_ - 2
                    continue
                break
            if tok.text in CONNECTORS and i - 1 >= ss and (is_name_word(T[i - 1]) or T[i - 1].is_alpha) \
                    and not (tok.text == "and" and T[i - 1].lower_ in self.res.project_heads):
                if tok.text in ("-", "–") and (tok.whitespace_ or T[i - 1].whitespace_):
                    break
                i -= 1
                continue
            if tok.is_alpha and tok.is_lower and tok.lower_ not in self.function_words and len(lower_run) < 5:
                lower_run.append(i)
                i -= 1
                continue
            if tok.text in ("-",) and not tok.whitespace_:
                i -= 1
                continue
            break
        if saw_proper and start < h:
            return start, "proper", None
        if saw_proper and start == h:
            # A capitalised head alone ("Platform of ...") may still be a name through its complement.
            return start, "proper", None
        # Lower-case name: needs a determiner or a capitalised possessor.
        first = lower_run[-1] if lower_run else h
        j = first - 1
        while j >= ss and T[j].text in ("-",):
            j -= 1
        if j < floor:
            return first, None, None
        det = T[j]
        if det.lower_ in ("the", "this", "that"):
            return first, "definite", det.lower_
        if det.lower_ in ("a", "an"):
            return first, "indefinite", det.lower_
        if det.text in ("'s", "’s") and j - 1 >= ss and T[j - 1].text[:1].isupper():
            return j - 1, "possessive", None
        return first, None, None

    def _extend_right(self, ctx: ArticleContext, k: int, se: int, blocked: set[int]) -> int | None:
        """End (exclusive) of an 'of/for <Name>' complement starting at token k, or None."""
        T = ctx.tok
        last_name = None
        lower_streak = 0
        i = k
        while i < se and i < k + 14:
            tok = T[i]
            if i in blocked or tok.is_punct and tok.text not in ("&", "-", "(", ")") or tok.like_num:
                break
            if tok.text in ("(", ")"):
                i += 1
                continue
            name_like = is_name_word(tok) or tok.text in ("R&D",) or (tok.is_upper and tok.is_alpha)
            if name_like or (tok.lower_ in self.res.project_heads and last_name is not None):
                last_name, lower_streak = i, 0
            elif tok.lower_ in ("the",) and i == k:
                pass
            elif tok.lower_ in ("of", "and", "the") and i > k:
                if tok.lower_ == "and" and i + 1 < se and T[i + 1].lower_ in ("the", "a", "an"):
                    break
                lower_streak += 1
            elif tok.is_alpha and tok.is_lower:
                lower_streak += 1
                if lower_streak > 2:
                    break
            else:
                break
            i += 1
        if last_name is None:
            return None
        end = last_name + 1
        if end < len(ctx) and T[end].text == ")" and any(T[x].text == "(" for x in range(k, end)):
            end += 1
        return end

    # ------------------------------------------------------------------ groups
    def groups(self, ctx: ArticleContext, blocked: set[int]) -> list[GroupMention]:
        out = []
        for i in ctx.tokens_matching(PROJECTS_RE):
            g = self._group_at(ctx, i, blocked)
            if g is not None:
                out.append(g)
        return out

    def _group_at(self, ctx: ArticleContext, p: int, blocked: set[int]) -> GroupMention | None:
        T = ctx.tok
        ss, se = ctx.bounds[p]
        i = p - 1
        modifiers: list[str] = []
        n_tokens = 0
        count_start = count = None
        while i >= ss and n_tokens < 12:
            tok = T[i]
            if i in blocked:
                break
            if tok.text in QUOTES:
                # a quoted qualifier: '"3 100" municipal key projects'
                open_ = next((k for k in range(i - 1, max(i - 10, ss - 1), -1) if T[k].text in QUOTES), None)
                if open_ is None:
                    break
                inner = [t.text for t in T.run(open_ + 1, i)]
                before = open_ - 1
                if before >= ss and (T[before].like_num or T[before].lower_ in self.number_vocab):
                    modifiers.append(" ".join(inner).lower())
                    i = before
                    n_tokens += 1
                    continue
                implied = self._implied_count(inner)
                if implied is not None:
                    count, count_start = implied, open_
                break
            if tok.like_num or tok.lower_ in self.number_vocab:
                words = [tok.text]
                j = i - 1
                while j >= ss and T[j].lower_ in self.number_vocab and j not in blocked:
                    words.insert(0, T[j].text)
                    j -= 1
                value = words_to_int(words, self.res)
                if value is None or (len(words) == 1 and re.fullmatch(r"(?:19|20)\d\d", words[0])):
                    return None
                count, count_start = value, j + 1
                break
            if tok.is_alpha and (tok.is_lower or tok.is_title) and (
                    tok.lower_ not in self.function_words or tok.lower_ == "and") and not tok.is_sent_start:
                modifiers.append(tok.lower_)
            elif tok.text in ("-", "'s", "’s", ",") and tok.text != "," :
                pass
            else:
                break
            i -= 1
            n_tokens += 1
        if count is None or count_start is None or count < 1:
            return None
        start_char = T[count_start].idx
        end_char = T[p].idx + len(T[p].text)
        definite = count_start - 1 >= ss and T[count_start - 1].lower_ in ("the", "these", "those")
        scope, scope_words = self._scope(ctx, p + 1, min(se, p + 40))
        mods = frozenset(m for m in modifiers if m not in self.generic and m != "and" and " " not in m
                         and not m[:1].isdigit())
        return GroupMention(count_start, p + 1, start_char, end_char, ctx.text[start_char:end_char], count, mods,
                            definite, ctx.sent_of[p], scope, scope_words)

    def _implied_count(self, inner: list[str]) -> int | None:
        """'"3 100"' names three hundred projects (three lists of 100), as Beijing's programme does."""
        if len(inner) != 2:
            return None
        a = words_to_int([inner[0]], self.res)
        b = words_to_int([inner[1]], self.res)
        if a is None or b is None or b % 100 or a > 10:
            return None
        return a * b

    def _scope(self, ctx: ArticleContext, k: int, se: int) -> tuple[str | None, frozenset[str]]:
        T = ctx.tok
        rest = ctx.text[slice(*T.char_span(k, se))] if k < se else ""
        low = rest.lower()
        for opener in self.scope_openers:
            if low.startswith(opener + " "):
                clause = re.split(r"[,;.:]| and arrange| and ", rest, maxsplit=1)[0].strip()
                if opener in ("to", "for", "such as"):
                    words = frozenset(w for w in re.findall(r"[a-z]+", clause.lower()) if w not in self.function_words)
                    return clause, words
                return None, frozenset()
        return None, frozenset()

    # ------------------------------------------------------------------ back-references
    def backrefs(self, ctx: ArticleContext, taken: set[int]) -> list[BackRef]:
        """Back-references outside ``taken`` tokens (names and groups), in text order."""
        T = ctx.tok
        out: list[BackRef] = []
        for i in ctx.tokens_matching(self.backref_re):
            tok = T[i]
            if i in taken:
                continue
            if tok.lower_ in self.pronouns:
                out.append(BackRef(i, i + 1, tok.idx, tok.idx + len(tok.text), tok.text, "pronoun", None,
                                   ctx.sent_of[i]))
            elif tok.lower_ in self.backref_heads or tok.lower_ in self.group_nouns or tok.lower_ in self.collective:
                ref = self._noun_backref(ctx, i, taken)
                if ref is not None:
                    out.append(ref)
        for place_re in self.place_res:
            for m in place_re.finditer(ctx.text, ctx.low):
                toks = ctx.token_range(m.start(), m.end())
                if toks:
                    out.append(BackRef(toks.start, toks.stop, m.start(), m.end(), ctx.text[m.start():m.end()],
                                       "place", None, ctx.sent_of[toks.start]))
        out.sort(key=lambda b: b.start)
        return out

    def _noun_backref(self, ctx: ArticleContext, i: int, taken: set[int]) -> BackRef | None:
        """"the project", "these projects", "the list's": a determiner, up to 7 modifiers, the noun."""
        T = ctx.tok
        low = T[i].lower_
        j = i - 1
        mods = 0
        ss = ctx.bounds[i][0]
        while j >= ss and mods < 7 and T[j].lower_ not in self.any_det \
                and (T[j].is_alpha and T[j].is_lower or T[j].like_num or T[j].text in ("-",)):
            j -= 1
            mods += 1
        if j < ss:
            return None
        if T[j].lower_ not in self.any_det and T[j].text not in ("'s", "’s"):
            return None
        if any(k in taken for k in range(j, i + 1)):
            return None
        if low in self.group_nouns:
            target = "group"
        elif low in self.collective:
            target = "collective"
        else:
            target = "project"
        if T[j].text in ("'s", "’s"):
            if target != "collective":
                return None
            j -= 1
        s_char, e_char = T.char_span(j, i + 1)
        return BackRef(j, i + 1, s_char, e_char, ctx.text[s_char:e_char], target, low, ctx.sent_of[i])


# ---------------------------------------------------------------------- rejection rules
# Each rule looks at a grown candidate name and says whether it is no name after all. A proper
# (capitalised) candidate is refused by any of PROPER_REJECTIONS, a descriptive one ("the ... park")
# by any of DESCRIPTIVE_REJECTIONS.

def _titles(ctx: ArticleContext, span: NameSpan) -> list[Token]:
    return [t for t in ctx.tok.run(span.start, span.h) if is_name_word(t)]


def _lone_head(f: MentionFinder, ctx: ArticleContext, span: NameSpan, form: str) -> bool:
    """A capitalised head alone ("Park") is a name only through an "of <Name>" complement."""
    return span.h == span.start and span.complement is None


def _single_letters(f: MentionFinder, ctx: ArticleContext, span: NameSpan, form: str) -> bool:
    """"5G base stations": a lone letter is no name."""
    titles = _titles(ctx, span)
    return bool(titles) and all(len(t.text) == 1 for t in titles) and span.complement is None


def _capital_at_sentence_start(f: MentionFinder, ctx: ArticleContext, span: NameSpan, form: str) -> bool:
    """"Light source reaches ...": one capital at sentence start is no evidence of a name."""
    head = ctx.tok[span.h]
    titles = _titles(ctx, span)
    if head.is_lower and span.start == span.ss and len(titles) < 2:
        return True
    return span.start == span.ss and len(titles) == 1 and not head.text[0].isupper()


def _inside_lowercase_phrase(f: MentionFinder, ctx: ArticleContext, span: NameSpan, form: str) -> bool:
    """"a large model R&D center": a capital inside a lower-case phrase."""
    T = ctx.tok
    prev = span.start - 1
    return (T[span.h].is_lower and span.start > span.ss and T[prev].is_alpha and T[prev].is_lower
            and T[prev].lower_ not in f.function_words)


def _verb_before_head(f: MentionFinder, ctx: ArticleContext, span: NameSpan, form: str) -> bool:
    """"Lingang opens new semiconductor base": a verb, not a name."""
    if not ctx.tok[span.h].is_lower:
        return False
    return any(t.is_lower and t.text.endswith("s") and not t.text.endswith("ss") and t.lower_ not in f.res.project_heads
               for t in ctx.tok.run(span.start, span.h))


def _of_an_organisation(f: MentionFinder, ctx: ArticleContext, span: NameSpan, form: str) -> bool:
    """"... Park of the Administrative Committee": the capitals belong to an organisation's title."""
    T, start, ss = ctx.tok, span.start, span.ss
    if start > ss + 1 and T[start - 1].lower_ == "of" and f._is_org(ctx, start - 2, ss):
        return True
    return (start > ss + 1 and T[start - 1].lower_ == "the" and T[start - 2].lower_ == "of"
            and f._is_org(ctx, start - 3, ss))


def _no_content(f: MentionFinder, ctx: ArticleContext, span: NameSpan, form: str) -> bool:
    """"the whole project": only stop modifiers before the head (a possessor is content enough)."""
    words = [t for t in ctx.tok.run(span.start, span.h) if t.is_alpha or t.text in ("R&D",)]
    content = [t for t in words if t.lower_ not in f.stop_modifiers and t.lower_ not in f.function_words]
    return form != "possessive" and not content and span.complement is None


def _number_inside(f: MentionFinder, ctx: ArticleContext, span: NameSpan, form: str) -> bool:
    """"the 5G base station": a lower-case phrase with a number is a description, not a name."""
    return any(any(ch.isdigit() for ch in t.text) for t in ctx.tok.run(span.start, span.h))


PROPER_REJECTIONS = (_lone_head, _single_letters, _capital_at_sentence_start, _inside_lowercase_phrase,
                     _verb_before_head, _of_an_organisation)
DESCRIPTIVE_REJECTIONS = (_no_content, _number_inside)
