"""The search box's query language, parsed into a small tree both engines compile.

    words            every word must match (stemmed in English and Spanish; case and accents ignored)
    "exact phrase"   the words in this order
    a OR b           either
    -word, NOT word  leave out items that match
    prefix*          words that begin so
    ( … )            grouping
"""

import re
import unicodedata
from dataclasses import dataclass

from tracker.i18n import N_, Translator

MAX_LENGTH = 200
MAX_TERMS = 24
MAX_DEPTH = 6

# The module docstring's language as the search box explains it (Markdown; shown in the reader's language).
HELP = N_("Every word must match: `detention children`.\n\n"
          "`\"exact phrase\"` · `detention OR custody` · `-children` or `NOT children` · `deport*` for words that "
          "begin so · `( … )` to group.\n\n"
          "Other forms of a word match too, in English and Spanish: `deported` finds *deportation*, `mujer` finds "
          "*mujeres*. Case and accents are ignored.")


class QueryError(ValueError):
    """A query the search cannot run; the message says why in plain words (`str()` in English)."""

    def __init__(self, message: str, **values):
        super().__init__(message.format(**values))
        self.message, self.values = message, values

    def translated(self, t: Translator) -> str:
        """The message in the reader's language."""
        return t.tr(self.message, **self.values)


@dataclass(frozen=True)
class Word:
    text: str  # folded: lower case, no accents
    prefix: bool = False


@dataclass(frozen=True)
class Phrase:
    words: tuple[str, ...]


@dataclass(frozen=True)
class Not:
    node: "Node"


@dataclass(frozen=True)
class All:
    nodes: tuple["Node", ...]


@dataclass(frozen=True)
class Any:
    nodes: tuple["Node", ...]


Node = Word | Phrase | Not | All | Any

# A token: a quoted phrase, an opening parenthesis or a run of letters and digits (with inner hyphens, as in
# ids, and maybe a "*" after it), each maybe led by "-" (left out); or a closing parenthesis.
_TOKEN = re.compile(r'(?P<neg>-)?(?:"(?P<phrase>[^"]*)"|(?P<open>\()|(?P<word>\w+(?:[-\'’]\w+)*)(?P<star>\*)?)'
                    r'|(?P<close>\))|(?P<other>\S)')
_PARTS = re.compile(r"[^\W_]+")  # letters and digits: "_" separates words, as in both indexes


def fold(text: str) -> str:
    """Lower case without accents, as both indexes store text: `DETENCIÓN` -> `detencion`."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def words_of(text: str) -> list[str]:
    return _PARTS.findall(fold(text))


def parse(text: str) -> Node | None:
    """The query's tree; None for an empty query; QueryError for one that cannot run."""
    if len(text) > MAX_LENGTH:
        raise QueryError(N_("The search is {length} characters long; the limit is {limit}."), length=len(text),
                         limit=MAX_LENGTH)
    if text.count('"') % 2:
        raise QueryError(N_('A quotation mark is not closed: put the exact phrase between two " marks.'))
    if not text.strip():
        return None
    tokens = list(_tokens(text))
    if not tokens:
        raise QueryError(N_("The search has no word to look for; type a word, a \"phrase\" or a prefix*."))
    parser = _Parser(tokens)
    node = parser.any_of(0)
    if parser.position < len(tokens):
        raise QueryError(N_("A closing parenthesis has no opening one."))
    if sum(1 for kind, _ in tokens if kind in ("word", "phrase", "neg")) > MAX_TERMS:
        raise QueryError(N_("The search has more than {limit} words; shorten it."), limit=MAX_TERMS)
    if not _matchable(node):
        raise QueryError(N_("A word left out (-word or NOT word) needs a word to look for beside it, e.g. detention "
                            "-children."))
    return node


def problem(text: str) -> QueryError | None:
    """Why the query cannot run; None when it can (an empty one included)."""
    try:
        parse(text)
    except QueryError as exc:
        return exc
    return None


