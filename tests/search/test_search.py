"""The query language on both engines: each operator, stemming in English and Spanish, accents and case,
malformed and hostile queries, and search inside the text of the cited reply paragraphs."""

import re

import pytest
from sqlalchemy import inspect

from tracker.search import QueryError, matched_ids, parse, reindex, search_ids
from tracker.settings import load_settings
from tracker.startup import open_database

TEXTS = {  # item -> (file, record id, field, new value): a bilingual record small enough to reason about
    "Q1": [("recommendations.yaml", "Q1", "topic", "Detention conditions of migrant workers in the estaciones migratorias")],
    "Q2": [("recommendations.yaml", "Q2", "topic", "Las mujeres deportadas y la DETENCIÓN de niños"),
           ("recommendations.yaml", "Q2", "topic_basis", "source")],
    "R94": [("responses.yaml", "A3", "summary", "Coordination on the deportation of migrant children")],
}


def _edit(record_dir):
    import yaml

    for edits in TEXTS.values():
        for file, record, field, value in edits:
            path = record_dir / file
            records = yaml.safe_load(path.read_text(encoding="utf-8"))
            next(r for r in records if r["id"] == record)[field] = value
            path.write_text(yaml.safe_dump(records, allow_unicode=True, sort_keys=False), encoding="utf-8")


@pytest.fixture
def engine(db_url, record_copy):
    _edit(record_copy)
    engine = open_database(load_settings({"DATABASE_URL": db_url, "TRACKER_DATA_DIR": str(record_copy)})).engine
    reindex(engine, None)
    yield engine
    engine.dispose()


@pytest.mark.parametrize("query, expected", [
    ("detention", {"Q1"}),                            # a word
    ("detention conditions", {"Q1"}),                  # every word must match
    ("detention children", set()),
    ("detención", {"Q2"}), ("detencion", {"Q2"}), ("DETENCIÓN", {"Q2"}),   # accents and case ignored
    ("mujer", {"Q2"}),                                 # Spanish singular finds the plural
    ("deported", {"R94", "Q2"}),                       # stems: deported ~ deportation ~ deportadas
    ("condition", {"Q1"}),
    ('"estaciones migratorias"', {"Q1"}),              # an exact phrase
    ('"migratorias estaciones"', set()),               # in that order only
    ("detention OR mujer", {"Q1", "Q2"}),              # either
    ("migrant -children", {"Q1"}),                     # leave out
    ("migrant NOT children", {"Q1"}),
    ("migrant NOT (children OR conditions)", set()),
    ("coord*", {"R94"}),                               # a prefix
    ("Coordinat*", {"R94"}),
    ("niñ*", {"Q2"}),
    ("Q1", {"Q1"}),                                    # an item id
    ("CMW", set()),
    ("(detention OR deported) migrant", {"Q1", "R94"}),
    # hostile text is words, never syntax: no FTS5 column filters, NEAR groups or SQL
    ("raw : detention", set()), ('detention"; DROP TABLE item_search; --"', set()), ("NEAR(detention conditions)", set()),
    ("detention*", {"Q1"}), ("en:deport", set()), ("a_b", set()), ("   ", None),
])
def test_query_language(engine, query, expected):
    if expected is None:
        assert parse(query) is None and search_ids(engine, query) == [] and matched_ids(engine, query) == []
        return
    assert set(search_ids(engine, query)) == expected
    found = matched_ids(engine, query)  # what the filters use: the same items, unranked, each once
    assert len(found) == len(set(found)) and set(found) == expected
    assert "item_search" in inspect(engine).get_table_names()  # no query drops or damages the index


@pytest.mark.parametrize("query, message", [
    ('detention "open', "quotation mark"),
    ("detention OR", "OR needs a word"), ("OR detention", "OR needs a word"),
    ("detention NOT", "NOT needs a word"),
    ("-children", "only leaves words out"), ("NOT children", "only leaves words out"),
    ("()", "hold nothing"), ("(detention", "not closed"), ("detention)", "no opening"),
    ("x" * 201, "limit is 200"),
    ("*", "no word to look for"), ("'", "no word to look for"), ("%", "no word to look for"), ("_", "no word"),
    (" ".join(f"w{n}" for n in range(30)), "more than 24 words"),
    ("(" * 9 + "a" + ")" * 9, "too many parentheses"),
])
def test_malformed_queries_get_a_plain_message(query, message):
    with pytest.raises(QueryError, match=re.escape(message)):
        parse(query)


def test_relevance_orders_the_results(engine):
    from tracker.search.index import write

    with engine.begin() as conn:  # an item that is all about the word ranks above one that mentions it
        write(conn, {"Q2": "Detention, detention review and detention conditions: detention."})
    assert search_ids(engine, "detention") == ["Q2", "Q1"]


def _folded(value: str) -> str:
    import unicodedata

    return "".join(c for c in unicodedata.normalize("NFKD", value.casefold()) if not unicodedata.combining(c))


def _paragraphs_by_number(path) -> dict[int, str]:
    """The report's numbered paragraphs, split on their own (not with tracker.sources)."""
    paragraphs, current = {}, None
    for line in path.read_text(encoding="utf-8").splitlines():
        numbered = re.match(r"^\s*(\d+)\.\s+(.*)$", line)
        if numbered and (current is None or int(numbered.group(1)) == current + 1):
            current = int(numbered.group(1))
            paragraphs[current] = numbered.group(2)
        elif current is not None:
            paragraphs[current] += " " + line
    return paragraphs


@pytest.mark.parametrize("phrase", ["migrant holding centres", "Southern Border Programme", "consular"])
def test_search_finds_words_of_the_cited_reply_paragraphs(db_url, phrase):
    import yaml

    settings = load_settings({"DATABASE_URL": db_url})
    if not settings.sources_dir.is_dir():
        pytest.skip(f"the source documents are not at {settings.sources_dir}")
    engine = open_database(settings).engine
    reindex(engine, settings.sources_dir)
    report = _paragraphs_by_number(settings.sources_dir / "mexico-2017-replies-to-cmw-list-of-issues.txt")
    wanted = re.sub(r"\W+", " ", _folded(phrase))
    expected = set()
    records = {r["id"]: r for r in yaml.safe_load((settings.data_dir / "recommendations.yaml").read_text("utf-8"))}
    for response in yaml.safe_load((settings.data_dir / "responses.yaml").read_text("utf-8")):
        texts = [response["summary"], response["rationale"], records[response["recommendation"]].get("topic") or ""]
        if response["document"] == "CMW-C-MEX-3":
            for ref in response["paragraphs"]:
                first, _, last = str(ref).replace("–", "-").partition("-")
                texts += [report.get(n, "") for n in range(int(first), int(last or first) + 1)]
        if any(wanted in re.sub(r"\W+", " ", _folded(t)) for t in texts):
            expected.add(response["recommendation"])
    found = set(search_ids(engine, f'"{phrase}"'))
    engine.dispose()
    assert expected and found == expected
