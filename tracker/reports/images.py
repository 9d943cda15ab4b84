"""The Overview's coverage charts as PNG images, drawn by plotly's static export (kaleido and Chromium)."""

import textwrap
from dataclasses import dataclass
from pathlib import Path
from tempfile import TemporaryDirectory

from sqlalchemy import Engine, select

from tracker.charts import coverage_figure
from tracker.coverage import NO_PART, coverage_table
from tracker.filters import Filters
from tracker.reports.tables import WHOLE_CONVENTION
from tracker.store.models import ConventionArticle

# (dimension, title, horizontal): the figures the Overview draws, in its order.
FIGURES = (("part", "Items per Convention part, by status", False),
           ("article", "All 93 articles: items per article, by status (grey: never asked about)", False),
           ("year", "Items per year of the request, by status", False),
           ("mechanism", "Items per issuing mechanism, by status", True),
           ("body", "Items per State body named in the replies, by status", True))
WIDTH_PX, SCALE, BAR_PX, BARS_MAX, PRINT_WRAP = 900, 2, 44, 25, 42
NO_BROWSER = ("The coverage charts are left out of this copy: drawing them needs a Chromium browser "
              "(plotly's static export through kaleido), and none was found on the machine that built it. "
              "The tables below hold the same figures.")


@dataclass(frozen=True)
class Chart:
    title: str
    png: bytes
    aspect: float  # height / width, to place the image at the text width


def chart_specs(engine: Engine, filters: Filters, actor_names: dict) -> list[tuple[str, dict]]:
    """(title, plotly spec) for each figure, from the same coverage tables the Overview charts."""
    with engine.connect() as conn:
        article_parts = dict(conn.execute(select(ConventionArticle.__table__.c.number,
                                                 ConventionArticle.__table__.c.part_id)).all())
    specs = []
    for dimension, title, horizontal in FIGURES:
        table = coverage_table(engine, filters, dimension)
        if dimension == "part":  # short tick labels, as on the Overview, and the whole-Convention term
            table = table[table["Total"] > 0].assign(**{table.columns[0]: lambda t: t.iloc[:, 0].map(
                lambda part: WHOLE_CONVENTION if part == NO_PART else f"Part {part}")})
        if int(table["Total"].sum()) == 0:
            continue
        if horizontal:  # most named first; a printed page holds the first BARS_MAX readably
            table = table.sort_values("Total", ascending=False, kind="stable").head(BARS_MAX)
            if len(table) == BARS_MAX:
                title += f" (the {BARS_MAX} named most often; the table lists all)"
        spec = coverage_figure(table, dimension, actor_names, article_parts, horizontal)
        # Print: larger type than on screen, since the image is shrunk to the text width.
        if horizontal:
            _rewrap_categories(spec, PRINT_WRAP)
            spec["layout"]["height"] = max(300, BAR_PX * len(table) + 120)
        spec["layout"].update(width=WIDTH_PX, paper_bgcolor="white", plot_bgcolor="white", font=dict(size=15))
        specs.append((title, spec))
    return specs


def _rewrap_categories(spec: dict, width: int) -> None:
    """Wrap the bar names of a horizontal chart at `width` characters: a page is wider than a phone."""
    def wrap(label: str) -> str:
        return "<br>".join(textwrap.wrap(label.replace("<br>", " "), width))

    for trace in spec["data"]:
        trace["y"] = [wrap(label) for label in trace["y"]]
    axis = spec["layout"]["yaxis"]
    axis["categoryarray"] = [wrap(label) for label in axis["categoryarray"]]


def render(specs: list[tuple[str, dict]]) -> list[Chart] | None:
    """PNG images of the specs, drawn in one browser session; None when no Chromium can be started."""
    import plotly.io as pio  # loaded on demand: it starts nothing until called

    if not specs:
        return []
    with TemporaryDirectory(prefix="tracker-charts-") as folder:
        # write_images draws every figure in one browser session; it writes to paths only.
        paths = [Path(folder) / f"{number}.png" for number in range(len(specs))]
        try:
            pio.write_images([spec for _, spec in specs], paths, format="png", scale=SCALE, width=WIDTH_PX,
                             height=[spec["layout"]["height"] for _, spec in specs])
        except (RuntimeError, OSError):  # choreographer's ChromeNotFoundError and BrowserFailedError
            return None
        return [Chart(title, path.read_bytes(), spec["layout"]["height"] / WIDTH_PX)
                for (title, spec), path in zip(specs, paths)]
