"""Every export in Spanish (and, where it is about the translator, in the pseudo language): sheet names within
Excel's 31 characters, headers, legend, record texts and accents as written, formulas still neutralised, the Word
report's and briefing's words and document language, file names. Read back with openpyxl and python-docx."""

import shutil
from datetime import date
from io import BytesIO

import docx
import openpyxl
import pytest
import yaml

from tests.conftest import DB_KINDS, FIXTURE_RECORD, engine_on
from tests.spanish_record import FALLBACK, SPANISH, add_spanish
from tracker import exports, reports
from tracker.filters import Filters
from tracker.i18n import PSEUDO, translator
from tracker.reports.xlsx import HEADER_ROW, SHEET_NAME_MAX
from tracker.schema import OPEN_STATUSES

ES, EN, QPS = translator("es"), translator("en"), translator(PSEUDO)
DAY = date(2026, 12, 1)
HOSTILE_TOPIC = '=HYPERLINK("http://x","detención")'
# The files with several sheets each page offers, by what they hold.
WORKBOOKS = {
    "report tables": lambda engine, f, t: reports.report_tables(engine, f, t=t),
    "open items list": lambda engine, f, t: [exports.items_table(engine, f, t=t)],
    "coverage tables": lambda engine, f, t: exports.coverage_tables(engine, f, t),
}
FILTERS = {"all": Filters(), "open, part III": Filters(statuses=OPEN_STATUSES, parts=("III",)),
           "everything set": Filters(statuses=("partial",), parts=("III", "IV"), articles=(16, 17),
                                     mechanisms=("CMW",), bodies=("INM",), confidences=("medium",),
                                     year_from=2010, year_to=2020, text="detención")}


@pytest.fixture(scope="module", params=DB_KINDS)
def engine(request, tmp_path_factory):
    folder = tmp_path_factory.mktemp("spanish-exports")
    shutil.copytree(FIXTURE_RECORD, folder / "record")
    record = add_spanish(folder / "record")
    path = record / "recommendations.yaml"  # a Spanish text a spreadsheet would run as a formula
    items = yaml.safe_load(path.read_text(encoding="utf-8"))
    next(r for r in items if r["id"] == "R94")["translations"]["es"]["topic"] = HOSTILE_TOPIC
    path.write_text(yaml.safe_dump(items, allow_unicode=True, sort_keys=False), encoding="utf-8")
    with engine_on(request.param, folder, request, record) as engine:
        yield engine


def book(tables, t):
    return openpyxl.load_workbook(BytesIO(reports.workbook(tables, t)))


@pytest.mark.parametrize("language", ["en", "es", PSEUDO])
@pytest.mark.parametrize("filters", list(FILTERS.values()), ids=list(FILTERS))
@pytest.mark.parametrize("content", list(WORKBOOKS))
def test_every_sheet_name_fits_and_contents_lists_it(engine, content, filters, language):
    t = translator(language)
    tables = WORKBOOKS[content](engine, filters, t)
    workbook = book(tables, t)
    names = workbook.sheetnames
    assert all(0 < len(name) <= SHEET_NAME_MAX for name in names), names
    assert len({name.lower() for name in names}) == len(names)
    contents = [[cell.value for cell in row] for row in workbook[names[0]].iter_rows()]
    assert names[0] == t.tr("Contents") and contents[0] == [t.tr("Sheet"), t.tr("Table"), t.tr("Rows")]
    assert [row[0] for row in contents[1:]] == names[1:]
    assert [row[1:] for row in contents[1:]] == [[table.title, len(table.frame)] for table in tables]


def test_spanish_workbook_words_and_accents(engine):
    workbook = book(reports.report_tables(engine, Filters(), t=ES), ES)
    assert workbook.sheetnames == ["Contenido", "Leyenda", "Por parte de la Convención", "Por artículo", "Por año",
                                   "Por mecanismo emisor", "Por dependencia del Estado", "Asuntos"]
    legend = {row[0].value: row[1].value for row in workbook["Leyenda"].iter_rows(min_row=HEADER_ROW + 1)}
    assert set(legend) == {"Atendido", "Atendido parcialmente", "Diferido", "No atendido",
                           "La Convención en su conjunto (ninguna parte en particular)"}
    items = workbook["Asuntos"]
    headers = [cell.value for cell in items[HEADER_ROW]]
    assert headers[:4] == ["Cita", "Estado", "Tema", "Emitido por"] and "Justificación" in headers
    rows = {row[-1]: row for row in items.iter_rows(min_row=HEADER_ROW + 1, values_only=True)}
    assert rows["Q1"][2] == SPANISH["recommendations.yaml"]["Q1"]["topic"]
    assert rows["Q1"][1] == "Atendido parcialmente"
    assert "Instituto Nacional de Migración (INM)" in rows["Q1"][headers.index("Dependencias")]
    assert FALLBACK["CNDH"] in rows["Q1"][headers.index("Dependencias")]
    bodies = [row[0].value for row in workbook["Por dependencia del Estado"].iter_rows(min_row=HEADER_ROW + 1)]
    assert "Instituto Nacional de Migración (INM)" in bodies and "INM" not in bodies


