"""Read queries over items: the filter as SQL, the item list, one item, filter choices.

Reads that return text a person reads take the reader's `language` (a code, so that cached reads can key on
it): record texts come in that language, English where a translation is missing, marked as English
(tracker.i18n.record), and State bodies and mechanisms come by name, never by id.
"""

import pandas as pd
from sqlalchemy import Connection, Engine, String, and_, cast, exists, false, func, select, true

from tracker import search
from tracker.filters import LABEL_FILTERS, Filters
from tracker.i18n import DEFAULT_LANGUAGE, N_, Translator, translator
from tracker.i18n.record import actor_acronym, actor_label, shown
from tracker.schema import PARTS
from tracker.store.models import (
    Actor,
    Assessment,
    ConventionArticle,
    ConventionPart,
    Document,
    Lineage,
    Person,
    Recommendation,
    RecommendationArticle,
    RecommendationLabel,
    RecommendationPart,
    Response,
    ResponseBody,
)

R, A, AC = Recommendation.__table__, Assessment.__table__, Actor.__table__
RA, RP = RecommendationArticle.__table__, RecommendationPart.__table__
RS, RB, D = Response.__table__, ResponseBody.__table__, Document.__table__
RL = RecommendationLabel.__table__
# A document's cycle as filters name it (schema.cycle_key): "CMW-3"; null outside any cycle.
CYCLE_KEY = D.c.cycle_mechanism + "-" + cast(D.c.cycle_number, String)
CP, CA = ConventionPart.__table__, ConventionArticle.__table__

UNKNOWN_TOPIC = N_("Unknown (the reply does not show it)")


def has_row(table, *conditions):
    """EXISTS over `table`, never correlated to a copy of `table` that the outer query joins."""
    return exists().where(*conditions).correlate_except(table)


def addressed_to_state():
    """True for items put to the State. Only these count under a State body: an item addressed to the UN system
    must not lend its status to the bodies a related passage names (docs/assessment-method.md, section 5)."""
    return R.c.addressee.in_(select(AC.c.id).where(AC.c.kind.in_(("state", "state-body"))))


def curated_confidence():
    """The confidence of the response an item's curated status comes from: its latest reply by document year,
    else its latest related response (as CuratedRecord.curated_status decides it)."""
    return (select(RS.c.confidence).select_from(RS.join(D, D.c.id == RS.c.document_id))
            .where(RS.c.recommendation_id == R.c.id)
            .order_by((RS.c.relation == "reply").desc(), D.c.year.desc(), RS.c.id.desc())
            .limit(1).correlate(R).scalar_subquery())


def text_condition(query: str, dialect: str):
    """The items the full-text index matches for the query; none for a query that cannot run (the page says why)."""
    try:
        node = search.parse(query)
    except search.QueryError:
        return false()
    return true() if node is None else R.c.id.in_(search.matching_ids_clause(dialect, node))


def item_conditions(filters: Filters, dialect: str) -> list:
    """SQL conditions over recommendation (R) and assessment (A) that select the filtered items."""
    conds = [R.c.active]
    if filters.statuses:
        conds.append(A.c.status.in_(filters.statuses))
    if filters.parts:
        conds.append(has_row(RP, RP.c.recommendation_id == R.c.id, RP.c.part_id.in_(filters.parts)))
    if filters.articles:
        conds.append(has_row(RA, RA.c.recommendation_id == R.c.id, RA.c.article.in_(filters.articles)))
    if filters.mechanisms:
        conds.append(R.c.mechanism.in_(filters.mechanisms))
    if filters.bodies:
        conds.append(exists().where(RS.c.recommendation_id == R.c.id, RB.c.response_id == RS.c.id,
                                    RB.c.actor_id.in_(filters.bodies)).correlate_except(RS, RB))
        conds.append(addressed_to_state())
    if filters.confidences:
        conds.append(curated_confidence().in_(filters.confidences))
    for name, kind in LABEL_FILTERS.items():
        if getattr(filters, name):
            conds.append(has_row(RL, RL.c.recommendation_id == R.c.id, RL.c.kind == kind,
                                 RL.c.label.in_(getattr(filters, name))))
    if filters.cycles:
        conds.append(R.c.document_id.in_(select(D.c.id).where(CYCLE_KEY.in_(filters.cycles))))
    if filters.year_from is not None:
        conds.append(R.c.year >= filters.year_from)
    if filters.year_to is not None:
        conds.append(R.c.year <= filters.year_to)
    if filters.text.strip():
        conds.append(text_condition(filters.text, dialect))
    return conds


