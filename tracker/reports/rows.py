"""The item rows a drafter pastes: UN citations, names instead of ids, status, rationale, latest assessment.

Headers, statuses and record texts are in the translator's language; the columns keep ITEM_COLUMNS' order.
"""

import pandas as pd
from sqlalchemy import Engine, select

from tracker.filters import Filters
from tracker.i18n import N_, Translator
from tracker.i18n.record import shown
from tracker.coverage import ENGLISH
from tracker.schema import CONFIDENCE_LABELS, STATUS_LABELS
from tracker.store.models import AssessmentEvent
from tracker.store.queries import CA, RB, RS, UNKNOWN_TOPIC, A, D, R, RA, actor_labels, items_base

MONITOR_WORD = N_("a monitor")
E = AssessmentEvent.__table__
# Column headings, in the order a drafter reads them (the status first after the citation, as on a phone).
ITEM_COLUMNS = (N_("Citation"), N_("Status"), N_("Topic"), N_("Issued by"), N_("Year"), N_("Articles"), N_("Reply"),
                N_("State bodies"), N_("Rationale"), N_("Confidence"), N_("Why this confidence"), N_("Last assessed"),
                N_("Assessment note"), N_("Assessed by"), N_("Tracker item"))


def who_shown(name: str, viewer_role: str | None = None, t: Translator = ENGLISH) -> str:
    """How an assessment's author appears in a file: the one place identity meets exports (a role word today)."""
    return t.tr(MONITOR_WORD)


DOCUMENT_TEXTS = "document_translations"  # beside a row's own translations


def citation(symbol: str | None, title: str, paragraphs: str) -> str:
    """`CMW/C/MEX/QPR/3 ¶ 13`; a document without a symbol (None, or NaN out of pandas) is cited by its title."""
    cited = symbol if isinstance(symbol, str) and symbol.strip() else title
    return f"{cited} ¶ {paragraphs or '—'}"


def item_rows(engine: Engine, filters: Filters, viewer_role: str | None = None,
              limit: int | None = None, t: Translator = ENGLISH) -> pd.DataFrame:
    """One row per filtered item (id order), with the columns of ITEM_COLUMNS the record can fill, in `t`'s language."""
    joined, where = items_base(filters, engine.dialect.name)
    with engine.connect() as conn:
        stmt = (select(R.c.id, R.c.paragraphs, R.c.year, R.c.topic, R.c.translations, A.c.status, D.c.symbol,
                       D.c.title, D.c.translations.label(DOCUMENT_TEXTS), R.c.mechanism)
                .select_from(joined.join(D, D.c.id == R.c.document_id))
                .where(where).order_by(R.c.id).limit(limit))
        items = _frame(conn, stmt)
        within = R.c.id.in_(items["id"].tolist()) if limit else where
        articles = _frame(conn, select(RA.c.recommendation_id, RA.c.article, CA.c.title, CA.c.translations)
                          .select_from(RA.join(CA, CA.c.number == RA.c.article)
                                       .join(R, R.c.id == RA.c.recommendation_id)
                                       .join(A, A.c.recommendation_id == R.c.id)).where(within))
        replies = _frame(conn, select(RS.c.recommendation_id, RS.c.id, RS.c.relation, RS.c.paragraphs, RS.c.rationale,
                                      RS.c.confidence, RS.c.confidence_reason, RS.c.translations, D.c.symbol,
                                      D.c.title, D.c.translations.label(DOCUMENT_TEXTS), D.c.year)
                         .select_from(RS.join(D, D.c.id == RS.c.document_id).join(R, R.c.id == RS.c.recommendation_id)
                                      .join(A, A.c.recommendation_id == R.c.id)).where(within))
        bodies = _frame(conn, select(RS.c.recommendation_id, RB.c.actor_id).distinct()
                        .select_from(RB.join(RS, RS.c.id == RB.c.response_id)
                                     .join(R, R.c.id == RS.c.recommendation_id)
                                     .join(A, A.c.recommendation_id == R.c.id)).where(within))
        assessed = _frame(conn, select(E.c.recommendation_id, E.c.id, E.c.at, E.c.who, E.c.note)
                          .select_from(E.join(R, R.c.id == E.c.recommendation_id)
                                       .join(A, A.c.recommendation_id == R.c.id))
                          .where(within, E.c.source == "monitor"))
        names = actor_labels(conn, t)
    items["issued_by"] = items["mechanism"].map(names).fillna(items["mechanism"])
    items["topic"] = _in_language(items, "topic", t)
    for frame in (items, replies):  # a document without a symbol is cited by its title
        frame["title"] = _in_language(frame, "title", t, DOCUMENT_TEXTS)
    articles["title"] = _in_language(articles, "title", t)
    for field in ("rationale", "confidence_reason"):
        replies[field] = _in_language(replies, field, t)
    replies["confidence"] = replies["confidence"].map(lambda level: t.tr(CONFIDENCE_LABELS[level]) if level else level)
    bodies["name"] = bodies["actor_id"].map(names).fillna(bodies["actor_id"])
    return _rows(items, articles, replies, bodies, assessed, viewer_role, t)


def _in_language(frame: pd.DataFrame, field: str, t: Translator, texts: str = "translations") -> pd.Series:
    """A text column of record rows in the reader's language, its translations in column `texts` (missing values
    stay missing)."""
    return pd.Series([shown(value, translated, t, field) if isinstance(value, str) else None
                      for value, translated in zip(frame[field], frame[texts])], index=frame.index, dtype=object)


def _frame(conn, stmt) -> pd.DataFrame:
    result = conn.execute(stmt)
    return pd.DataFrame(result.fetchall(), columns=list(result.keys()))


def _rows(items, articles, replies, bodies, assessed, viewer_role, t: Translator) -> pd.DataFrame:
    key = items["id"]
    articles = articles.sort_values("article")
    article_text = (articles["article"].astype(str) + " (" + articles["title"] + ")").groupby(
        articles["recommendation_id"]).agg("; ".join)
    replies = replies.assign(cited=[
        t.tr("{cited} (related)", cited=citation(r.symbol, r.title, ", ".join(r.paragraphs)))
        if r.relation == "related" else citation(r.symbol, r.title, ", ".join(r.paragraphs))
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
        "Topic": items["topic"].fillna(t.tr(UNKNOWN_TOPIC)),
        "Articles": key.map(article_text),
        "Reply": key.map(replies.groupby("recommendation_id")["cited"].agg("; ".join)),
        "State bodies": key.map(bodies.sort_values("name").groupby("recommendation_id")["name"].agg("; ".join)),
        "Status": items["status"].map(lambda status: t.tr(STATUS_LABELS[status])),
        "Rationale": key.map(deciding["rationale"]),
        "Confidence": key.map(deciding["confidence"]),
        "Why this confidence": key.map(deciding["confidence_reason"]),
        "Last assessed": key.map(latest["at"].map(lambda at: at.date())),
        "Assessment note": key.map(latest["note"]),
        "Assessed by": key.map(latest["who"].map(lambda who: who_shown(who, viewer_role, t))),
        "Tracker item": key,
    }, columns=list(ITEM_COLUMNS))
    text = [name for name in rows.columns if name not in ("Year", "Last assessed")]
    rows[text] = rows[text].astype(object).fillna("")
    rows["Last assessed"] = rows["Last assessed"].astype(object).where(rows["Last assessed"].notna(), None)
    return rows.rename(columns=t.tr).reset_index(drop=True)
