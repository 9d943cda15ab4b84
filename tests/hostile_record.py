"""A valid record whose curated fields carry Markdown images and links, HTML, `===` headings and bare URLs."""

from pathlib import Path

import yaml

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "record"
EVIL = "evil.invalid"


def payload(field: str) -> str:
    """A hostile value for `field`: every construct a renderer could act on, each naming the field."""
    return (f"{field} ![{field}](http://{EVIL}/{field}.png) [{field}](http://{EVIL}/{field}) "
            f"<img src=http://{EVIL}/{field}-tag.png> <a href=http://{EVIL}/{field}-a>{field}</a> "
            f"https://{EVIL}/{field}-bare www.{EVIL} {field}@{EVIL}\n===\n<script>alert('{field}')</script> "
            f"**{field}** :red[{field}] $x$")


# Ids keep what the schema requires (item and response ids are slugs); actor ids may hold anything.
HOSTILE_BODY = f"<b>[body](http://{EVIL}/body-id)</b>"
HOSTILE_FIELDS = ["document symbol", "document title", "part title", "article title", "actor name", "topic",
                  "summary", "rationale", "boundary", "item note", "response note", "lineage note", "addressed to"]


def write_hostile_record(folder: Path) -> Path:
    """Write the fixture record, its curated fields made hostile, into `folder`; return it."""
    def load(name):
        return yaml.safe_load((FIXTURE / name).read_text(encoding="utf-8"))

    convention, actors, documents = load("convention.yaml"), load("actors.yaml"), load("documents.yaml")
    items, responses = load("recommendations.yaml"), load("responses.yaml")
    for part in convention["parts"]:
        if part["id"] == "III":
            part["title"] = payload("part title")
    for article in convention["articles"]:
        if article["number"] == 16:
            article["title"] = payload("article title")
    for actor in actors:
        if actor["id"] in ("INM", "CMW"):
            actor["name"] = payload("actor name")
    actors.append({"id": HOSTILE_BODY, "name": payload("actor name"), "kind": "state-body"})
    for document in documents:
        if document["id"] == "REPORT":
            document["symbol"] = payload("document symbol")
        if document["id"] == "QPR":
            document["symbol"] = None
            document["title"] = payload("document title")
    for item in items:
        if item["id"] == "Q1":
            item["topic"] = payload("topic")
            item["notes"] = [payload("item note")]
            item["addressee_as_named"] = payload("addressed to")
        if item["id"] == "R94":
            item["lineage"][0]["note"] = payload("lineage note")
    for response in responses:
        if response["id"] == "A1":
            # a rationale must cite its reply (docs/assessment-method.md): the hostile one does too
            response.update(summary=payload("summary"), rationale=payload("rationale") + " (1-5)", boundary=payload("boundary"),
                            notes=[payload("response note")], bodies=["INM", HOSTILE_BODY])
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in (("convention.yaml", convention), ("actors.yaml", actors), ("documents.yaml", documents),
                       ("recommendations.yaml", items), ("responses.yaml", responses)):
        (folder / name).write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return folder
