"""Open items: the filtered list reviewers work through, with the reply paragraphs each cites."""

import datetime as dt

import streamlit as st

from tracker import reports
from tracker.schema import STATUS_LABELS
from tracker.ui import database, filters, identity, language, search_results
from tracker.ui.labels import no_match, plain

PAGE_SIZE = 200
# Streamlit wraps a cell's text only in rows taller than 4rem (64 px); this row holds four lines. The pinned status and
# the topic beside it together fit a 420 px phone, so both are seen before any sideways scroll.
TOPIC_ROW_PX = 92
STATUS_PX, TOPIC_PX = 108, 272

t = language.current()
st.title(t.tr("Open items"))
current = filters.current()
data = database.version()
ids = database.matching_ids(current, data)
st.caption(t.tr_n("{count} item · {filters}. Status defaults to everything not addressed; the filters are in the page "
                  "address, so a copied link shows the same list.",
                  "{count} items · {filters}. Status defaults to everything not addressed; the filters are in the "
                  "page address, so a copied link shows the same list.", len(ids),
                  filters=plain(reports.filters_in_words(current, database.choices()["actor_names"], t).rstrip("."))))

if not ids:
    st.info(no_match(current.text, t))
    st.stop()
ids = search_results.ranked(current, ids, data)  # search: most relevant first (passages under the table)
pages = -(-len(ids) // PAGE_SIZE)
page = st.pagination(pages, key="page", bind="query-params") if pages > 1 else 1
items = database.item_rows(tuple(ids[(page - 1) * PAGE_SIZE:page * PAGE_SIZE]), data)

# Status first and pinned, so that it is the first thing seen at any width; the topic wraps beside it.
COLUMNS = ["status", "topic", "link", "review", "parts", "articles", "reply_paragraphs", "bodies", "issued_by", "year"]
table = items.assign(
    link="item?item=" + items["id"],
    status=items["status"].map(lambda status: t.tr(STATUS_LABELS[status])),
    review=items["needs_review"].map({True: "⚠ " + t.tr("review"), False: ""}),
)[COLUMNS]
st.dataframe(
    table,
    hide_index=True,
    row_height=TOPIC_ROW_PX,
    height=min(TOPIC_ROW_PX * len(table) + 38, 700),
    column_config={
        "status": st.column_config.TextColumn(t.tr("Status"), pinned=True, width=STATUS_PX),
        "topic": st.column_config.TextColumn(t.tr("Topic"), width=TOPIC_PX),
        "link": st.column_config.LinkColumn(t.tr("Item"), display_text=r"item\?item=(.*)", width=112,
                                            help=t.tr("Open the item with its reply paragraphs and history")),
        "review": st.column_config.TextColumn(t.tr("Review"),
                                              help=t.tr("The curated status changed under a monitor's assessment")),
        "parts": st.column_config.TextColumn(t.tr("Parts")),
        "articles": st.column_config.TextColumn(t.tr("Articles")),
        "reply_paragraphs": st.column_config.TextColumn(t.tr("Reply paragraphs"), width="medium"),
        "bodies": st.column_config.TextColumn(t.tr("State bodies named")),
        "issued_by": st.column_config.TextColumn(t.tr("Issued by")),
        "year": st.column_config.NumberColumn(t.tr("Year"), format="%d"),
    },
)
search_results.passages(current, items["id"].tolist(), data)


# The list is downloaded here, under the filters this page applies; the Export page applies its own status filter.
def _this_list(write):
    def build():
        from tracker import exports  # openpyxl loads only when someone downloads

        return write(exports)(exports.items_table(database.engine(), current, identity.current_role(), t))
    return build


def _named(extension: str) -> str:
    return reports.file_name(reports.state_name(database.engine(), t), "items", current, dt.date.today(), extension, t,
                             database.short_names())


csv_column, xlsx_column = st.columns(2)
csv_column.download_button(t.tr("Download this list as CSV"), _this_list(lambda e: e.to_csv), _named("csv"),
                           "text/csv", on_click="ignore", icon=":material/download:")
xlsx_column.download_button(t.tr("Download this list as XLSX"), _this_list(lambda e: lambda table: e.to_xlsx([table], t)),
                            _named("xlsx"),
                            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", on_click="ignore",
                            icon=":material/table:")
st.page_link("tracker/ui/pages/export.py", label=t.tr("Coverage tables, Word and Markdown: the Export page"),
             icon=":material/description:")
