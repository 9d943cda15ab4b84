"""The actor chart's bars: long names are cut to a few lines (hover and print name them in full), and every band
is tall enough for the longest, so that no name runs into its neighbour's."""

import pandas as pd

from tracker.charts import BAR_LINES, WRAP, coverage_figure
from tracker.reports.images import _rewrap_categories

LONG = ("Comisión Intersecretarial para Prevenir, Sancionar y Erradicar los Delitos en Materia de Trata de Personas y "
        "para la Protección y Asistencia a las Víctimas de estos Delitos")
NAMES = {"CITI": LONG, "INM": "Instituto Nacional de Migración (INM)", "SRE": "SRE"}


def figure():
    table = pd.DataFrame({"State body": ["CITI", "INM", "SRE"], "Addressed": [1, 2, 0], "Partial": [0, 1, 1],
                          "Deferred": [0, 0, 0], "Not addressed": [0, 0, 1], "Total": [1, 3, 2]})
    return coverage_figure(table, "body", NAMES, {}, horizontal=True)


def test_long_names_are_cut_and_every_band_fits_the_longest():
    spec = figure()
    labels = spec["layout"]["yaxis"]["categoryarray"]
    assert [label.count("<br>") + 1 for label in labels] == [2, 1, BAR_LINES]  # INM (3 items), SRE (2), CITI (1)
    assert all(len(line) <= WRAP + 2 for label in labels for line in label.split("<br>"))


def test_sorted_by_count_with_the_cut_name_last_line_marked():
    spec = figure()
    labels = spec["layout"]["yaxis"]["categoryarray"]
    cut = next(label for label in labels if label.startswith("Comisión"))
    assert cut.count("<br>") + 1 == BAR_LINES and cut.endswith("…")
    assert spec["layout"]["height"] >= 3 * (20 * BAR_LINES + 16)
    assert [key for key, _ in spec["data"][0]["customdata"]][0] == "INM"


def test_hover_and_print_name_it_in_full():
    spec = figure()
    assert LONG in [name for _, name in spec["data"][0]["customdata"]]
    _rewrap_categories(spec, 42)
    printed = next(label for label in spec["data"][0]["y"] if label.startswith("Comisión"))
    assert printed.replace("<br>", " ") == LONG
    assert spec["layout"]["yaxis"]["categoryarray"] == spec["data"][0]["y"]
