"""Plotly figure specs (plain dicts) from coverage tables: st.plotly_chart validates them once, in milliseconds."""

import html
import textwrap

import pandas as pd

from tracker.schema import STATUS_LABELS, STATUSES

# Distinguishable for the common colour-vision deficiencies; legends and hover always name the status too.
STATUS_COLOURS = {
    "addressed": "#1a9850",
    "partial": "#f4a81d",
    "deferred": "#4575b4",
    "not_addressed": "#d73027",
}
NOT_ASKED = "#c8c8c8"


def _layout(height: int, x_title: str, y_title: str, **extra) -> dict:
    return dict(barmode="stack", height=height, margin=dict(l=10, r=10, t=30, b=10), hovermode="closest",
                legend=dict(orientation="h", yanchor="bottom", y=1.02, x=0, traceorder="normal"),
                xaxis=dict(title=dict(text=x_title)), yaxis=dict(title=dict(text=y_title)), **extra)


def _largest(table: pd.DataFrame) -> int:
    """The largest row total; 0 for a table with no rows (whose max() is NaN)."""
    return int(table["Total"].max()) if len(table) else 0


def _count_axis(largest: int) -> dict:
    """Counts are whole numbers: tick every integer step, never 0.2."""
    return dict(tick0=0, dtick=max(1, -(-largest // 6)), rangemode="tozero")


def _bar(status: str, x, y, horizontal: bool, hover: str) -> dict:
    return dict(type="bar", name=STATUS_LABELS[status], marker=dict(color=STATUS_COLOURS[status]),
                x=list(x), y=list(y), orientation="h" if horizontal else "v", hovertemplate=hover)


def stacked_by_status(table: pd.DataFrame, horizontal: bool = False, height: int = 320,
                      names: dict | None = None) -> dict:
    """One bar per row of a coverage table, stacked by status; `names` relabels the categories."""
    label = table.columns[0]
    # Long names wrap onto short lines so that the bars keep their width on a narrow screen.
    # Plotly reads <a>, <b> and other tags in labels; curated names are escaped to show as written.
    categories = ["<br>".join(html.escape(line, quote=False) for line in textwrap.wrap(
        str((names or {}).get(value, value)), 22)) for value in table[label]]
    category, count = ("y", "x") if horizontal else ("x", "y")
    traces = []
    for status in STATUSES:
        counts = table[STATUS_LABELS[status]].tolist()
        hover = f"%{{{category}}}: %{{{count}}} {STATUS_LABELS[status].lower()}<extra></extra>"
        traces.append(_bar(status, counts if horizontal else categories, categories if horizontal else counts,
                           horizontal, hover))
    layout = _layout(height, "Items" if horizontal else label, label if horizontal else "Items")
    layout[f"{category}axis"].update(type="category", categoryorder="array", categoryarray=categories,
                                     **({"autorange": "reversed"} if horizontal else {}))
    layout[f"{count}axis"].update(_count_axis(max(1, _largest(table))))
    return dict(data=traces, layout=layout)


def article_strip(table: pd.DataFrame, part_of: dict[int, str]) -> dict:
    """All 93 articles: stacked counts where asked about, a grey stub below the axis where never asked."""
    articles = table.iloc[:, 0].astype(int).tolist()
    traces = [_bar(status, articles, table[STATUS_LABELS[status]], False,
                   f"Article %{{x}}: %{{y}} {STATUS_LABELS[status].lower()}<extra></extra>") for status in STATUSES]
    never = [a for a, total in zip(articles, table["Total"]) if total == 0]
    largest = max(1, _largest(table))
    stub = largest * 0.12
    traces.append(dict(type="bar", name="Never asked about", marker=dict(color=NOT_ASKED), x=never,
                       y=[stub] * len(never), base=[-stub] * len(never),
                       hovertemplate="Article %{x}: never asked about<extra></extra>"))
    starts: dict[str, int] = {}
    for number in sorted(part_of):
        starts.setdefault(part_of[number], number)
    step = max(1, -(-largest // 6))
    layout = _layout(
        300, "Article (grouped by Convention part)", "Items",
        shapes=[dict(type="line", x0=first - 0.5, x1=first - 0.5, y0=0, y1=1, yref="paper",
                     line=dict(width=1, dash="dot", color="#888")) for first in starts.values()],
        annotations=[dict(x=first - 0.3, y=1, yref="paper", text=part, showarrow=False, xanchor="left",
                          font=dict(size=11, color="#555")) for part, first in starts.items()])
    layout["xaxis"].update(tickmode="array", tickvals=[1, 7, 8, 36, 57, 64, 72, 79, 85, 93], range=[0.3, 93.7])
    layout["yaxis"].update(tickvals=list(range(0, largest + step, step)), range=[-stub * 1.1, largest * 1.08])
    return dict(data=traces, layout=layout)


def coverage_figure(table: pd.DataFrame, dimension: str, actor_names: dict, article_parts: dict[int, str],
                    horizontal: bool = False) -> dict:
    """The Overview's chart of one coverage table: the article strip, or bars stacked by status."""
    if dimension == "article":
        return article_strip(table, article_parts)
    names = actor_names if dimension in ("mechanism", "body") else None
    height = max(260, 28 * len(table) + 90) if horizontal else 320
    return stacked_by_status(table, horizontal=horizontal, height=height, names=names)
