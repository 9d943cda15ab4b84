"""The fixture record with Spanish translations of some of its texts, for tests of reads, exports and search in
Spanish. Some texts are left untranslated on purpose (CNDH, article 17, part IV, response A3, the REPORT document's
title), so that the English
fallback, marked as English, is tested too."""

from pathlib import Path

import yaml

SPANISH = {  # file -> record id -> Spanish texts
    "actors.yaml": {
        "INM": {"name": "Instituto Nacional de Migración", "acronym": "INM"},
        "CMW": {"name": "Comité de Protección de los Derechos de Todos los Trabajadores Migratorios y de sus Familiares",
                "acronym": "CMW"},
        "MEX": {"name": "México"},
    },
    "documents.yaml": {"QPR": {"title": "Lista de cuestiones (prueba)"}},
    "recommendations.yaml": {"Q1": {"topic": "Condiciones de DETENCIÓN en las estaciones migratorias"},
                             "R94": {"topic": "Coordinación sobre niñas, niños y mujeres migrantes"}},
    "responses.yaml": {
        "A1": {"summary": "Describe las normas de detención de la estación migratoria.",
               "rationale": "Describe las normas de detención (1-5) pero no da datos sobre resultados.",
               "confidence_reason": "El texto de la pregunta no está en el registro."},
        "A2": {"summary": "Difiere la respuesta.", "rationale": "Dice que la respuesta llegará después (6)."},
    },
}
PARTS = {"III": "Derechos humanos de todos los trabajadores migratorios y sus familiares"}
ARTICLES = {16: "Libertad y seguridad personales"}
# The texts left in English, as a Spanish reader sees them.
FALLBACK = {"CNDH": "National Human Rights Commission (en inglés)", "REPORT": "Report (test) (en inglés)"}


def _key(record: dict):
    return record.get("id", record.get("number"))


def add_spanish(record_dir: Path) -> Path:
    """Write SPANISH, PARTS and ARTICLES into the record in `record_dir` as `translations: {es: …}`."""
    for name, texts in SPANISH.items():
        path = record_dir / name
        records = yaml.safe_load(path.read_text(encoding="utf-8"))
        for record in records:
            if record["id"] in texts:
                record["translations"] = {"es": texts[record["id"]]}
        path.write_text(yaml.safe_dump(records, allow_unicode=True, sort_keys=False), encoding="utf-8")
    path = record_dir / "convention.yaml"
    convention = yaml.safe_load(path.read_text(encoding="utf-8"))
    for section, titles in (("parts", PARTS), ("articles", ARTICLES)):
        for record in convention[section]:
            if _key(record) in titles:
                record["translations"] = {"es": {"title": titles[_key(record)]}}
    path.write_text(yaml.safe_dump(convention, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return record_dir
