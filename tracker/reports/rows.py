"""The item rows a drafter pastes: UN citations, names instead of ids, status, rationale, latest assessment."""

import pandas as pd
from sqlalchemy import Engine, select

from tracker.filters import Filters
from tracker.schema import STATUS_LABELS
from tracker.store.models import Actor, AssessmentEvent, ConventionArticle
from tracker.store.queries import RB, RS, A, D, R, RA, items_base

MONITOR_WORD = "a monitor"
UNKNOWN_TOPIC = "Unknown (the reply does not show it)"
ACTOR, ARTICLE, E = Actor.__table__, ConventionArticle.__table__, AssessmentEvent.__table__
# Column headings, in the order a drafter reads them (the status first after the citation, as on a phone).
ITEM_COLUMNS = ("Citation", "Status", "Topic", "Issued by", "Year", "Articles", "Reply", "State bodies",
                "Rationale", "Confidence", "Why this confidence", "Last assessed", "Assessment note", "Assessed by",
                "Tracker item")


def who_shown(name: str, viewer_role: str | None = None) -> str:
    """How an assessment's author appears in a file: the one place identity meets exports (a role word today)."""
    return MONITOR_WORD


def citation(symbol: str | None, title: str, paragraphs: str) -> str:
    """`CMW/C/MEX/QPR/3 ¶ 13`; a document without a symbol (None, or NaN out of pandas) is cited by its title."""
    cited = symbol if isinstance(symbol, str) and symbol.strip() else title
    return f"{cited} ¶ {paragraphs or '—'}"


def item_rows(engine: Engine, filters: Filters, viewer_role: str | None = None,
              limit: int | None = None) -> pd.DataFrame:
    """One row per filtered item (id order), with the columns of ITEM_COLUMNS the record can fill."""
    joined, where = items_base(filters, engine.dialect.name)
    with engine.connect() as conn:
        mechanism = ACTOR.alias("mechanism")
        stmt = (select(R.c.id, R.c.paragraphs, R.c.year, R.c.topic, A.c.status, D.c.symbol, D.c.title,
                       mechanism.c.name.label("issued_by"))
                .select_from(joined.join(D, D.c.id == R.c.document_id).join(mechanism, mechanism.c.id == R.c.mechanism))
                .where(where).order_by(R.c.id).limit(limit))
        items = pd.DataFrame(conn.execute(stmt).mappings().all(),
                             columns=["id", "paragraphs", "year", "topic", "status", "symbol", "title", "issued_by"])
        within = R.c.id.in_(items["id"].tolist()) if limit else where
        articles = _frame(conn, select(RA.c.recommendation_id, RA.c.article, ARTICLE.c.title)
                          .select_from(RA.join(ARTICLE, ARTICLE.c.number == RA.c.article)
                                       .join(R, R.c.id == RA.c.recommendation_id)
                                       .join(A, A.c.recommendation_id == R.c.id)).where(within))
        replies = _frame(conn, select(RS.c.recommendation_id, RS.c.id, RS.c.relation, RS.c.paragraphs, RS.c.rationale,
                                      RS.c.confidence, RS.c.confidence_reason, D.c.symbol, D.c.title, D.c.year)
                         .select_from(RS.join(D, D.c.id == RS.c.document_id).join(R, R.c.id == RS.c.recommendation_id)
                                      .join(A, A.c.recommendation_id == R.c.id)).where(within))
        bodies = _frame(conn, select(RS.c.recommendation_id, ACTOR.c.name).distinct()
                        .select_from(RB.join(RS, RS.c.id == RB.c.response_id).join(ACTOR, ACTOR.c.id == RB.c.actor_id)
                                     .join(R, R.c.id == RS.c.recommendation_id)
                                     .join(A, A.c.recommendation_id == R.c.id)).where(within))
        assessed = _frame(conn, select(E.c.recommendation_id, E.c.id, E.c.at, E.c.who, E.c.note)
                          .select_from(E.join(R, R.c.id == E.c.recommendation_id)
                                       .join(A, A.c.recommendation_id == R.c.id))
                          .where(within, E.c.source == "monitor"))
    return _rows(items, articles, replies, bodies, assessed, viewer_role)


def _frame(conn, stmt) -> pd.DataFrame:
    result = conn.execute(stmt)
    return pd.DataFrame(result.fetchall(), columns=list(result.keys()))


def _rows(items, articles, replies, bodies, assessed, viewer_role) -> pd.DataFrame:
    key = items["id"]
    articles = articles.sort_values("article")
    article_text = (articles["article"].astype(str) + " (" + articles["title"] + ")").groupby(
        articles["recommendation_id"]).agg("; ".join)
    replies = replies.assign(cited=[
        citation(r.symbol, r.title, ", ".join(r.paragraphs)) + (" (related)" if r.relation == "related" else "")
        for r in replies.itertuples()]).sort_values("id")
    # The curated rationale is the one of the reply that sets the curated status: the latest reply, else
    # the latest related passage (tracker.record.CuratedRecord.curated_status).
    deciding = (replies.assign(is_reply=replies["relation"] == "reply")
                .sort_values(["is_reply", "year", "id"]).groupby("recommendation_id").tail(1)
                .set_index("recommendation_id"))
    latest = assessed.sort_values("id").groupby("recommendation_id").tail(1).set_index("recommendation_id")
    rows = pd.DataFrame({
        "Citation": [citation(s, t, p) for s, t, p in zip(items["symbol"], items["title"], items["paragraphs"])],
        "Issued by": items["issued_by"],
        "Year": items["year"].astype("int64"),
        "Topic": items["topic"].fillna(UNKNOWN_TOPIC),
        "Articles": key.map(article_text),
        "Reply": key.map(replies.groupby("recommendation_id")["cited"].agg("; ".join)),
        "State bodies": key.map(bodies.sort_values("name").groupby("recommendation_id")["name"].agg("; ".join)),
        "Status": items["status"].map(STATUS_LABELS),
        "Rationale": key.map(deciding["rationale"]),
        "Confidence": key.map(deciding["confidence"]),
        "Why this confidence": key.map(deciding["confidence_reason"]),
        "Last assessed": key.map(latest["at"].map(lambda at: at.date())),
        "Assessment note": key.map(latest["note"]),
        "Assessed by": key.map(latest["who"].map(lambda who: who_shown(who, viewer_role))),
        "Tracker item": key,
    }, columns=list(ITEM_COLUMNS))
    text = [name for name in rows.columns if name not in ("Year", "Last assessed")]
    rows[text] = rows[text].astype(object).fillna("")
    rows["Last assessed"] = rows["Last assessed"].astype(object).where(rows["Last assessed"].notna(), None)
    return rows.reset_index(drop=True)
