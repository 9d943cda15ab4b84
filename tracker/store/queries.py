"""Read queries over items: the filter as SQL, the item list, one item, filter choices."""

import pandas as pd
from sqlalchemy import Connection, Engine, String, and_, cast, exists, false, func, select, true

from tracker import search
from tracker.filters import Filters
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
    RecommendationPart,
    Response,
    ResponseBody,
)

R, A, AC = Recommendation.__table__, Assessment.__table__, Actor.__table__
RA, RP = RecommendationArticle.__table__, RecommendationPart.__table__
RS, RB, D = Response.__table__, ResponseBody.__table__, Document.__table__


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


def items_frame(engine: Engine, filters: Filters) -> pd.DataFrame:
    """One row per filtered item, with its parts, articles, reply paragraphs and named bodies."""
    joined, where = items_base(filters, engine.dialect.name)
    return _items(engine, joined, where)


def items_by_id(engine: Engine, ids: list[str]) -> pd.DataFrame:
    """The same rows for the given items (one page of a long list), in the order given (by relevance, say)."""
    items = _items(engine, R.join(A, A.c.recommendation_id == R.c.id), R.c.id.in_(ids))
    position = {item: n for n, item in enumerate(ids)}
    return items.sort_values("id", key=lambda column: column.map(position), kind="stable").reset_index(drop=True)


def _items(engine: Engine, joined, where) -> pd.DataFrame:
    with engine.connect() as conn:
        parts = (select(_concat(conn, RP.c.part_id)).where(RP.c.recommendation_id == R.c.id)
                 .scalar_subquery())
        articles = (select(_concat(conn, cast(RA.c.article, String))).where(RA.c.recommendation_id == R.c.id)
                    .scalar_subquery())
        stmt = (select(R.c.id, R.c.mechanism, R.c.year, R.c.topic, A.c.status, A.c.needs_review, A.c.version,
                       parts.label("parts"), articles.label("articles"))
                .select_from(joined).where(where).order_by(R.c.id))
        items = pd.DataFrame(conn.execute(stmt).mappings().all(),
                             columns=["id", "mechanism", "year", "topic", "status", "needs_review", "version",
                                      "parts", "articles"])
        replies = pd.DataFrame(conn.execute(
            select(RS.c.recommendation_id, RS.c.id, RS.c.relation, RS.c.paragraphs, D.c.symbol, D.c.id.label("doc"),
                   D.c.year, RS.c.confidence, RS.c.rationale)
            .select_from(RS.join(D, D.c.id == RS.c.document_id).join(R, R.c.id == RS.c.recommendation_id)
                         .join(A, A.c.recommendation_id == R.c.id))
            .where(where).order_by(RS.c.id)).mappings().all(),
            columns=["recommendation_id", "id", "relation", "paragraphs", "symbol", "doc", "year", "confidence",
                     "rationale"])
        bodies = pd.DataFrame(conn.execute(
            select(RS.c.recommendation_id, RB.c.actor_id).distinct()
            .select_from(RB.join(RS, RS.c.id == RB.c.response_id).join(R, R.c.id == RS.c.recommendation_id)
                         .join(A, A.c.recommendation_id == R.c.id))
            .where(where, addressed_to_state())).mappings().all(), columns=["recommendation_id", "actor_id"])
    items["topic"] = items["topic"].fillna("Unknown (the reply does not show it)")
    items["reply_paragraphs"] = items["id"].map(_reply_text(replies)).astype(object).fillna("")
    curated = _curated_responses(replies)
    for column in ("confidence", "rationale"):
        items[column] = items["id"].map(curated[column]).astype(object).fillna("")
    items["bodies"] = items["id"].map(
        bodies.sort_values("actor_id").groupby("recommendation_id")["actor_id"].agg(", ".join)).astype(object).fillna("")
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


def _reply_text(replies: pd.DataFrame) -> pd.Series:
    if replies.empty:
        return pd.Series(dtype=str)
    label = replies.apply(
        lambda r: f"{r.symbol or r.doc} ¶ {', '.join(r.paragraphs) or '—'}"
                  + (" (related)" if r.relation == "related" else ""), axis=1)
    return label.groupby(replies["recommendation_id"]).agg("; ".join)


def filter_choices(engine: Engine) -> dict[str, list]:
    """The values the filters can take, from what the record holds."""
    with engine.connect() as conn:
        years = conn.execute(select(func.min(R.c.year), func.max(R.c.year)).where(R.c.active)).one()
        count = conn.execute(select(func.count()).select_from(R).where(R.c.active)).scalar_one()
        return {
            "parts": conn.execute(select(ConventionPart.__table__.c.id)
                                  .order_by(ConventionPart.__table__.c.position)).scalars().all(),
            "mechanisms": conn.execute(select(R.c.mechanism).where(R.c.active).distinct()
                                       .order_by(R.c.mechanism)).scalars().all(),
            "bodies": conn.execute(select(RB.c.actor_id).distinct().order_by(RB.c.actor_id)).scalars().all(),
            "years": (years[0], years[1]),
            "item_count": count,
            "actor_names": dict(conn.execute(select(Actor.__table__.c.id, Actor.__table__.c.name)).all()),
            "part_titles": dict(conn.execute(select(ConventionPart.__table__.c.id,
                                                    ConventionPart.__table__.c.title)).all()),
            "article_titles": dict(conn.execute(select(ConventionArticle.__table__.c.number,
                                                       ConventionArticle.__table__.c.title)).all()),
            "article_parts": dict(conn.execute(select(ConventionArticle.__table__.c.number,
                                                      ConventionArticle.__table__.c.part_id)).all()),
        }


def item_detail(engine: Engine, item_id: str) -> dict | None:
    """Everything the Item page shows about one item, or None when there is no such item."""
    with engine.connect() as conn:
        row = conn.execute(select(R, A.c.status, A.c.curated_status, A.c.version, A.c.needs_review,
                                  A.c.review_reason, A.c.updated_by, A.c.updated_at)
                           .select_from(R.join(A, A.c.recommendation_id == R.c.id))
                           .where(R.c.id == item_id)).mappings().one_or_none()
        if row is None:
            return None
        lineage = Lineage.__table__
        return {
            **row,
            "document": conn.execute(select(D).where(D.c.id == row["document_id"])).mappings().one(),
            "articles": conn.execute(select(RA.c.article).where(RA.c.recommendation_id == item_id)
                                     .order_by(RA.c.article)).scalars().all(),
            "parts": conn.execute(select(RP.c.part_id).where(RP.c.recommendation_id == item_id)).scalars().all(),
            "responses": [
                {**resp, "document": conn.execute(select(D).where(D.c.id == resp["document_id"])).mappings().one(),
                 "bodies": conn.execute(select(RB.c.actor_id).where(RB.c.response_id == resp["id"])
                                        .order_by(RB.c.actor_id)).scalars().all()}
                for resp in conn.execute(select(RS).where(RS.c.recommendation_id == item_id)
                                         .order_by(RS.c.id)).mappings().all()],
            "takes_up": conn.execute(select(lineage.c.takes_up_id, lineage.c.note)
                                     .where(lineage.c.recommendation_id == item_id)).mappings().all(),
            "taken_up_by": conn.execute(select(lineage.c.recommendation_id, lineage.c.note)
                                        .where(lineage.c.takes_up_id == item_id)).mappings().all(),
        }


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
