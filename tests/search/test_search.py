"""The query language on both engines: each operator, stemming in English and Spanish, accents and case,
malformed and hostile queries, and search inside the text of the cited reply paragraphs."""

import re
from dataclasses import replace

import pytest
from sqlalchemy import inspect

from tracker.filters import Filters
from tracker.i18n import PSEUDO, translator
from tracker.i18n.translator import PSEUDO_CLOSE, PSEUDO_OPEN
from tracker.search import HELP, QueryError, item_passages, item_texts, matched_ids, parse, problem, reindex, search_ids
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
    ("detention -(custody -children)", {"Q1"}), ('migrant -"migrant children"', {"Q1"}), ("migrant (detention OR coord*) -deported", {"Q1"}),
    # hostile text is words, never syntax: no FTS5 column filters, NEAR groups or SQL
    ("raw : detention", set()), ('detention"; DROP TABLE item_search; --"', set()), ("NEAR(detention conditions)", set()),
    ("detention*", {"Q1"}), ("en:deport", set()), ("a_b", set()), ("   ", None),
    ("detention\x00conditions", {"Q1"}), ("detention\x00", {"Q1"}),            # NUL and control characters
    ("'detention' 'conditions'", {"Q1"}), ("“detention” «conditions»", {"Q1"}),  # other quotation marks
    ("detention' OR 'x'='x", {"Q1"}), ("detention; SELECT * FROM recommendation", set()),
    ("detention %", {"Q1"}), ("detention \\ ^ $ {} [] <> & | ~ ` +", {"Q1"}), ("detention 🙂", {"Q1"}),
    (" ".join(["detention"] * 20), {"Q1"}),                                   # 199 characters: under the limit
    ('"" detention', {"Q1"}),                                                   # an empty phrase is no word
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
    ("detention OR", "OR needs a word"), ("OR detention", "OR needs a word"), ('detention OR ""', "OR needs a word"),
    ("detention NOT", "NOT needs a word"), ("a NOT NOT b", "NOT needs a word"), ("a NOT OR b", "NOT needs a word"),
    ("(a NOT) b", "NOT needs a word"), ("a OR )", "OR needs a word"), ("OR OR a", "OR needs a word"),
    (") a", "no opening"), ("(", "not closed"), ("a (", "not closed"), ("a (b", "not closed"),
    ("-children", "needs a word to look for beside it"), ("NOT children", "needs a word to look for beside it"),
    ("detention (-children OR custody)", "beside it"), ("detention (NOT children OR custody)", "beside it"),
    ("NOT -children detention", "beside it"),
    ("detention OR -children", "beside it"),
    ("()", "hold nothing"), ("(detention", "not closed"), ("detention)", "no opening"),
    ("x" * 201, "limit is 200"),
    ("*", "no word to look for"), ("'", "no word to look for"), ("%", "no word to look for"), ("_", "no word"),
    (" ".join(f"w{n}" for n in range(30)), "more than 24 words"),
    ("(" * 9 + "a" + ")" * 9, "too many parentheses"),
])
def test_malformed_queries_get_a_plain_message(query, message):
    with pytest.raises(QueryError, match=re.escape(message)):
        parse(query)
    reason = problem(query)
    spanish, marked = reason.translated(translator("es")), reason.translated(translator(PSEUDO))
    assert spanish and spanish != str(reason) and not re.search(r"[{}]", spanish)  # translated, placeholders filled
    assert marked.startswith(PSEUDO_OPEN) and marked.endswith(PSEUDO_CLOSE)


@pytest.mark.parametrize("query", ["", "   ", "detention", "a OR b", '"x y"', "-a b"])
def test_a_query_that_runs_has_no_problem(query):
    assert problem(query) is None


def test_the_help_names_every_operator():
    for operator in ('"exact phrase"', "OR", "-children", "NOT", "deport*", "( … )"):
        assert operator in HELP
    assert translator("es").tr(HELP) != HELP


def test_relevance_orders_the_results(engine):
    from tracker.search.index import write

    with engine.begin() as conn:  # an item that is all about the word ranks above one that mentions it
        write(conn, {"Q2": "Detention, detention review and detention conditions: detention."})
    assert search_ids(engine, "detention") == ["Q2", "Q1"]


def test_open_items_can_list_the_most_relevant_first(engine):
    from tracker.serving_index import matching_ids
    from tracker.search.index import write

    with engine.begin() as conn:  # four, two and one mentions in texts of about the same length
        write(conn, {"Q1": "detention and other matters of review", "Q2": "detention detention detention detention",
                     "R94": "detention review detention"})
    every = Filters(text="detention")
    assert matching_ids(engine, every, by_relevance=True) == ["Q2", "R94", "Q1"]
    assert matching_ids(engine, every) == ["Q1", "Q2", "R94"]                      # by id unless asked
    assert matching_ids(engine, replace(every, mechanisms=("CMW",)), by_relevance=True) == ["Q2", "Q1"]
    assert matching_ids(engine, replace(every, text="detention)"), by_relevance=True) == []  # cannot run
    assert matching_ids(engine, Filters(mechanisms=("CMW",)), by_relevance=True) == ["Q1", "Q2"]  # no search


