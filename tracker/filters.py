"""The one filter object that every chart, table and export reads, and its URL form."""

from collections.abc import Mapping
from dataclasses import dataclass

from tracker.i18n import N_, Translator, translator
from tracker.schema import CONFIDENCE_LABELS, CONFIDENCES, MAX_TITLE, OPEN_STATUSES, PARTS, STATUS_LABELS

MAX_TEXT = 200
YEAR_RANGE = (1945, 2100)


@dataclass(frozen=True)
class Filters:
    """Which items to show. An empty tuple means "no restriction" on that dimension."""

    statuses: tuple[str, ...] = ()
    parts: tuple[str, ...] = ()
    articles: tuple[int, ...] = ()
    mechanisms: tuple[str, ...] = ()
    bodies: tuple[str, ...] = ()
    year_from: int | None = None
    year_to: int | None = None
    text: str = ""
    confidences: tuple[str, ...] = ()  # of the curated status (docs/assessment-method.md)
    # The labels the Universal Human Rights Index gives imported items, as OHCHR writes them.
    uhri_themes: tuple[str, ...] = ()
    sdgs: tuple[str, ...] = ()
    affected_persons: tuple[str, ...] = ()
    cycles: tuple[str, ...] = ()  # reporting cycles of the items' documents, as schema.cycle_key names them ("CMW-3")

    @property
    def is_open_only(self) -> bool:
        return set(self.statuses) == set(OPEN_STATUSES)

    def describe(self, t: Translator | None = None) -> str:
        """A one-line account of the filters, for export headers, in the language of `t` (default English)."""
        t = t or translator("en")
        parts = []
        labels = {"statuses": N_("status: {values}"), "parts": N_("part: {values}"),
                  "articles": N_("article: {values}"), "mechanisms": N_("mechanism: {values}"),
                  "bodies": N_("State body: {values}"), "confidences": N_("confidence: {values}"),
                  "uhri_themes": N_("UHRI theme: {values}"), "sdgs": N_("SDG: {values}"),
                  "affected_persons": N_("affected persons: {values}"), "cycles": N_("cycle: {values}")}
        for name, label in labels.items():
            values = getattr(self, name)
            if name == "statuses":
                values = tuple(t.tr(STATUS_LABELS[v]) for v in values)
            elif name == "confidences":
                values = tuple(t.tr(CONFIDENCE_LABELS[v]) for v in values)
            if values:
                parts.append(t.tr(label, values=", ".join(map(str, values))))
        if self.year_from or self.year_to:
            parts.append(t.tr("years: {first}–{last}", first=self.year_from or "…", last=self.year_to or "…"))
        if self.text:
            parts.append(t.tr("text: “{text}”", text=self.text))
        return "; ".join(parts) or t.tr("all items")


# URL parameter name for each field; the same names the UI binds its widgets to.
PARAMS = {"statuses": "status", "parts": "part", "articles": "article", "mechanisms": "mechanism",
          "bodies": "body", "text": "q", "confidences": "confidence", "uhri_themes": "theme", "sdgs": "sdg",
          "affected_persons": "affected", "cycles": "cycle"}
# Each UHRI label filter and the kind of label (schema.UHRI_LABELS) it selects on.
LABEL_FILTERS = {"uhri_themes": "themes", "sdgs": "sdgs", "affected_persons": "affected_persons"}
YEARS = "years"
# The URL names a status by its label ("Not addressed"), as the status widget shows it.
_STATUS_BY_LABEL = {label: status for status, label in STATUS_LABELS.items()}


def _ints(values: list[str]) -> tuple[int, ...]:
    # isdigit() alone admits "²" and "①", which int() refuses.
    return tuple(int(v) for v in (v.strip() for v in values) if v.isascii() and v.isdigit() and len(v) <= 6)


def from_params(params: Mapping[str, list[str]]) -> Filters:
    """Filters from URL parameters (each a list of strings); unknown or malformed values are dropped."""
    def values(name: str) -> list[str]:
        return [v for v in params.get(PARAMS[name], []) if v]

    years = sorted(y for y in _ints(list(params.get(YEARS, []))) if YEAR_RANGE[0] <= y <= YEAR_RANGE[1])
    return Filters(
        statuses=tuple(_STATUS_BY_LABEL[v] for v in values("statuses") if v in _STATUS_BY_LABEL),
        parts=tuple(v for v in values("parts") if v in PARTS),
        articles=tuple(n for n in _ints(values("articles")) if 1 <= n <= 93),
        mechanisms=tuple(values("mechanisms")),
        bodies=tuple(values("bodies")),
        year_from=years[0] if len(years) == 2 else None,
        year_to=years[1] if len(years) == 2 else None,
        text=(values("text") or [""])[0][:MAX_TEXT],
        confidences=tuple(v for v in values("confidences") if v in CONFIDENCES),
        **{name: tuple(v[:MAX_TITLE] for v in values(name)) for name in (*LABEL_FILTERS, "cycles")},
    )


def to_params(filters: Filters) -> dict[str, list[str]]:
    """URL parameters for the filters, leaving out the ones with no restriction."""
    params: dict[str, list[str]] = {}
    for name, param in PARAMS.items():
        value = getattr(filters, name)
        if name == "statuses":
            value = tuple(STATUS_LABELS[v] for v in value)
        if value:
            params[param] = [str(v) for v in value] if isinstance(value, tuple) else [str(value)]
    if filters.year_from is not None and filters.year_to is not None:
        params[YEARS] = [str(filters.year_from), str(filters.year_to)]
    return params