def items_base(filters: Filters, dialect: str):
    """FROM recommendation JOIN assessment, restricted to the filtered items."""
    return R.join(A, A.c.recommendation_id == R.c.id), and_(*item_conditions(filters, dialect))


def _concat(conn: Connection, column, separator: str = ", "):
    if conn.dialect.name == "postgresql":
        return func.string_agg(column, separator)
    return func.group_concat(column, separator)


def items_frame(engine: Engine, filters: Filters, language: str = DEFAULT_LANGUAGE) -> pd.DataFrame:
    """One row per filtered item, with its parts, articles, reply paragraphs and named bodies."""
    joined, where = items_base(filters, engine.dialect.name)
    return _items(engine, joined, where, translator(language))


def items_by_id(engine: Engine, ids: list[str], language: str = DEFAULT_LANGUAGE) -> pd.DataFrame:
    """The same rows for the given items (one page of a long list), in the order given (by relevance, say)."""
    items = _items(engine, R.join(A, A.c.recommendation_id == R.c.id), R.c.id.in_(ids), translator(language))
    position = {item: n for n, item in enumerate(ids)}
    return items.sort_values("id", key=lambda column: column.map(position), kind="stable").reset_index(drop=True)


def actor_labels(conn: Connection, t: Translator) -> dict[str, str]:
    """Every actor's name (with its acronym) in the reader's language, by id."""
    return {row.id: actor_label(row.name, row.acronym, row.translations, t)
            for row in conn.execute(select(AC.c.id, AC.c.name, AC.c.acronym, AC.c.translations))}


def actor_short_names(engine: Engine, language: str = DEFAULT_LANGUAGE) -> dict[str, str]:
    """Each actor's acronym in `language` where it has one (`SEDATU`), else its id: for file names."""
    with engine.connect() as conn:
        return {row.id: actor_acronym(row.acronym, row.translations, language) or row.id
                for row in conn.execute(select(AC.c.id, AC.c.acronym, AC.c.translations))}


def _items(engine: Engine, joined, where, t: Translator) -> pd.DataFrame:
    with engine.connect() as conn:
        parts = (select(_concat(conn, RP.c.part_id)).where(RP.c.recommendation_id == R.c.id)
                 .scalar_subquery())
        articles = (select(_concat(conn, cast(RA.c.article, String))).where(RA.c.recommendation_id == R.c.id)
                    .scalar_subquery())
        stmt = (select(R.c.id, R.c.mechanism, R.c.year, R.c.topic, R.c.translations, A.c.status, A.c.needs_review,
                       A.c.version, parts.label("parts"), articles.label("articles"))
                .select_from(joined).where(where).order_by(R.c.id))
        items = pd.DataFrame(conn.execute(stmt).mappings().all(),
                             columns=["id", "mechanism", "year", "topic", "translations", "status", "needs_review",
                                      "version", "parts", "articles"])
        replies = pd.DataFrame(conn.execute(
            select(RS.c.recommendation_id, RS.c.id, RS.c.relation, RS.c.paragraphs, D.c.symbol, D.c.id.label("doc"),
                   D.c.year, RS.c.confidence, RS.c.rationale, RS.c.translations)
            .select_from(RS.join(D, D.c.id == RS.c.document_id).join(R, R.c.id == RS.c.recommendation_id)
                         .join(A, A.c.recommendation_id == R.c.id))
            .where(where).order_by(RS.c.id)).mappings().all(),
            columns=["recommendation_id", "id", "relation", "paragraphs", "symbol", "doc", "year", "confidence",
                     "rationale", "translations"])
        bodies = pd.DataFrame(conn.execute(
            select(RS.c.recommendation_id, RB.c.actor_id).distinct()
            .select_from(RB.join(RS, RS.c.id == RB.c.response_id).join(R, R.c.id == RS.c.recommendation_id)
                         .join(A, A.c.recommendation_id == R.c.id))
            .where(where, addressed_to_state())).mappings().all(), columns=["recommendation_id", "actor_id"])
        names = actor_labels(conn, t)
    items["topic"] = [shown(topic, texts, t, "topic") if isinstance(topic, str) else t.tr(UNKNOWN_TOPIC)
                      for topic, texts in zip(items["topic"], items["translations"])]
    items = items.drop(columns="translations")
    items["issued_by"] = items["mechanism"].map(names).astype(object).fillna(items["mechanism"])
    items["reply_paragraphs"] = items["id"].map(_reply_text(replies, t)).astype(object).fillna("")
    replies["rationale"] = [shown(why, texts, t, "rationale")
                            for why, texts in zip(replies["rationale"], replies["translations"])]
    curated = _curated_responses(replies)
    for column in ("confidence", "rationale"):
        items[column] = items["id"].map(curated[column]).astype(object).fillna("")
    bodies["name"] = bodies["actor_id"].map(names).fillna(bodies["actor_id"])
    items["bodies"] = items["id"].map(
        bodies.sort_values("name").groupby("recommendation_id")["name"].agg(", ".join)).astype(object).fillna("")
    items[["parts", "articles"]] = items[["parts", "articles"]].astype(object).fillna("")
    items["articles"] = items["articles"].map(lambda text: _sorted(text, int))
    items["parts"] = items["parts"].map(lambda text: _sorted(text, PARTS.index))
    return items