def test_figures_are_the_same_in_both_languages(engine):
    """Only the words change: every count of every table is the English one."""
    for filters in FILTERS.values():
        english, spanish = reports.report_tables(engine, filters, t=EN), reports.report_tables(engine, filters, t=ES)
        for en_table, es_table in zip(english, spanish):
            numbers = [name for name in en_table.frame.columns if en_table.frame[name].dtype.kind == "i"]
            assert es_table.frame.shape == en_table.frame.shape
            assert (es_table.frame.select_dtypes("int64").to_numpy() == en_table.frame[numbers].to_numpy()).all()


def test_a_spanish_formula_stays_text(engine):
    workbook = book([exports.items_table(engine, Filters(), t=ES)], ES)
    sheet = workbook[workbook.sheetnames[1]]
    cell = next(c for row in sheet.iter_rows(min_row=HEADER_ROW + 1) for c in row if c.value == HOSTILE_TOPIC)
    assert cell.data_type == "s" and cell.quotePrefix
    csv = exports.to_csv(exports.items_table(engine, Filters(), t=ES)).decode("utf-8-sig")
    assert "'" + HOSTILE_TOPIC.replace('"', '""') in csv and "Migración" in csv


def test_csv_and_markdown_keep_accents(engine):
    table = exports.coverage_tables(engine, Filters(), ES)[4]
    csv = exports.to_csv(table)
    assert csv.startswith(b"\xef\xbb\xbf") and "Dependencia del Estado mencionada en las respuestas".encode() in csv
    markdown = exports.to_markdown(reports.report_tables(engine, Filters(), t=ES)).decode("utf-8")
    assert "## Cobertura por año" in markdown and "| Instituto Nacional de Migración (INM) |" in markdown


def test_pseudo_language_reaches_every_word_of_the_workbook(engine):
    """Every title, note, header, sheet name and legend term passes through the translator."""
    tables = reports.report_tables(engine, Filters(statuses=("partial",)), t=QPS)
    workbook = book(tables, QPS)
    for name in workbook.sheetnames:
        sheet = workbook[name]
        assert name.startswith("⟦"), name
        if name == workbook.sheetnames[0]:
            assert all(cell.value.startswith("⟦") for cell in sheet[1])
            continue
        assert sheet.cell(1, 1).value.startswith("⟦")  # the title
        assert sheet.cell(2, 1).value.startswith("⟦")  # the note
        headers = [cell.value for cell in sheet[HEADER_ROW]]
        # Numbered headers (article, year) are values, not words.
        assert all(h.startswith("⟦") for h in headers), headers
    legend = workbook[workbook.sheetnames[1]]
    assert all(row[0].value.startswith("⟦") and row[1].value.startswith("⟦")
               for row in legend.iter_rows(min_row=HEADER_ROW + 1))


def _paragraphs(data: bytes):
    document = docx.Document(BytesIO(data))
    return document, [p.text for p in document.paragraphs]


def test_spanish_word_report(engine):
    document, paragraphs = _paragraphs(reports.word_report(engine, Filters(statuses=OPEN_STATUSES), "CNDH",
                                                           charts=False, today=DAY, t=ES))
    title = "México: respuestas a los mecanismos de la ONU sobre los derechos de los trabajadores migratorios"
    assert paragraphs[0] == title
    # the documents covered, their titles in Spanish, or in English marked as such
    assert {"CMW/C/TST/QPR/1, Lista de cuestiones (prueba)", f"CMW/C/TST/1, {FALLBACK['REPORT']}"} <= set(paragraphs)
    assert (document.core_properties.title, document.core_properties.language) == (title, "es-MX")
    scope = next(p for p in paragraphs if p.startswith("Elaborado el"))
    assert scope.startswith("Elaborado el 1 de diciembre de 2026 por CNDH. Asuntos cuyo estado actual es "
                            "Atendido parcialmente, Diferido o No atendido.")
    assert "3 asuntos: Atendido: 0; Atendido parcialmente: 1; Diferido: 1; No atendido: 1. Siguen pendientes: 3" in scope
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings[:2] == ["Leyenda", "Método"] and "Cobertura por dependencia del Estado mencionada en las respuestas" in headings
    legend = document.tables[0]
    assert [c.text for c in legend.rows[0].cells] == ["Término", "Significado"]
    assert legend.rows[1].cells[0].text == "Atendido"
    items = document.tables[-1]
    assert [c.text for c in items.rows[0].cells][:4] == ["Cita", "Tema", "Estado", "Justificación"]
    assert any("(confianza: media. El texto de la pregunta no está en el registro.)" in c.text
               for row in items.rows for c in row.cells)
    normal = document.styles["Normal"].element.rPr.xml
    assert 'w:val="es-MX"' in normal


