"""Plotly figure specs (plain dicts) from coverage tables: st.plotly_chart validates them once, in milliseconds.

A coverage table's columns are, in order: the category, one count per status (in STATUSES order), the total.
They are read by position, so a table with translated headings draws the same. Every bar carries the key of its
category first in `customdata`, so that a click on it can say which part, article, year or actor it was.
"""

import html
import textwrap

import pandas as pd

from tracker.i18n import N_, Translator, translator
from tracker.schema import STATUS_LABELS, STATUSES

# Distinguishable for the common colour-vision deficiencies; legends and hover always name the status too.
STATUS_COLOURS = {
    "addressed": "#1a9850",
    "partial": "#f4a81d",
    "deferred": "#4575b4",
    "not_addressed": "#d73027",
}
NOT_ASKED = "#c8c8c8"
ENGLISH = translator("en")
WRAP = 22  # characters per line of a bar's name: long names wrap so that bars keep their width on a phone
BAR_LINES = 3  # lines of a horizontal bar's name at most; hover names it in full
# The term for items that concern the Convention as a whole, or no single part (coverage.NO_PART).
WHOLE_CONVENTION = N_("Convention as a whole")
# Plotly's mode bar (zoom, pan, download) is clutter on a bar chart a reader only hovers and clicks.
CONFIG = {"displayModeBar": False}


# Margins are set here, not found by plotly's automargin, which draws every chart a second time to fit its tick
# labels and axis titles (about half of plotly's time on an Overview rerun). In pixels, at the 12 px tick font:
CHARACTER = 7  # the width of a tick label's character, a little wide so that none is cut
LINE = 13  # the height of a line of tick label
TITLED = 52  # an axis title, its distance from the tick labels, and the tick marks


def _layout(height: int, x_title: str, y_title: str, left: int, bottom: int, **extra) -> dict:
    return dict(barmode="stack", height=height, margin=dict(l=left, r=10, t=30, b=bottom), hovermode="closest",
                legend=dict(orientation="h", yanchor="bottom", y=1.02, x=0, traceorder="normal"),
                clickmode="event+select", dragmode=False,
                xaxis=dict(title=dict(text=x_title), automargin=False),
                yaxis=dict(title=dict(text=y_title), automargin=False), **extra)