def _sorted(text: str, key) -> str:
    """group_concat has no order; sort the joined values for display."""
    return ", ".join(sorted((t for t in text.split(", ") if t), key=key))


def _curated_responses(replies: pd.DataFrame) -> pd.DataFrame:
    """Per item, the response its curated status comes from: the latest reply by document year, else the
    latest related response (as CuratedRecord.curated_status decides it)."""
    ordered = replies.assign(is_reply=replies["relation"] == "reply").sort_values(["is_reply", "year", "id"])
    return ordered.drop_duplicates("recommendation_id", keep="last").set_index("recommendation_id")


def _reply_text(replies: pd.DataFrame, t: Translator) -> pd.Series:
    if replies.empty:
        return pd.Series(dtype=str)
    cited = [f"{r.symbol or r.doc} ¶ {', '.join(r.paragraphs) or '—'}" for r in replies.itertuples()]
    label = pd.Series([t.tr("{cited} (related)", cited=c) if relation == "related" else c
                       for c, relation in zip(cited, replies["relation"])], index=replies.index)
    return label.groupby(replies["recommendation_id"]).agg("; ".join)


def filter_choices(engine: Engine, language: str = DEFAULT_LANGUAGE) -> dict[str, list]:
    """The values the filters can take, from what the record holds, with names and titles in `language`."""
    t = translator(language)
    with engine.connect() as conn:
        years = conn.execute(select(func.min(R.c.year), func.max(R.c.year)).where(R.c.active)).one()
        count = conn.execute(select(func.count()).select_from(R).where(R.c.active)).scalar_one()
        return {
            "parts": conn.execute(select(CP.c.id).order_by(CP.c.position)).scalars().all(),
            "mechanisms": conn.execute(select(R.c.mechanism).where(R.c.active).distinct()
                                       .order_by(R.c.mechanism)).scalars().all(),
            "bodies": conn.execute(select(RB.c.actor_id).distinct().order_by(RB.c.actor_id)).scalars().all(),
            "years": (years[0], years[1]),
            "item_count": count,
            "actor_names": actor_labels(conn, t),
            "part_titles": part_titles(conn, t),
            "article_titles": article_titles(conn, t),
            "article_parts": dict(conn.execute(select(CA.c.number, CA.c.part_id)).all()),
            **_label_choices(conn),
            # (key, mechanism, number) of each cycle that an active item's document belongs to
            "cycles": [tuple(row) for row in conn.execute(
                select(CYCLE_KEY, D.c.cycle_mechanism, D.c.cycle_number).distinct()
                .where(D.c.cycle_number.is_not(None), D.c.id.in_(select(R.c.document_id).where(R.c.active)))
                .order_by(D.c.cycle_mechanism, D.c.cycle_number))],
        }


def _label_choices(conn: Connection) -> dict[str, list[str]]:
    """Per UHRI label filter, the labels the active items carry, in order."""
    rows = conn.execute(select(RL.c.kind, RL.c.label).distinct().join(R, R.c.id == RL.c.recommendation_id)
                        .where(R.c.active).order_by(RL.c.kind, RL.c.label)).all()
    return {name: [label for kind_of, label in rows if kind_of == kind] for name, kind in LABEL_FILTERS.items()}


def part_titles(conn: Connection, t: Translator) -> dict[str, str]:
    """Each Convention part's title in the reader's language, by part id (`III`)."""
    return {row.id: shown(row.title, row.translations, t, "title")
            for row in conn.execute(select(CP.c.id, CP.c.title, CP.c.translations))}