def test_english_word_report_says_english(engine):
    document, _ = _paragraphs(reports.word_report(engine, Filters(), "NHRI", charts=False, today=DAY, t=EN))
    assert document.core_properties.language == "en-GB"
    assert document.paragraphs[0].text.startswith("Mexico: replies")


def test_spanish_briefing(engine):
    document, paragraphs = _paragraphs(reports.briefing(engine, Filters(statuses=OPEN_STATUSES), "CNDH", None,
                                                        today=DAY, t=ES))
    assert paragraphs[0] == "México: nota informativa sobre 3 asuntos"
    assert document.core_properties.language == "es-MX"
    assert SPANISH["recommendations.yaml"]["Q1"]["topic"] in paragraphs
    assert SPANISH["responses.yaml"]["A1"]["summary"] in paragraphs
    assert any(p.startswith("Estado: Atendido parcialmente") and "Emitido por Comité de Protección" in p
               for p in paragraphs)
    assert any(p.startswith("Por qué atendido parcialmente: " + SPANISH["responses.yaml"]["A1"]["rationale"])
               for p in paragraphs)
    assert f"Dependencias mencionadas: Instituto Nacional de Migración (INM); {FALLBACK['CNDH']}" in paragraphs
    assert "Historial" in paragraphs and any("el registro de la curaduría: Diferido." in p for p in paragraphs)


@pytest.mark.parametrize("content, filters, language, name", [
    ("items", Filters(statuses=OPEN_STATUSES, parts=("III",)), "es", "mexico-asuntos-pendientes-parte-III-2026-12-01.xlsx"),
    ("items", Filters(statuses=OPEN_STATUSES, parts=("III",)), "en", "mexico-open-items-part-III-2026-12-01.xlsx"),
    ("report", Filters(statuses=("partial",), parts=("III", "IV")), "es",
     "mexico-informe-atendido-parcialmente-partes-III-IV-2026-12-01.docx"),
    ("briefing", Filters(text="detención"), "es", "mexico-nota-informativa-busqueda-2026-12-01.docx"),
    ("Cobertura por año", Filters(articles=(16,)), "es", "mexico-cobertura-por-ano-art-16-2026-12-01.csv"),
], ids=["open-items-es", "open-items-en", "report-es", "briefing-es", "table-es"])
def test_file_names_in_the_language_and_ascii(content, filters, language, name):
    t = translator(language)
    extension = name.rsplit(".", 1)[1]
    made = reports.file_name("México", content, filters, DAY, extension, t)
    assert made == name and made.isascii()


def test_table_slug_is_ascii():
    assert exports.slug("Cobertura por órgano del Estado") == "cobertura-por-organo-del-estado"


@pytest.mark.parametrize("build", [
    lambda engine: reports.word_report(engine, Filters(), "Author", charts=False, today=DAY, t=QPS),
    lambda engine: reports.briefing(engine, Filters(), "Author", None, today=DAY, t=QPS),
], ids=["word-report", "briefing"])
def test_pseudo_language_reaches_every_paragraph_of_the_word_files(engine, build):
    """Every paragraph and table header passes through the translator (record texts come marked, as English),
    except a document's symbol as the UN issued it, before its title or in a citation."""
    documents = yaml.safe_load((FIXTURE_RECORD / "documents.yaml").read_text(encoding="utf-8"))
    symbols = tuple(f"{d['symbol']}{after}" for d in documents if d.get("symbol") for after in (" ¶ ", ", ⟦"))
    document = docx.Document(BytesIO(build(engine)))
    untranslated = [p.text for p in document.paragraphs if p.text.strip() and not p.text.startswith("⟦")
                    and not p.text.startswith(symbols)]
    assert untranslated == []
    headers = [cell.text for table in document.tables for cell in table.rows[0].cells]
    assert all(h.startswith("⟦") for h in headers)


def test_file_names_name_bodies_by_acronym(engine):
    from tracker.store.queries import actor_short_names

    short = actor_short_names(engine, "es")
    assert short["INM"] == "INM" and short["CNDH"] == "CNDH"  # no acronym in the record: the id
    made = reports.file_name("México", "report", Filters(bodies=("INM",), mechanisms=("CMW",)), DAY, "docx", ES,
                             {**short, "INM": "INM-ES"})
    assert made == "mexico-informe-cmw-inm-es-2026-12-01.docx"


def test_the_default_author_is_the_trackers_name_in_spanish(engine):
    """No author set: the report and the briefing name the tracker, in the reader's language; one set is kept."""
    from tracker.settings import DEFAULT_REPORT_AUTHOR

    for build in (reports.word_report, lambda e, f, a, **kw: reports.briefing(e, f, a, None, **kw)):
        document = docx.Document(BytesIO(build(engine, Filters(), DEFAULT_REPORT_AUTHOR, today=DAY, t=ES)))
        assert document.core_properties.author == "Seguimiento del cumplimiento de la Convención"
        assert any("por Seguimiento del cumplimiento de la Convención" in p.text for p in document.paragraphs)
        assert not any(DEFAULT_REPORT_AUTHOR in p.text for p in document.paragraphs)
