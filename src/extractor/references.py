"""Group mentions and back-references.

* A group is "<number> <modifiers> projects" ("160 key projects", "Forty-eight projects", "the
  "3 100" municipal key projects"); the qualifier after "projects" ("to improve people's
  livelihoods") is its scope. A place among the modifiers ("55 key Lingang projects") is kept as
  the group's place.
* A back-reference is "the project", "the park", "it", "these projects", "the list", "this place",
  or "the five medical facilities" (a count that names a group again), or a place's superlative
  epithet ("China's largest cultural complex", "the country's first ..."; ``superlatives`` and
  ``epithet_owners`` of ``cues.json``); :mod:`extractor.linking` resolves them.

Cue lists used here (``patterns/cues.json``): ``project_backrefs``, ``pronouns``,
``group_backref_nouns``, ``group_backref_determiners``, ``backref_determiners``,
``collective_group_nouns``, ``group_generic_modifiers``, ``scope_openers``, ``place_backrefs``;
word lists: ``function_words.txt``, ``numbers.json``.
"""

from __future__ import annotations

import re

from extractor.context import WIRE_DATELINE, ArticleContext
from extractor.linking import LEDE_SENTENCES  # a lede's "A new railway ..." is the headline's; later, new works
from extractor.mentions import DESIGNATOR_CODE, BackRef, GroupMention
from extractor.resources import Resources
from extractor.scan import CaselessRegex, literal_first

QUOTES = "\"“”‘’'"
PROJECTS_RE = CaselessRegex(literal_first("projects") + r"(?![\w-])")
YEAR_RE = re.compile(r"(?:19|20)\d\d")
HYPHENED_MODIFIER = re.compile(r"^[\w,.]+(?:-[\w,.]+)*$")  # "large", "42,640-square-meter", "post-disaster"


def number_words(res: Resources) -> dict[str, int]:
    n = res.numbers
    return {**n.units, **n.tens, **n.multipliers}


def words_to_int(words: list[str], res: Resources) -> int | None:
    """'three hundred' -> 300, 'four' -> 4, '160' -> 160, 'Forty-eight' -> 48.

    >>> from extractor.resources import load_resources
    >>> res = load_resources()
    >>> words_to_int(["three", "hundred"], res), words_to_int(["1,200"], res), words_to_int(["Forty-eight"], res)
    (300, 1200, 48)
    """
    vocab = number_words(res)
    if len(words) == 1 and re.fullmatch(r"\d{1,3}(?:,\d{3})+|\d+", words[0]):
        return int(words[0].replace(",", ""))
    total, current = 0, 0
    for w in (part for word in words for part in word.lower().split("-")):
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


def is_number_word(word: str, vocab: dict[str, int]) -> bool:
    return all(part in vocab for part in word.lower().split("-"))


def is_modifier_word(text: str) -> bool:
    """A word, or a hyphenated compound of words ("post-disaster", "district-level")."""
    return all(part.isalpha() for part in text.split("-"))


OWN_PARTS = frozenset({"phase", "stage", "project", "site", "section"})  # "its first phase": the project

STATE_AFTER = re.compile(r"\s+(?:have|has|had|are|were)\s+(?:been\s+)?((?:newly|just|already|fully|partly)\s+)?"
                         r"([a-z]+(?:ed|un|en))\b")
LANDMARK_PREPOSITIONS = frozenset({"from", "near", "beside", "behind", "opposite", "around"})


SHARE_WORDS = frozenset({"percent", "%", "pct", "per-cent", "percentage"})  # a number before them is a share