@pytest.mark.parametrize("query, expected", [
    ("estaciones", {"Q1": ["estaciones"]}),
    ("DETENCIÓN mujer", {"Q2": ["mujeres", "DETENCIÓN"]}),
    ("deported", {"Q2": ["deportadas"], "R94": ["deportation"]}),
    ("coord*", {"R94": ["Coordination", "Coordination"]}),                     # topic and summary
    ("migrant -children", {"Q1": ["migrant"], "R94": ["migrant", "migrant"]}),  # words left out are not marked
    ("detention)", {}),
])
def test_each_item_shows_the_passage_that_matched(engine, query, expected):
    found = item_passages(engine, None, ["Q1", "Q2", "R94"], query)
    assert {item: [p for p, marked in pieces if marked] for item, pieces in found.items()} == expected
    with engine.connect() as conn:
        texts = item_texts(conn, None)
    for item, pieces in found.items():  # a stretch of the indexed text as written, on one line
        assert "".join(p for p, _ in pieces).strip("…") in re.sub(r"\s+", " ", texts[item])


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
        record = records[response["recommendation"]]
        texts = [response["summary"], response["rationale"], record.get("topic") or "", *record.get("notes", [])]
        if response["document"] == "CMW-C-MEX-3":
            for ref in response["paragraphs"]:
                first, _, last = str(ref).replace("–", "-").partition("-")
                texts += [report.get(n, "") for n in range(int(first), int(last or first) + 1)]
        if any(wanted in re.sub(r"\W+", " ", _folded(t)) for t in texts):
            expected.add(response["recommendation"])
    found = set(search_ids(engine, f'"{phrase}"'))
    engine.dispose()
    assert expected and found == expected


def test_a_phrase_only_in_a_cited_reply_paragraph_finds_the_item(db_url, record_copy, tmp_path):
    """The fixture's REPORT gets a source file; Q2's reply cites its paragraph 6, which alone says the phrase."""
    import yaml

    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / "report.txt").write_text("\n".join(
        [f"{n}. Paragraph {n} of the report." for n in range(1, 6)]
        + ["6. El INM informa sobre las Estaciones Migratorias y la estancia provisional.", "7. Closing."]),
        encoding="utf-8")
    path = record_copy / "documents.yaml"
    documents = yaml.safe_load(path.read_text(encoding="utf-8"))
    next(d for d in documents if d["id"] == "REPORT")["source_file"] = "report.txt"
    path.write_text(yaml.safe_dump(documents, allow_unicode=True, sort_keys=False), encoding="utf-8")
    engine = open_database(load_settings({"DATABASE_URL": db_url, "TRACKER_DATA_DIR": str(record_copy),
                                          "TRACKER_SOURCES_DIR": str(sources)})).engine
    found = {}
    for sources_dir in (None, sources):
        reindex(engine, sources_dir)
        found[sources_dir] = [search_ids(engine, q) for q in ('"estaciones migratorias"', "estación", "paragraph")]
    passages = {directory: item_passages(engine, directory, ["Q2", "NO-SUCH-ITEM"], "estaciones") for directory in (None, sources)}
    engine.dispose()
    assert found[None] == [[], [], []]
    # Q1 cites 1-5 (the word "paragraph"), Q2 cites 6; R94 cites nothing
    assert found[sources] == [["Q2"], ["Q2"], ["Q1"]]
    # the passage shown comes from the cited paragraph where the sources are at hand; an unknown id has none
    assert passages[None] == {}
    assert [piece for piece, marked in passages[sources]["Q2"] if marked] == ["Estaciones"]
    assert list(passages[sources]) == ["Q2"]


@pytest.mark.parametrize("phrase", ["Women & girls", "access to justice", "orderly, safe, regular"])
def test_an_accepted_uhri_item_is_found_by_its_text(db_url, tmp_path, phrase):
    """A UHRI record keeps its first sentence as the topic and its UHRI labels (affected persons, SDGs): all searched."""
    import shutil

    import yaml

    from tests.imports.conftest import FIXTURES
    from tracker.imports.accept import accept_item
    from tracker.imports.uhri import Choice, queue_uhri, read_uhri
    from tracker.settings import PROJECT_ROOT

    data_dir = tmp_path / "data"
    shutil.copytree(PROJECT_ROOT / "data", data_dir, ignore=shutil.ignore_patterns("proposed"))
    queue, _, _ = queue_uhri(data_dir, read_uhri(FIXTURES / "uhri-sample.json", Choice("Mexico", "CMW")))
    accept_item(data_dir, queue, "00000000-0000-4000-8000-000000000025")
    engine = open_database(load_settings({"DATABASE_URL": db_url, "TRACKER_DATA_DIR": str(data_dir),
                                          "TRACKER_SOURCES_DIR": str(tmp_path / "no-sources")})).engine
    found = set(search_ids(engine, f'"{phrase}"'))
    engine.dispose()
    texts = {r["id"]: [r["id"], r.get("topic") or "", *r.get("notes", []),  # the record's own words, read apart
                       *(label for labels in (r.get("uhri") or {}).values() if isinstance(labels, list) for label in labels)]
             for r in yaml.safe_load((data_dir / "recommendations.yaml").read_text("utf-8"))}
    for response in yaml.safe_load((data_dir / "responses.yaml").read_text("utf-8")):
        texts[response["recommendation"]] += [response["summary"], response["rationale"]]
    wanted = r"\b" + r"\W+".join(re.findall(r"\w+", _folded(phrase))) + r"\b"
    expected = {item for item, parts in texts.items() if re.search(wanted, _folded(" ".join(parts)))}
    assert "CMW-C-MEX-CO-4-P25" in expected and found == expected