def _count_width(largest: int, step: int) -> int:
    """The width of the longest count tick label: plotly writes 25000 as "25k" and 51532 as "51.532k"."""
    top = step * -(-largest // step)
    return CHARACTER * (len(str(top)) + (2 if top >= 10_000 else 0))


def _lines(labels: list[str]) -> list[str]:
    """The lines of wrapped labels (at least one, empty, for no label)."""
    return [line for label in labels for line in label.split("<br>")] or [""]


def _counts(table: pd.DataFrame, status: str) -> list[int]:
    return table.iloc[:, 1 + STATUSES.index(status)].astype(int).tolist()


def _totals(table: pd.DataFrame) -> pd.Series:
    return table.iloc[:, -1].astype(int)


def _largest(table: pd.DataFrame) -> int:
    """The largest row total; 0 for a table with no rows (whose max() is NaN)."""
    return int(_totals(table).max()) if len(table) else 0


def _count_axis(largest: int) -> dict:
    """Counts are whole numbers: tick every integer step, never 0.2."""
    return dict(tick0=0, dtick=max(1, -(-largest // 6)), rangemode="tozero")


def _shown(text) -> str:
    """Curated text as plotly shows it: plotly reads <a>, <b> and other tags in labels, so they are escaped."""
    return html.escape(str(text), quote=False)


def _wrapped(text: str, width: int = WRAP, most: int | None = None) -> str:
    """The text in lines of `width` characters, at most `most` of them (the last cut with "…"; hover names it in
    full)."""
    lines = textwrap.wrap(str(text), width, max_lines=most, placeholder=" …")  # no limit when `most` is None
    return "<br>".join(_shown(line) for line in lines) or _shown(text)


def _bar(status: str, t: Translator, x, y, horizontal: bool, hover: str, keys: list, names: list[str]) -> dict:
    return dict(type="bar", name=t.tr(STATUS_LABELS[status]), marker=dict(color=STATUS_COLOURS[status]),
                x=list(x), y=list(y), orientation="h" if horizontal else "v", hovertemplate=hover,
                customdata=[[key, name] for key, name in zip(keys, names)])


def stacked_by_status(table: pd.DataFrame, horizontal: bool = False, height: int = 320,
                      names: dict | None = None, t: Translator = ENGLISH, title: str | None = None,
                      ticks: dict | None = None) -> dict:
    """One bar per row of a coverage table, stacked by status; `names` relabels the categories.

    `title` names the category axis (the table's first heading by default); `ticks` gives shorter axis labels
    than `names`, which hover still shows."""
    keys = table.iloc[:, 0].tolist()
    full = [str((names or {}).get(key, key)) for key in keys]
    categories = [_wrapped(str((ticks or {}).get(key, name)), most=BAR_LINES if horizontal else None)
                  for key, name in zip(keys, full)]
    category, count = ("y", "x") if horizontal else ("x", "y")
    traces = []
    for status in STATUSES:
        counts = _counts(table, status)
        hover = f"<b>%{{customdata[1]}}</b><br>{_shown(t.tr(STATUS_LABELS[status]))}: %{{{count}}}<extra></extra>"
        traces.append(_bar(status, t, counts if horizontal else categories, categories if horizontal else counts,
                           horizontal, hover, keys, [_shown(name) for name in full]))
    label = title or str(table.columns[0])
    items = t.tr("Items")
    largest = max(1, _largest(table))
    counts_width = _count_width(largest, _count_axis(largest)["dtick"])
    if horizontal:  # the names need the width more than an axis title repeating the chart's heading does
        left = 16 + CHARACTER * max(len(html.unescape(line)) for line in _lines(categories))
        layout = _layout(height, items, "", left=left, bottom=TITLED + LINE)
    else:
        lines = max((name.count("<br>") + 1 for name in categories), default=1)
        layout = _layout(height, label, items, left=TITLED + counts_width, bottom=TITLED + LINE * lines)
    layout[f"{category}axis"].update(type="category", categoryorder="array", categoryarray=categories,
                                     **({"autorange": "reversed"} if horizontal else {}))
    layout[f"{count}axis"].update(_count_axis(largest))
    return dict(data=traces, layout=layout)


def article_strip(table: pd.DataFrame, part_of: dict[int, str], t: Translator = ENGLISH,
                  titles: dict[int, str] | None = None) -> dict:
    """All 93 articles: stacked counts where asked about, a grey stub below the axis where never asked.

    Hover names each article with its title and part; a tick every fifth article finds one on the axis."""
    articles = table.iloc[:, 0].astype(int).tolist()
    names = [_shown(t.tr("Article {number}: {title}", number=n, title=(titles or {}).get(n, ""))
                    if (titles or {}).get(n) else t.tr("Article {number}", number=n)) for n in articles]
    parts = [_shown(t.tr("Part {part}", part=part_of.get(n, "?"))) for n in articles]
    traces = []
    for status in STATUSES:
        hover = (f"<b>%{{customdata[1]}}</b><br>%{{customdata[2]}}<br>{_shown(t.tr(STATUS_LABELS[status]))}: "
                 f"%{{y}}<extra></extra>")
        trace = _bar(status, t, articles, _counts(table, status), False, hover, articles, names)
        trace["customdata"] = [[n, name, part] for n, name, part in zip(articles, names, parts)]
        traces.append(trace)
    never = [position for position, total in enumerate(_totals(table)) if total == 0]
    largest = max(1, _largest(table))
    stub = largest * 0.12
    never_label = _shown(t.tr("Never asked about"))
    traces.append(dict(type="bar", name=t.tr("Never asked about"), marker=dict(color=NOT_ASKED),
                       x=[articles[p] for p in never], y=[stub] * len(never), base=[-stub] * len(never),
                       customdata=[[articles[p], names[p], parts[p]] for p in never],
                       hovertemplate=f"<b>%{{customdata[1]}}</b><br>%{{customdata[2]}}<br>{never_label}"
                                     "<extra></extra>"))
    starts: dict[str, int] = {}
    for number in sorted(part_of):
        starts.setdefault(part_of[number], number)
    step = max(1, -(-largest // 6))
    layout = _layout(
        300, t.tr("Article (grouped by Convention part)"), t.tr("Items"),
        left=TITLED + _count_width(largest, step), bottom=TITLED + LINE,
        shapes=[dict(type="line", x0=first - 0.5, x1=first - 0.5, y0=0, y1=1, yref="paper",
                     line=dict(width=1, dash="dot", color="#888")) for first in starts.values()],
        annotations=[dict(x=first - 0.3, y=1, yref="paper", text=_shown(part), showarrow=False, xanchor="left",
                          font=dict(size=11, color="#555")) for part, first in starts.items()])
    layout["xaxis"].update(tickmode="linear", tick0=0, dtick=5, range=[0.3, 93.7],
                           minor=dict(tickmode="linear", tick0=0, dtick=1, ticks="outside", ticklen=3))
    layout["yaxis"].update(tickvals=list(range(0, largest + step, step)), range=[-stub * 1.1, largest * 1.08])
    return dict(data=traces, layout=layout)


def coverage_figure(table: pd.DataFrame, dimension: str, actor_names: dict, article_parts: dict[int, str],
                    horizontal: bool = False, *, t: Translator = ENGLISH, article_titles: dict | None = None,
                    part_names: dict | None = None, ticks: dict | None = None, title: str | None = None) -> dict:
    """The Overview's chart of one coverage table: the article strip, or bars stacked by status.

    Actor charts are sorted by count, most first. `part_names` relabels parts (the page passes "Part III" and
    the whole-Convention term, with short `ticks`); the Word report passes tables already labelled."""
    if dimension == "article":
        return article_strip(table, article_parts, t, article_titles)
    names = actor_names if dimension in ("mechanism", "body") else part_names if dimension == "part" else None
    if dimension in ("mechanism", "body"):
        table = table.assign(_total=_totals(table)).sort_values("_total", ascending=False, kind="stable")
        table = table.drop(columns="_total")
    # Plotly gives every bar the same band, so each band is as tall as the longest wrapped name needs.
    lines = max((min(BAR_LINES, len(textwrap.wrap(str((names or {}).get(key, key)), WRAP)) or 1)
                 for key in table.iloc[:, 0]), default=1)
    height = max(260, len(table) * (20 * lines + 16) + 170) if horizontal else 320
    return stacked_by_status(table, horizontal=horizontal, height=height, names=names, t=t, title=title, ticks=ticks)