def article_titles(conn: Connection, t: Translator) -> dict[int, str]:
    """Each article's title in the reader's language, by number."""
    return {row.number: shown(row.title, row.translations, t, "title")
            for row in conn.execute(select(CA.c.number, CA.c.title, CA.c.translations))}


def item_detail(engine: Engine, item_id: str, language: str = DEFAULT_LANGUAGE) -> dict | None:
    """Everything the Item page shows about one item, or None when there is no such item.

    Texts come in `language`; beside each actor id (`mechanism`, `addressee`, a response's `bodies`) is its
    name (`mechanism_name`, `addressee_name`, `body_names`), and `article_titles` and `part_titles` give the
    titles of the item's articles and parts.
    """
    t = translator(language)
    with engine.connect() as conn:
        row = conn.execute(select(R, A.c.status, A.c.curated_status, A.c.version, A.c.needs_review,
                                  A.c.review_reason, A.c.updated_by, A.c.updated_at)
                           .select_from(R.join(A, A.c.recommendation_id == R.c.id))
                           .where(R.c.id == item_id)).mappings().one_or_none()
        if row is None:
            return None
        lineage = Lineage.__table__
        names = actor_labels(conn, t)
        articles = conn.execute(select(RA.c.article).where(RA.c.recommendation_id == item_id)
                                .order_by(RA.c.article)).scalars().all()
        parts = sorted(conn.execute(select(RP.c.part_id).where(RP.c.recommendation_id == item_id)).scalars().all(),
                       key=PARTS.index)
        article_names, part_names = article_titles(conn, t), part_titles(conn, t)
        responses = []
        for resp in conn.execute(select(RS).where(RS.c.recommendation_id == item_id).order_by(RS.c.id)).mappings():
            bodies = conn.execute(select(RB.c.actor_id).where(RB.c.response_id == resp["id"])
                                  .order_by(RB.c.actor_id)).scalars().all()
            responses.append({
                **resp,
                **{field: shown(resp[field], resp["translations"], t, field)
                   for field in ("summary", "rationale", "confidence_reason")},
                "document": _document(conn, resp["document_id"], t),
                "bodies": bodies,
                "body_names": sorted(names.get(body, body) for body in bodies)})
        return {
            **row,
            "topic": shown(row["topic"], row["translations"], t, "topic"),
            "mechanism_name": names.get(row["mechanism"], row["mechanism"]),
            "addressee_name": names.get(row["addressee"], row["addressee"]),
            "document": _document(conn, row["document_id"], t),
            "articles": articles,
            "article_titles": {number: article_names.get(number, "") for number in articles},
            "parts": parts,
            "part_titles": {part: part_names.get(part, "") for part in parts},
            "responses": responses,
            "takes_up": conn.execute(select(lineage.c.takes_up_id, lineage.c.note)
                                     .where(lineage.c.recommendation_id == item_id)).mappings().all(),
            "taken_up_by": conn.execute(select(lineage.c.recommendation_id, lineage.c.note)
                                        .where(lineage.c.takes_up_id == item_id)).mappings().all(),
        }


def _document(conn: Connection, document_id: str, t: Translator) -> dict:
    """A document's row, its title in `t`'s language."""
    row = conn.execute(select(D).where(D.c.id == document_id)).mappings().one()
    return {**row, "title": shown(row["title"], row["translations"], t, "title")}


def item_topics(engine: Engine, language: str = DEFAULT_LANGUAGE) -> dict[str, str]:
    """Every item's topic as a reader of `language` sees it (as the item list shows it), by id in id order."""
    t = translator(language)
    with engine.connect() as conn:
        rows = conn.execute(select(R.c.id, R.c.topic, R.c.translations).order_by(R.c.id))
        return {row.id: shown(row.topic, row.translations, t, "topic") if isinstance(row.topic, str) else
                t.tr(UNKNOWN_TOPIC) for row in rows}


def item_ids(engine: Engine, filters: Filters = Filters()) -> list[str]:
    joined, where = items_base(filters, engine.dialect.name)
    with engine.connect() as conn:
        return conn.execute(select(R.c.id).select_from(joined).where(where).order_by(R.c.id)).scalars().all()


def role_of(engine: Engine, name: str | None) -> str | None:
    """The stored role of an identity; None when it has no account."""
    if not name:
        return None
    with engine.connect() as conn:
        return conn.execute(select(Person.__table__.c.role)
                            .where(Person.__table__.c.name == name.strip().lower())).scalar_one_or_none()
