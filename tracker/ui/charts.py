"""Plotly figures built from coverage tables (graph_objects: cheap to build, no express overhead)."""

import pandas as pd
import plotly.graph_objects as go

from tracker.schema import STATUS_LABELS, STATUSES

# Distinguishable for the common colour-vision deficiencies; legends and hover always name the status too.
STATUS_COLOURS = {
    "addressed": "#1a9850",
    "partial": "#f4a81d",
    "deferred": "#4575b4",
    "not_addressed": "#d73027",
}
NOT_ASKED = "#c8c8c8"


def _layout(fig: go.Figure, height: int, x_title: str, y_title: str) -> go.Figure:
    fig.update_layout(barmode="stack", height=height, margin=dict(l=10, r=10, t=30, b=10),
                      legend=dict(orientation="h", yanchor="bottom", y=1.02, x=0, title=None, traceorder="normal"),
                      xaxis_title=x_title, yaxis_title=y_title, hovermode="closest")
    return fig


def _whole_numbers(fig: go.Figure, largest: int, axis: str) -> None:
    """Counts are whole numbers: tick every integer step, never 0.2."""
    step = max(1, -(-largest // 6))
    (fig.update_xaxes if axis == "x" else fig.update_yaxes)(tick0=0, dtick=step, rangemode="tozero")


def stacked_by_status(table: pd.DataFrame, horizontal: bool = False, height: int = 320,
                      names: dict | None = None) -> go.Figure:
    """One bar per row of a coverage table, stacked by status; `names` relabels the categories."""
    label = table.columns[0]
    categories = table[label].map(lambda value: (names or {}).get(value, value)).astype(str)
    fig = go.Figure()
    for status in STATUSES:
        counts = table[STATUS_LABELS[status]]
        fig.add_bar(name=STATUS_LABELS[status], marker_color=STATUS_COLOURS[status],
                    x=counts if horizontal else categories, y=categories if horizontal else counts,
                    orientation="h" if horizontal else "v",
                    hovertemplate=f"%{{{'y' if horizontal else 'x'}}}: %{{{'x' if horizontal else 'y'}}} "
                                  f"{STATUS_LABELS[status].lower()}<extra></extra>")
    fig = _layout(fig, height, "Items" if horizontal else label, label if horizontal else "Items")
    axis = fig.update_yaxes if horizontal else fig.update_xaxes
    axis(type="category", categoryorder="array", categoryarray=list(categories))
    _whole_numbers(fig, int(table["Total"].max() or 1), "x" if horizontal else "y")
    if horizontal:
        fig.update_yaxes(autorange="reversed")
    return fig


def article_strip(table: pd.DataFrame, part_of: dict[int, str]) -> go.Figure:
    """All 93 articles: stacked counts where asked about, a grey stub below the axis where never asked."""
    articles = table.iloc[:, 0].astype(int)
    fig = go.Figure()
    for status in STATUSES:
        fig.add_bar(name=STATUS_LABELS[status], marker_color=STATUS_COLOURS[status], x=articles,
                    y=table[STATUS_LABELS[status]],
                    hovertemplate=f"Article %{{x}}: %{{y}} {STATUS_LABELS[status].lower()}<extra></extra>")
    never = articles[table["Total"] == 0]
    largest = max(1, int(table["Total"].max()))
    scale = largest * 0.12
    fig.add_bar(name="Never asked about", marker_color=NOT_ASKED, x=never, y=[scale] * len(never),
                base=[-scale] * len(never), hovertemplate="Article %{x}: never asked about<extra></extra>")
    fig = _layout(fig, 300, "Article (grouped by Convention part)", "Items")
    step = max(1, -(-largest // 6))
    fig.update_yaxes(tickvals=list(range(0, largest + step, step)), range=[-scale * 1.1, largest * 1.08])
    fig.update_xaxes(tickmode="array", tickvals=[1, 7, 8, 36, 57, 64, 72, 79, 85, 93], range=[0.3, 93.7])
    starts: dict[str, int] = {}
    for number in sorted(part_of):
        starts.setdefault(part_of[number], number)
    for part, first in starts.items():
        fig.add_vline(x=first - 0.5, line_width=1, line_dash="dot", line_color="#888")
        fig.add_annotation(x=first - 0.3, y=1, yref="paper", text=part, showarrow=False, xanchor="left",
                           font=dict(size=11, color="#555"))
    return fig
