"""A parsed query as each engine's full-text match: SQLite FTS5 MATCH text, PostgreSQL tsquery SQL."""

from functools import lru_cache

import snowballstemmer

from tracker.search.query import All, Any, Node, Not, Phrase, Word, words_of


@lru_cache(maxsize=2)
def _stemmer(language: str):
    return snowballstemmer.stemmer(language)


@lru_cache(maxsize=500_000)
def _stem(word: str, language: str) -> str:
    return _stemmer(language).stemWord(word)


def stems(words: list[str], language: str) -> list[str]:
    """Snowball stems (the algorithm PostgreSQL's english and spanish configurations use).

    Remembered per word: a record's vocabulary is small beside its word count, and stemming every word anew
    took nearly all of a load's indexing time (about 0.1 s per item in pure Python).
    """
    return [_stem(word, language) for word in words]


def fts5_columns(text: str) -> dict[str, str]:
    """The three FTS5 columns of a text: folded words, their English stems, their Spanish stems."""
    words = words_of(text)
    return {"raw": " ".join(words), "en": " ".join(stems(words, "english")),
            "es": " ".join(stems(words, "spanish"))}


def fts5_match(node: Node) -> str:
    """The FTS5 MATCH expression; every word is a quoted string, so no query text is read as syntax."""
    if isinstance(node, Word):
        if node.prefix:
            return f'raw : "{node.text}" *'
        en, es = stems([node.text], "english")[0], stems([node.text], "spanish")[0]
        return f'(raw : "{node.text}" OR en : "{en}" OR es : "{es}")'
    if isinstance(node, Phrase):
        return f'raw : "{" ".join(node.words)}"'
    if isinstance(node, Any):
        return "(" + " OR ".join(fts5_match(n) for n in node.nodes) + ")"
    if isinstance(node, All):
        wanted = [fts5_match(n) for n in node.nodes if not isinstance(n, Not)]
        left_out = [fts5_match(n.node) for n in node.nodes if isinstance(n, Not)]
        return "(" + " AND ".join(wanted) + "".join(f" NOT {x}" for x in left_out) + ")"
    raise ValueError(f"a lone NOT cannot be matched: {node!r}")  # query.parse refuses such queries


def pg_tsquery(node: Node, params: dict) -> str:
    """SQL for a tsquery over the `simple`, `english` and `spanish` configurations; words go in `params`."""
    if isinstance(node, Word):
        name = f"w{len(params)}"
        if node.prefix:
            params[name] = f"{node.text}:*"
            return f"to_tsquery('simple', unaccent(:{name}))"
        params[name] = node.text
        return "(" + " || ".join(f"to_tsquery('{config}', unaccent(:{name}))"
                                 for config in ("simple", "english", "spanish")) + ")"
    if isinstance(node, Phrase):
        name = f"w{len(params)}"
        params[name] = " ".join(node.words)
        return f"phraseto_tsquery('simple', unaccent(:{name}))"
    if isinstance(node, Not):
        return f"(!! {pg_tsquery(node.node, params)})"
    joiner = " || " if isinstance(node, Any) else " && "
    return "(" + joiner.join(pg_tsquery(n, params) for n in node.nodes) + ")"


# Words are what SQLite's unicode61 calls words: PostgreSQL's parser would keep `A/HRC/11/7` or `e-mail` as one
# token, so a search for one of their words would find an item on one engine and not the other.
_WORDS = "regexp_replace(unaccent(:text), '[^[:alnum:]]+', ' ', 'g')"
PG_DOCUMENT = (f"to_tsvector('simple', {_WORDS}) || to_tsvector('english', {_WORDS}) "
               f"|| to_tsvector('spanish', {_WORDS})")