def _tokens(text: str):
    for match in _TOKEN.finditer(text):
        if match["phrase"] is not None:
            words = tuple(words_of(match["phrase"]))
            if words:
                yield ("neg" if match["neg"] else "phrase", Phrase(words))
        elif match["open"]:
            if match["neg"]:  # -( … ) leaves out what the group matches, as NOT ( … ) does
                yield ("not", None)
            yield ("open", None)
        elif match["close"]:
            yield ("close", None)
        elif match["word"]:
            word = match["word"]
            if word == "OR" and not match["neg"]:
                yield ("or", None)
            elif word == "NOT" and not match["neg"]:
                yield ("not", None)
            else:
                parts = words_of(word)
                if not parts:  # "_" alone
                    continue
                node = (Word(parts[0], prefix=bool(match["star"])) if len(parts) == 1
                        else Phrase(tuple(parts)))  # CMW-2016-Q01 is the phrase "cmw 2016 q01"
                yield ("neg" if match["neg"] else "word", node)
        # other punctuation (commas, stray stars, quotes of other kinds) separates words and is ignored


class _Parser:
    def __init__(self, tokens):
        self.tokens, self.position = tokens, 0

    def peek(self):
        return self.tokens[self.position][0] if self.position < len(self.tokens) else None

    def take(self):
        token = self.tokens[self.position]
        self.position += 1
        return token

    def any_of(self, depth: int) -> Node:
        if depth > MAX_DEPTH:
            raise QueryError(N_("The search nests too many parentheses."))
        branches = [self.all_of(depth)]
        while self.peek() == "or":
            self.take()
            if self.peek() in (None, "close"):  # all_of says so for a second OR
                raise QueryError(N_("OR needs a word on each side, e.g. detention OR custody."))
            branches.append(self.all_of(depth))
        return branches[0] if len(branches) == 1 else Any(tuple(branches))

    def all_of(self, depth: int) -> Node:
        nodes = []
        while self.peek() not in (None, "or", "close"):
            nodes.append(self.unit(depth))
        if not nodes:  # at the start of the search or of a group (after an OR, any_of has said what is wrong)
            if self.peek() == "or":
                raise QueryError(N_("OR needs a word on each side, e.g. detention OR custody."))
            if self.peek() == "close":
                raise QueryError(N_("A closing parenthesis has no opening one."))
            raise QueryError(N_("A parenthesis is not closed."))
        return nodes[0] if len(nodes) == 1 else All(tuple(nodes))

    def unit(self, depth: int) -> Node:
        kind, node = self.take()
        if kind in ("word", "phrase"):
            return node
        if kind == "neg":
            return Not(node)
        if kind == "not":
            if self.peek() in (None, "or", "close", "not"):
                raise QueryError(N_("NOT needs a word after it, e.g. detention NOT children."))
            return Not(self.unit(depth))
        # "open": all_of and the check after NOT leave no other kind of token here
        if self.peek() == "close":
            raise QueryError(N_("The parentheses hold nothing."))
        inner = self.any_of(depth + 1)
        if self.peek() != "close":
            raise QueryError(N_("A parenthesis is not closed."))
        self.take()
        return inner


def _matchable(node: Node) -> bool:
    """True when every word left out stands beside a word to look for, at every level: the indexes cannot list
    'all items but', so `a (-b OR c)` and `-(-a) b` cannot run."""
    if isinstance(node, Not):
        return False
    if isinstance(node, Any):
        return all(_matchable(n) for n in node.nodes)
    if isinstance(node, All):
        wanted = [n for n in node.nodes if not isinstance(n, Not)]
        left_out = [n.node for n in node.nodes if isinstance(n, Not)]
        return bool(wanted) and all(_matchable(n) for n in wanted + left_out)
    return True


def terms(node: Node | None) -> list[str]:
    """The words a match can show highlighted (not the ones left out)."""
    if node is None or isinstance(node, Not):
        return []
    if isinstance(node, Word):
        return [node.text]
    if isinstance(node, Phrase):
        return list(node.words)
    return [t for n in node.nodes for t in terms(n)]
