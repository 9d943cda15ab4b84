"""The Overview's coverage charts as PNG images, drawn by plotly's static export (kaleido and Chromium)."""

import textwrap
from dataclasses import dataclass
from pathlib import Path
from tempfile import TemporaryDirectory

from sqlalchemy import Engine, select

from tracker.charts import coverage_figure
from tracker.coverage import ENGLISH, NO_PART, TOTAL, coverage_table
from tracker.filters import Filters
from tracker.i18n import N_, Translator
from tracker.reports.tables import WHOLE_CONVENTION
from tracker.store.models import ConventionArticle

# (dimension, title, horizontal): the figures the Overview draws, in its order.
FIGURES = (("part", N_("Items per Convention part, by status"), False),
           ("article", N_("All 93 articles: items per article, by status (grey: never asked about)"), False),
           ("year", N_("Items per year of the request, by status"), False),
           ("mechanism", N_("Items per issuing mechanism, by status"), True),
           ("body", N_("Items per State body named in the replies, by status"), True))
WIDTH_PX, SCALE, BAR_PX, BARS_MAX, PRINT_WRAP = 900, 2, 44, 25, 42
NO_BROWSER = N_("The coverage charts are left out of this copy: drawing them needs a Chromium browser "
                "(plotly's static export through kaleido), and on the machine that built it none was found or it "
                "failed. The tables below hold the same figures.")
DRAW_ATTEMPTS = 2


@dataclass(frozen=True)
class Chart:
    title: str
    png: bytes
    aspect: float  # height / width, to place the image at the text width


def chart_specs(engine: Engine, filters: Filters, actor_names: dict, t: Translator = ENGLISH) -> list[tuple[str, dict]]:
    """(title, plotly spec) for each figure, from the same coverage tables the Overview charts.

    The titles and category names are in `t`'s language. Seam: tracker.charts is being reworked to take a
    Translator (legend, axes, hover); until it does, the tables it draws keep their English headers.
    """
    with engine.connect() as conn:
        article_parts = dict(conn.execute(select(ConventionArticle.__table__.c.number,
                                                 ConventionArticle.__table__.c.part_id)).all())
    specs = []
    total = ENGLISH.tr(TOTAL)
    for dimension, figure_title, horizontal in FIGURES:
        title = t.tr(figure_title)
        table = coverage_table(engine, filters, dimension)
        if dimension == "part":  # short tick labels, as on the Overview, and the whole-Convention term
            table = table[table[total] > 0].assign(**{table.columns[0]: lambda frame: frame.iloc[:, 0].map(
                lambda part: t.tr(WHOLE_CONVENTION) if part == NO_PART else t.tr("Part {part}", part=part))})
        if int(table[total].sum()) == 0:
            continue
        if horizontal:  # most named first; a printed page holds the first BARS_MAX readably
            table = table.sort_values(total, ascending=False, kind="stable").head(BARS_MAX)
            if len(table) == BARS_MAX:
                title = t.tr("{title} (the {count} named most often; the table lists all)", title=title,
                             count=BARS_MAX)
        spec = coverage_figure(table, dimension, actor_names, article_parts, horizontal)
        # Print: larger type than on screen, since the image is shrunk to the text width.
        if horizontal:
            _rewrap_categories(spec, PRINT_WRAP)
            spec["layout"]["height"] = max(300, BAR_PX * len(table) + 120)
        spec["layout"].update(width=WIDTH_PX, paper_bgcolor="white", plot_bgcolor="white", font=dict(size=15))
        specs.append((title, spec))
    return specs


def _rewrap_categories(spec: dict, width: int) -> None:
    """Wrap the bar names of a horizontal chart at `width` characters, in full: a page is wider than a phone, and
    has no hover to name a cut one (each bar's customdata holds its key and full name, escaped)."""
    for trace in spec["data"]:
        trace["y"] = ["<br>".join(textwrap.wrap(name, width)) or name for _, name in trace["customdata"]]
    spec["layout"]["yaxis"]["categoryarray"] = spec["data"][0]["y"]


def render(specs: list[tuple[str, dict]]) -> list[Chart] | None:
    """PNG images of the specs, drawn in one browser session; None when no Chromium can be started."""
    import plotly.io as pio  # loaded on demand: it starts nothing until called

    if not specs:
        return []
    with TemporaryDirectory(prefix="tracker-charts-") as folder:
        # write_images draws every figure in one browser session; it writes to paths only.
        paths = [Path(folder) / f"{number}.png" for number in range(len(specs))]
        # A browser under load sometimes returns without writing every image: try once more, then leave them out.
        for _ in range(DRAW_ATTEMPTS):
            try:
                pio.write_images([spec for _, spec in specs], paths, format="png", scale=SCALE, width=WIDTH_PX,
                                 height=[spec["layout"]["height"] for _, spec in specs])
            except (RuntimeError, OSError):  # choreographer's ChromeNotFoundError and BrowserFailedError
                return None
            if all(path.is_file() for path in paths):
                return [Chart(title, path.read_bytes(), spec["layout"]["height"] / WIDTH_PX)
                        for (title, spec), path in zip(specs, paths)]
        return None