class GroupFinder:
    """Finds groups and back-references; holds only compiled resources."""

    def __init__(self, res: Resources):
        self.res = res
        c = res.cues
        self.function_words = res.function_words
        self.number_vocab = number_words(res)
        self.generic = set(c.group_generic_modifiers)
        self.scope_openers = sorted(c.scope_openers, key=len, reverse=True)
        self.backref_heads = set(c.project_backrefs)
        self.existing = set(c.existing_modifiers)
        self.superlatives = set(c.superlatives)
        self.epithet_owners = set(c.epithet_owners)
        self.pronouns = set(c.pronouns)
        self.group_nouns = set(c.group_backref_nouns)
        self.collective = set(c.collective_group_nouns)
        self.any_det = set(c.backref_determiners) | set(c.group_backref_determiners)
        # "the expressways", "both venues": the works named just before, as many as there are (head "0") or two
        self.plural_set_re = CaselessRegex(rf"(?<![\w-])(?:the|both)\s+(?:{'|'.join(map(re.escape, c.set_nouns))})(?![\w-])")
        words = self.pronouns | self.backref_heads | self.group_nouns | self.collective
        single = sorted((w for w in words if " " not in w), key=len, reverse=True)
        self.backref_re = CaselessRegex(rf"(?<![\w-])(?:{'|'.join(map(re.escape, (w.lower() for w in single)))})(?![\w-])")
        self.place_res = [CaselessRegex(literal_first(p.lower(), r"\w") + r"\b") for p in c.place_backrefs]

    # ------------------------------------------------------------------ groups
    def groups(self, ctx: ArticleContext, blocked: set[int]) -> list[GroupMention]:
        out = []
        for i in ctx.tokens_matching(PROJECTS_RE):
            g = self._group_at(ctx, i, blocked)
            if g is not None:
                out.append(g)
                sub = self._subset(ctx, g)
                if sub is not None:
                    out.append(sub)
        return out

    def _subset(self, ctx: ArticleContext, g: GroupMention) -> GroupMention | None:
        """"41 of 108 projects": a group of 41 inside the group of 108."""
        T = ctx.tok
        k = g.start_tok - 1
        if k >= 0 and T[k].lower_ in ("the", "these", "those"):
            k -= 1  # "Ten of the 13 construction projects"
        if k - 1 < ctx.bounds[g.start_tok][0] or T[k].lower_ != "of":
            return None
        n = T[k - 1]
        count = words_to_int([n.text], self.res) if (n.like_num or is_number_word(n.text, self.number_vocab)) else None
        if count is None or count < 2 or count >= g.count or YEAR_RE.fullmatch(n.text):
            return None  # ("one of the 160 key projects" is a project, not a group)
        return GroupMention(k - 1, g.end_tok, n.idx, g.end, ctx.text[n.idx : g.end], count, g.modifiers,
                            False, g.sent, g.scope, g.scope_words)

    def _count_ending_at(self, ctx: ArticleContext, i: int, ss: int, blocked: set[int]) -> tuple[int, int] | None:
        """The count whose last word is token i and its first token ("One hundred and fourteen"), or None
        (not a number, or a lone year)."""
        T = ctx.tok
        words = [T[i].text]
        j = i - 1
        while j >= ss and j not in blocked and (is_number_word(T[j].text, self.number_vocab) or (
                T[j].lower_ == "and" and j - 1 >= ss and T[j - 1].lower_ in ("hundred", "thousand"))):
            if T[j].lower_ != "and":  # "One hundred and fourteen projects": 114
                words.insert(0, T[j].text)
            j -= 1
        value = words_to_int(words, self.res)
        published = ctx.published
        if value is None or (len(words) == 1 and YEAR_RE.fullmatch(words[0]) and not (
                j >= ss and T[j].lower_ in COUNT_LEADERS and published is not None and abs(value - published.year) > 5)):
            return None  # "the 2022 key projects", "on 2023 economic circle projects": a year's; in a 2022 article
            # "settles on 2000 projects", "nearly 2000 projects" count
        return value, j + 1

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
                quoted = self._quoted_qualifier(ctx, i, ss, modifiers)
                if isinstance(quoted, int):
                    i, n_tokens = quoted, n_tokens + 1
                    continue
                if quoted is not None:
                    count, count_start = quoted
                break
            if tok.lower_ in SHARE_WORDS:
                return None  # "grow by 8 percent year-on-year, and provincial key projects": a share, no count
            if tok.like_num or is_number_word(tok.text, self.number_vocab):
                counted = self._count_ending_at(ctx, i, ss, blocked)
                if counted is None:
                    return None
                count, count_start = counted
                break
            if tok.lower_ in ("these", "those", "the") and i - 2 >= ss and T[i - 1].lower_ == "of" \
                    and (T[i - 2].like_num or is_number_word(T[i - 2].text, self.number_vocab)) and i - 2 not in blocked:
                count, count_start = words_to_int([T[i - 2].text], self.res), i - 2  # "ten of these projects"
                if count is not None and count < 2:
                    return None  # "one of the projects" is a project
                break
            if is_modifier_word(tok.text) and (tok.is_lower or tok.text[:1].isupper()) and (
                    tok.lower_ not in self.function_words or tok.lower_ == "and") and not tok.is_sent_start:
                modifiers.append(tok.lower_)
            elif tok.text in ("-", "'s", "’s"):
                pass
            elif tok.text == "," and "and" in modifiers and i - 1 >= ss and is_modifier_word(T[i - 1].text):
                pass  # "183 provincial, municipal, and district key projects"
            else:
                break
            i -= 1
            n_tokens += 1
        if count is None or count_start is None or count < 1:
            return None
        start_char = T[count_start].idx
        end_char = T[p].idx + len(T[p].text)
        d = count_start - 1
        if d - 1 >= ss and T[d].lower_ in ("first", "last", "remaining", "other", "initial", "next"):
            d -= 1  # "the first 20 projects"
        definite = d >= ss and T[d].lower_ in ("the", "these", "those")
        scope, scope_words = self._scope_or_state(ctx, p, se, end_char)
        mods = frozenset(m.removesuffix("-level") for m in modifiers if m not in self.generic and m != "and"
                         and " " not in m and not m[:1].isdigit())  # "provincial-level" is "provincial"
        return GroupMention(count_start, p + 1, start_char, end_char, ctx.text[start_char:end_char], count, mods,
                            definite, ctx.sent_of[p], scope, scope_words)

    def _scope_or_state(self, ctx: ArticleContext, p: int, se: int, end_char: int):
        """The set's scope ("related to X"), else the words of the state it is in ("64 projects have
        newly started": "the newly started projects" names it again)."""
        scope, scope_words = self._scope(ctx, p + 1, min(se, p + 40))
        if scope is None:
            state = STATE_AFTER.match(ctx.text, end_char)
            if state:
                scope_words = frozenset(w.lower() for w in " ".join(filter(None, state.groups())).split())
        return scope, scope_words

    def _quoted_qualifier(self, ctx: ArticleContext, i: int, ss: int, modifiers: list[str]):
        """'"3 100" municipal key projects', '119 "Five 100" major projects': a quoted qualifier after
        a count (kept as a modifier; returns the token before it), or a quoted count itself (returns
        (count, start)); None when neither."""
        T = ctx.tok
        open_ = next((k for k in range(i - 1, max(i - 10, ss - 1), -1) if T[k].text in QUOTES), None)
        if open_ is None:
            return None
        inner = [t.text for t in T.run(open_ + 1, i)]
        before = open_ - 1
        if before >= ss and (T[before].like_num or T[before].lower_ in self.number_vocab):
            modifiers.append(" ".join(inner).lower())
            return before
        implied = self._implied_count(inner)
        return (implied, open_) if implied is not None else None

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
    def backrefs(self, ctx: ArticleContext, taken: set[int], name_heads: frozenset[str] = frozenset()) -> list[BackRef]:
        """Back-references outside ``taken`` tokens (names and groups), in text order. ``name_heads``:
        head words of the article's project names, so that "the boulevard" refers back to "the
        renovation of Keyuan Boulevard"."""
        T = ctx.tok
        out: list[BackRef] = []
        extra = [i for i, w in enumerate(ctx.lower_forms) if w in name_heads and w not in self.backref_heads
                 and T[i].is_lower and i not in taken]
        for i in extra:
            ref = self._noun_backref(ctx, i, taken)
            if ref is not None and ref.target == "project":
                out.append(ref)
        for i in ctx.tokens_matching(self.backref_re):
            tok = T[i]
            if i in taken:
                continue
            if tok.lower_ in self.pronouns:
                if tok.lower_ == "it" and i > 0 and T[i - 1].lower_ in LANDMARK_PREPOSITIONS:
                    continue  # "A few hundred meters from it, the X and the Y ...": a landmark, not the subject
                if tok.lower_ in ("they", "their", "these") and not tok.is_sent_start:
                    continue  # a plural pronoun refers back to a group only as the sentence's subject
                if tok.lower_ == "these" and (i + 1 >= len(ctx) or not T[i + 1].is_lower or T[i + 1].lower_ in
                                              self.backref_heads | self.group_nouns | self.collective):
                    continue  # "These projects ..." is a noun's determiner; "These carry ..." a pronoun
                owned = self._owned_head(ctx, i, name_heads)
                if owned is not None:  # "Its theme park" is the theme park named before, not "it"
                    s_char, e_char = T.char_span(i, owned + 1)
                    out.append(BackRef(i, owned + 1, s_char, e_char, ctx.text[s_char:e_char], "project",
                                       T[owned].lower_, ctx.sent_of[i]))
                    continue
                out.append(BackRef(i, i + 1, tok.idx, tok.idx + len(tok.text), tok.text, "pronoun", None,
                                   ctx.sent_of[i]))
            elif tok.lower_ in self.backref_heads or tok.lower_ in self.group_nouns or tok.lower_ in self.collective:
                ref = self._noun_backref(ctx, i, taken)
                if ref is not None:
                    out.append(ref)
        out.extend(self._count_backrefs(ctx, taken))
        for place_re in self.place_res:
            for m in place_re.finditer(ctx.text, ctx.low):
                toks = ctx.token_range(m.start(), m.end())
                if toks:
                    out.append(BackRef(toks.start, toks.stop, m.start(), m.end(), ctx.text[m.start():m.end()],
                                       "place", None, ctx.sent_of[toks.start]))
        out.sort(key=lambda b: b.start)
        return out



    def _owned_head(self, ctx: ArticleContext, i: int, name_heads: frozenset[str]) -> int | None:
        """The head noun of "its theme park", "their new library" (within three lower-case words of the
        possessive): a project head of the article's names or a back-reference noun; else None."""
        T = ctx.tok
        if T[i].lower_ not in ("its", "their"):
            return None
        heads = name_heads | self.backref_heads
        for k in range(i + 1, min(i + 4, ctx.bounds[i][1])):
            if not (T[k].is_alpha and T[k].is_lower):
                return None
            if T[k].lower_ in heads and not (k + 1 < len(ctx) and T[k + 1].lower_ in heads):
                nxt = k + 3 if k + 3 < len(ctx) and T[k + 2].lower_ == "the" else k + 2
                named = nxt < len(ctx) and T[k + 1].text in (",", "(") and T[nxt].text[:1].isupper()
                # "its first phase" is still the project itself; "its first line, Line 1" names a new one
                return None if T[k].lower_ in OWN_PARTS or named else k
        return None

    def _noun_backref(self, ctx: ArticleContext, i: int, taken: set[int]) -> BackRef | None:
        """"the project", "these projects", "the list's": a determiner, up to 7 modifiers, the noun."""
        T = ctx.tok
        low = T[i].lower_
        j = i - 1
        mods = 0
        ss = ctx.bounds[i][0]
        while j >= ss and mods < 7 and T[j].lower_ not in self.any_det and T[j].lower_ not in ("a", "an") \
                and (T[j].is_lower and HYPHENED_MODIFIER.match(T[j].text) or T[j].like_num or T[j].text in ("-",)
                     or T[j].text in CURRENCY_CODES):  # "the CNY 41.5 billion line"
            j -= 1
            mods += 1
        if j < ss:
            return None
        if T[j].lower_ in ("a", "an") and low not in self.group_nouns and low not in self.collective \
                and ctx.sent_of[i] <= LEDE_SENTENCES and not any(k in taken for k in range(j, i + 1)) \
                and (T[ss].idx == T[j].idx or WIRE_DATELINE.fullmatch(ctx.text, T[ss].idx, T[j].idx)):
            s_char, e_char = T.char_span(j, i + 1)  # "A new railway will open by year-end": the headline's railway
            return BackRef(j, i + 1, s_char, e_char, ctx.text[s_char:e_char], "indefinite", low, ctx.sent_of[i])
        if T[j].lower_ not in self.any_det and T[j].text not in ("'s", "’s"):
            return None
        if any(k in taken for k in range(j, i + 1)):
            return None
        if i + 1 < len(ctx) and T[i + 1].lower_ in self.backref_heads and T[i + 1].is_lower:
            return None  # "the museum project": "museum" modifies the head that follows
        if i + 2 < len(ctx) and T[i + 1].lower_ == "of" and (self._designated_after(ctx, i + 2, taken) or (
                low == "site" and (i + 2 in taken or (T[i + 2].lower_ == "the" and i + 3 in taken)))):
            return None  # "the first phase of Xihe Metro Line 6", "the site of Terminal 2 of X": the phrase names
            # its project, it points nowhere back
        if any(T[k].lower_ in self.existing for k in range(j + 1, i)):
            return None  # "the existing park", "the original line": what stands already, not the works
        if low in self.group_nouns:
            target = "group"
        elif low in self.collective:
            target = "collective"
        else:
            target = "project"
        if T[j].text in ("'s", "’s"):
            year = j - 2 >= ss and T[j - 1].lower_ == "year" and T[j - 2].lower_ in ("this", "last", "next", "the")
            if target == "group" and year:
                j -= 2  # "This year's projects carry a total investment of ...": the year's group
            elif target == "project" and self._superlative_epithet(ctx, j, i, ss):
                j -= 2 if j - 2 >= ss and T[j - 2].lower_ == "the" else 1  # "Asia's largest cultural complex"
            elif target != "collective":
                return None
            else:
                j -= 1
        s_char, e_char = T.char_span(j, i + 1)
        return BackRef(j, i + 1, s_char, e_char, ctx.text[s_char:e_char], target, low, ctx.sent_of[i])



    @staticmethod
    def _designated_after(ctx: ArticleContext, k: int, taken: set[int]) -> bool:
        """Whether a name with a designator ("Xihe Metro Line 6", "Terminal 3") starts at token k."""
        T = ctx.tok
        if k < len(ctx) and T[k].lower_ == "the":
            k += 1
        end = k
        while end < len(ctx) and end in taken:
            end += 1
        return end > k and bool(DESIGNATOR_CODE.fullmatch(T[end - 1].text))

    def _superlative_epithet(self, ctx: ArticleContext, j: int, i: int, ss: int) -> bool:
        """"China's largest cultural complex", "the country's first exascale center": a place's possessive
        and a superlative before a project noun describe a project named before, never a new one."""
        T = ctx.tok
        if j - 1 < ss or not any(T[k].lower_ in self.superlatives for k in range(j + 1, i)):
            return False
        owner = T[j - 1]
        return owner.text[:1].isupper() and owner.is_alpha and not (j - 2 >= ss and T[j - 2].text[:1].isupper()) \
            or (owner.lower_ in self.epithet_owners and j - 2 >= ss and T[j - 2].lower_ == "the")

    def _count_backrefs(self, ctx: ArticleContext, taken: set[int]) -> list[BackRef]:
        """"the five medical facilities", "these 20 items": a determiner, a count, up to three modifiers
        and a plural noun name a group again (resolved by equal count)."""
        out = []
        T = ctx.tok
        for i in ctx.tokens_matching(COUNT_AFTER_DETERMINER):
            if i + 1 >= len(ctx) or i + 1 in taken:
                continue
            number = T[i + 1]
            if not (number.like_num or is_number_word(number.text, self.number_vocab)):
                continue
            count = words_to_int([number.text], self.res)
            se = ctx.bounds[i][1]
            k = i + 2
            while k < min(se, i + 6) and T[k].is_alpha and T[k].is_lower and not _plural(T[k].lower_):
                k += 1
            if count is None or k >= se or not _plural(T[k].lower_) or T[k].lower_ == "projects" or k in taken:
                continue
            s_char, e_char = T.char_span(i, k + 1)
            out.append(BackRef(i, k + 1, s_char, e_char, ctx.text[s_char:e_char], "count", str(count),
                               ctx.sent_of[i]))
        for m in self.plural_set_re.finditer(ctx.text, ctx.low):
            i, k = ctx.token_at(m.start()), ctx.token_at(m.end() - 1)
            if i in taken or k in taken:
                continue
            both = ctx.text[m.start()].lower() == "b"
            out.append(BackRef(i, k + 1, m.start(), m.end(), m.group(0), "count", "2" if both else "0", ctx.sent_of[i]))
        return out


COUNT_LEADERS = frozenset({"on", "nearly", "almost", "about", "around", "over", "some", "roughly", "approximately",
                           "than", "total", "altogether", "launch", "launched", "approved", "listed", "with"})
CURRENCY_CODES = frozenset({"CNY", "RMB", "USD", "HKD", "EUR", "US$", "HK$", "$"})
COUNT_AFTER_DETERMINER = CaselessRegex(r"(?<![\w-])(?:the|these|those|all|both)(?=\s+[\w,-]+\s)")


def _plural(word: str) -> bool:
    return len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is"))
