"""A synthetic export shaped like OHCHR's UHRI full JSON export (one array of flat records with the 18 keys
of ../shared/notes/uhri-export-format.md), at its real scale, for the import benchmark. Made up: no real
record is copied. The same seed always writes the same file.

    .venv/bin/python bench/uhri_export.py var/bench/uhri-270k.json --records 270000
"""

import argparse
import json
import random
import uuid
from pathlib import Path

# Shares as a public overview of the export counts them: 4,501 "- CMW", 74 long-form, 792 "- SR Migrants",
# about 2,400 Mexico records in 270,000.
BODIES = [("- CMW", 4_501), ("- Committee on Migrant Workers", 74), ("- SR Migrants", 792),
          ("- CRC", 21_767), ("- Committee on the Rights of the Child", 429), ("- CEDAW", 20_000),
          ("- CERD", 12_000), ("- CESCR", 12_000), ("- CCPR", 15_000), ("- CAT", 10_000), ("- UPR", 150_000),
          ("- IE  Albinism", 400), ("- SR Torture", 23_037)]
COUNTRIES = ["Mexico", "Guatemala", "Honduras", "El Salvador", "Philippines", "Iraq", "Pakistan", "Peru",
             "Colombia", "Ecuador", "Morocco", "Senegal", "Sri Lanka", "Indonesia", "Nicaragua", "Bolivia",
             "Chile", "Argentina", "Egypt", "Turkey", "State of Palestine*"] + [f"Examplestan {n}" for n in range(170)]
ISO2 = {"Mexico": "MX", "Iraq": "IQ", "Pakistan": "PK", "Philippines": "PH"}
THEMES = ["Migrants", "Access to justice & remedy", "Equality & non-discrimination", " Trafficking in persons ",
          "Administration of justice & fair trial", "Rights related to name, identity & nationality",
          "Violence against women", "Children: protection against exploitation", "Detention"]
SDGS = ["10.7 - Facilitate orderly, safe, regular and responsible migration", "16.2 - Protect children from abuse, "
        "exploitation, trafficking and violence", "8.7 - End modern slavery, trafficking and child labour",
        "5 - GENDER EQUALITY", "16.9 - Universal legal identity and birth registration"]
PERSONS = ["Migrants", "Children", "Women & girls", "Refugees & asylum-seekers", "Persons deprived of their liberty"]
TYPES = ["- Recommendations", "- Concerns/Observations", "- Recommendations"]
SENTENCE = ("The Committee recommends that the State party ensure that migrant workers and members of their "
            "families, in particular those in an irregular situation, have effective access to justice, "
            "consular assistance and remedies, and that it allocate sufficient resources to that end. ")


def _record(rng: random.Random, body: str) -> dict:
    country = "Mexico" if rng.random() < 0.009 else rng.choice(COUNTRIES)
    countries = [ISO2[country] if country in ISO2 and rng.random() < 0.05 else country]
    year = rng.randint(2005, 2026)
    paragraph = rng.randint(1, 120)
    text = f"{paragraph}.{SENTENCE * rng.randint(1, 5)}"
    if rng.random() < 0.1:
        text = f"<p>Migrant workers</p><p>{text.replace('State party', 'State&nbsp;party')}</p>"
    kind = str(uuid.UUID(int=rng.getrandbits(128), version=4)) if rng.random() < 0.2 else rng.choice(TYPES)
    return {
        "AffectedPersons": rng.sample(PERSONS, rng.randint(1, 3)),
        "AnnotationId": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
        "AnnotationType": kind,
        "Body": body,
        "Countries": countries,
        "DocumentId": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
        "PublicationDate": f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}T00:00:00",
        "PublicationDateOnUhri": f"{min(year + 1, 2026)}-01-15T10:53:45.827",
        "Regions": ["Latin America and the Caribbean"],
        "Sdgs": rng.sample(SDGS, rng.randint(0, 3)),
        "Symbol": f"{body[2:].split()[0]}/C/{country[:3].upper()}/CO/{rng.randint(1, 9)}",
        "Text": text,
        "Themes": rng.sample(THEMES, rng.randint(1, 4)),
        "UprCycle": None, "UprPositions": [], "UprRecommendingCountry": [], "UprRecommendingRegions": [],
        "UprSession": [],
    }


def write_export(path: Path, records: int, seed: int = 0) -> None:
    """Write `records` synthetic records as one JSON array, streamed (the file never sits in memory)."""
    rng = random.Random(seed)
    names = [name for name, _ in BODIES]
    weights = [weight for _, weight in BODIES]
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as out:
        out.write("[\n")
        for index in range(records):
            out.write((",\n" if index else "") + json.dumps(_record(rng, rng.choices(names, weights)[0]),
                                                            ensure_ascii=False))
        out.write("\n]\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", type=Path)
    parser.add_argument("--records", type=int, default=270_000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    write_export(args.path, args.records, args.seed)


if __name__ == "__main__":
    main()
