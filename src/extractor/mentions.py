"""Mentions in a parsed article: project names, counted project groups, back-references.

A project name grows leftwards from a head noun (``doc.spans["head"]``) over capitalised
words, connectors and bracketed parts, then rightwards over "Phase II" and an "of/for <Name>"
complement. A lower-case name ("the landscaping improvement project") needs a determiner.
A group is "<number> <modifiers> projects". Back-references are "the project", "the park",
"it", "these projects" and the like; linking resolves them.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from extractor.resources import Resources
from extractor.scan import CaselessRegex, literal_first, lowered

ROMAN = re.compile(r"^(?:I{1,3}|IV|V|VI{0,3}|IX|X)$")
FUNCTION_WORDS = {
    "the", "a", "an", "in", "on", "at", "to", "for", "with", "by", "from", "as", "is", "are", "was", "were",
    "be", "been", "will", "would", "has", "have", "had", "or", "of", "that", "which", "who", "its", "their",
    "this", "these", "those", "it", "they", "than", "into", "after", "before", "while", "when", "where",
    "also", "not", "can", "could", "should", "may", "and", "but", "such", "like", "including", "about",
}
CONNECTORS = {"and", "&", "-", "–"}
QUOTES = "\"“”‘’'"
PROJECTS_RE = CaselessRegex(literal_first("projects") + r"(?![\w-])")
PHASE_RE = re.compile(literal_first("Phase") + r"(?=\s+[IVX]+\b)")
MAX_NAME_TOKENS = 24  # a bound on name growth, so that a 200 KB run of capitals stays linear


class TokenCache(dict):
    """``doc[i]`` built once per index: spaCy makes a new Token object on every ``doc[i]``, and the
    finders look at the same few tokens around each candidate many times."""

    def __init__(self, doc: Doc):
        super().__init__()
        self.doc = doc

    def __missing__(self, i: int) -> Token:
        tok = self[i] = self.doc[i]
        return tok

    def run(self, start: int, end: int) -> list[Token]:
        """The tokens ``start .. end - 1`` (what iterating ``doc[start:end]`` gives)."""
        return [self[k] for k in range(start, end)]

    def char_span(self, start: int, end: int) -> tuple[int, int]:
        """Character offsets of tokens ``start .. end - 1`` (``doc[start:end]``'s start_char, end_char)."""
        last = self[end - 1]
        return self[start].idx, last.idx + len(last.text)


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


class MentionFinder:
    def __init__(self, res: Resources):
        self.res = res
        c = res.cues
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

    # ------------------------------------------------------------------ project names
    def names(self, doc: Doc, sent_of: list[int], blocked: set[int]) -> list[NameMention]:
        """Project-name mentions, longest first wins; tokens in ``blocked`` (values) are never part of a name."""
        T = self.tok
        heads = sorted({s.start for s in doc.spans["head"]})
        phase_heads = [i + 1 for i in self.tokens_matching(doc, PHASE_RE) if i + 1 < len(doc)
                       and ROMAN.match(T[i + 1].text)]
        found: list[NameMention] = []
        for h in sorted(set(heads) | set(phase_heads)):
            m = self._name_at(doc, h, sent_of, blocked)
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

    def _sentence_bounds(self, doc: Doc, i: int) -> tuple[int, int]:
        return self._bounds[i]

    def prepare(self, doc: Doc) -> None:
        """Precompute, once per doc, the sentences, each token's sentence (index and token bounds)
        and the char -> token index. The finders and the linker read these; nothing recomputes them."""
        self.sents = list(doc.sents)
        bounds: list[tuple[int, int]] = []
        sent_of: list[int] = []
        for k, sent in enumerate(self.sents):
            bounds.extend([(sent.start, sent.end)] * (sent.end - sent.start))
            sent_of.extend([k] * (sent.end - sent.start))
        self._bounds = bounds
        self.sent_of = sent_of
        self._starts: list[int] = doc.to_array("IDX").tolist()
        self.tok = TokenCache(doc)
        self._text = doc.user_data.get("text") or doc.text  # Doc.text re-joins every token on each access
        self._low = lowered(self._text)

    def token_at(self, char: int) -> int:
        """Index of the token that starts at (or covers) character ``char``."""
        return bisect.bisect_right(self._starts, char) - 1

    def token_range(self, start: int, end: int) -> range:
        """Tokens overlapping characters ``start .. end - 1`` (``doc.char_span(..., "expand")``)."""
        i = self.token_at(start)
        if i < 0 or start >= self._starts[i] + len(self.tok[i].text):
            i += 1  # start falls in the space after token i
        return range(i, bisect.bisect_left(self._starts, end))

    def tokens_matching(self, doc: Doc, pattern: re.Pattern | CaselessRegex) -> list[int]:
        """Indices of tokens whose text starts a match of ``pattern`` (regex on text, no token pass)."""
        out = []
        if isinstance(pattern, CaselessRegex):
            matches = pattern.finditer(self._text, self._low)
        else:
            matches = pattern.finditer(self._text)
        for m in matches:
            i = self.token_at(m.start())
            if i >= 0 and self._starts[i] == m.start():
                out.append(i)
        return out

    def _name_at(self, doc: Doc, h: int, sent_of: list[int], blocked: set[int]) -> NameMention | None:
        T = self.tok
        ss, se = self._sentence_bounds(doc, h)
        head = T[h]
        if head.i in blocked:
            return None
        # The head must end a capitalised run: "Data Center Optimization Plan" is not a centre.
        nxt = h + 1
        if nxt < se and is_name_word(T[nxt]) and T[nxt].text != "Phase" and not ROMAN.match(T[nxt].text) \
                and head.text[0].isupper():
            return None
        if head.lower_ == "project" and nxt < se and T[nxt].text[:1].isupper() and is_name_word(T[nxt]):
            return None
        start, form, _ = self._extend_left(doc, h, ss, blocked)
        end = h + 1
        # "Phase II" after the head
        if end + 1 < se and T[end].lower_ == "phase" and (ROMAN.match(T[end + 1].text) or T[end + 1].is_digit):
            end += 2
        # "(G, H and I blocks)" right after the head
        if end < se and T[end].text == "(":
            close = next((k for k in range(end + 1, min(end + 9, se)) if T[k].text == ")"), None)
            if close is not None and close + 1 < se and T[close + 1].lower_ in ("of", "for"):
                end = close + 1
        complement = None
        if end < se and T[end].lower_ in ("of", "for"):
            comp_end = self._extend_right(doc, end + 1, se, blocked)
            if comp_end is not None:
                complement = T.char_span(end + 1, comp_end)
                end = comp_end
        if form is None:
            return None
        before_head = T.run(start, h)
        words = [t for t in before_head if t.is_alpha or t.text in ("R&D",)]
        if form == "proper":
            if not any(is_name_word(t) for t in before_head) and complement is None and h == start:
                return None
            if h == start and complement is None:
                return None
            titles = [t for t in before_head if is_name_word(t)]
            if titles and all(len(t.text) == 1 for t in titles) and complement is None:
                return None  # "5G base stations": a lone letter is no name
            if head.is_lower and start == ss and len(titles) < 2:
                return None  # "Light source reaches ...": a capital at sentence start is no evidence
            if head.is_lower and start > ss and T[start - 1].is_alpha and T[start - 1].is_lower \
                    and T[start - 1].lower_ not in FUNCTION_WORDS:
                return None  # "a large model R&D center": a capital inside a lower-case phrase
            if start == ss and len(titles) == 1 and not head.text[0].isupper():
                return None
            if head.is_lower and any(t.is_lower and t.text.endswith("s") and not t.text.endswith("ss")
                                     and t.lower_ not in self.res.project_heads for t in before_head):
                return None  # "Lingang opens new semiconductor base": a verb, not a name
            if start > ss + 1 and T[start - 1].lower_ == "of" and self._is_org(doc, start - 2, ss):
                return None
            if start > ss and T[start - 1].lower_ in ("the",) and start > ss + 1 and T[start - 2].lower_ == "of" \
                    and self._is_org(doc, start - 3, ss):
                return None
        else:
            content = [t for t in words if t.lower_ not in self.stop_modifiers and t.lower_ not in FUNCTION_WORDS]
            if form != "possessive" and not content and complement is None:
                return None
            if any(any(ch.isdigit() for ch in t.text) for t in before_head):
                return None
        s_char, e_char = T.char_span(start, end)
        text = self._text[s_char:e_char]
        located_in = start - 2 >= ss and T[start - 1].lower_ in ("in", "the") and (
            T[start - 2].lower_ == "located" or (start - 3 >= ss and T[start - 2].lower_ == "in"
                                                    and T[start - 3].lower_ == "located"))
        return NameMention(start, end, s_char, e_char, text, form, head.lower_, sent_of[h], complement, located_in)

    def _is_org(self, doc: Doc, i: int, ss: int) -> bool:
        T = self.tok
        return i >= ss and T[i].lower_ in self.org_words

    def _extend_left(self, doc: Doc, h: int, ss: int, blocked: set[int]) -> tuple[int, str | None, str | None]:
        """Leftmost token of the name and its form ('proper', 'definite', ...), or form None."""
        T = self.tok
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
            if tok.is_alpha and tok.is_lower and tok.lower_ not in FUNCTION_WORDS and len(lower_run) < 5:
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

    def _extend_right(self, doc: Doc, k: int, se: int, blocked: set[int]) -> int | None:
        """End (exclusive) of an 'of/for <Name>' complement starting at token k, or None."""
        T = self.tok
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
        if end < len(doc) and T[end].text == ")" and any(T[x].text == "(" for x in range(k, end)):
            end += 1
        return end

    # ------------------------------------------------------------------ groups
    def groups(self, doc: Doc, sent_of: list[int], blocked: set[int]) -> list[GroupMention]:
        out = []
        for i in self.tokens_matching(doc, PROJECTS_RE):
            g = self._group_at(doc, i, sent_of, blocked)
            if g is not None:
                out.append(g)
        return out

    def _group_at(self, doc: Doc, p: int, sent_of: list[int], blocked: set[int]) -> GroupMention | None:
        T = self.tok
        ss, se = self._bounds[p]
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
                    tok.lower_ not in FUNCTION_WORDS or tok.lower_ == "and") and not tok.is_sent_start:
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
        scope, scope_words = self._scope(doc, p + 1, min(se, p + 40))
        mods = frozenset(m for m in modifiers if m not in self.generic and m != "and" and " " not in m
                         and not m[:1].isdigit())
        return GroupMention(count_start, p + 1, start_char, end_char, self._text[start_char:end_char], count, mods,
                            definite, sent_of[p], scope, scope_words)

    def _implied_count(self, inner: list[str]) -> int | None:
        """'"3 100"' names three hundred projects (three lists of 100), as Beijing's programme does."""
        if len(inner) != 2:
            return None
        a = words_to_int([inner[0]], self.res)
        b = words_to_int([inner[1]], self.res)
        if a is None or b is None or b % 100 or a > 10:
            return None
        return a * b

    def _scope(self, doc: Doc, k: int, se: int) -> tuple[str | None, frozenset[str]]:
        T = self.tok
        rest = self._text[slice(*T.char_span(k, se))] if k < se else ""
        low = rest.lower()
        for opener in self.scope_openers:
            if low.startswith(opener + " "):
                clause = re.split(r"[,;.:]| and arrange| and ", rest, maxsplit=1)[0].strip()
                if opener in ("to", "for", "such as"):
                    words = frozenset(w for w in re.findall(r"[a-z]+", clause.lower()) if w not in FUNCTION_WORDS)
                    return clause, words
                return None, frozenset()
        return None, frozenset()

    # ------------------------------------------------------------------ back-references
    def backrefs(self, doc: Doc, sent_of: list[int], taken: set[int]) -> list[BackRef]:
        T = self.tok
        c = self.res.cues
        out: list[BackRef] = []
        any_det = set(c.backref_determiners) | set(c.group_backref_determiners)
        pronouns = set(c.pronouns)
        group_nouns = set(c.group_backref_nouns)
        collective = set(c.collective_group_nouns)
        for i in self.tokens_matching(doc, self.backref_re):
            tok = T[i]
            if tok.i in taken:
                continue
            low = tok.lower_
            if low in pronouns:
                out.append(BackRef(tok.i, tok.i + 1, tok.idx, tok.idx + len(tok.text), tok.text, "pronoun", None,
                                   sent_of[tok.i]))
                continue
            if low in self.backref_heads or low in group_nouns or low in collective:
                # walk back over up to 7 modifiers to a determiner
                j = tok.i - 1
                mods = 0
                ss = self._bounds[tok.i][0]
                while j >= ss and mods < 7 and T[j].lower_ not in any_det \
                        and (T[j].is_alpha and T[j].is_lower or T[j].like_num or T[j].text in ("-",)):
                    j -= 1
                    mods += 1
                if j < ss:
                    continue
                det = T[j].lower_
                if det not in any_det and T[j].text not in ("'s", "’s"):
                    continue
                if any(k in taken for k in range(j, tok.i + 1)):
                    continue
                if low in group_nouns:
                    target = "group"
                elif low in collective:
                    target = "collective"
                else:
                    target = "project"
                if T[j].text in ("'s", "’s"):
                    if target != "collective":
                        continue
                    j -= 1
                s_char, e_char = T.char_span(j, tok.i + 1)
                out.append(BackRef(j, tok.i + 1, s_char, e_char, self._text[s_char:e_char], target, low,
                                   sent_of[tok.i]))
        for place_re in self.place_res:
            for m in place_re.finditer(self._text, self._low):
                toks = self.token_range(m.start(), m.end())
                if toks:
                    out.append(BackRef(toks.start, toks.stop, m.start(), m.end(), self._text[m.start():m.end()],
                                       "place", None, sent_of[toks.start]))
        out.sort(key=lambda b: b.start)
        return out

