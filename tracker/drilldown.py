"""From a count on the Overview to the items behind it: the filters that a click on a metric or a bar means."""

from dataclasses import replace

from tracker.coverage import NO_PART
from tracker.filters import PARAMS, YEARS, Filters
from tracker.schema import OPEN_STATUSES, PARTS, STATUSES


def narrowed(filters: Filters, dimension: str, key) -> Filters | None:
    """The filters with `dimension` restricted to the clicked value; None where no filter can select it.

    A click replaces that dimension's filter (the bar shows one value) and keeps every other filter. The
    whole-Convention bar (items with no single part) has no filter of its own, so it leads nowhere."""
    if dimension == "open":  # the open statuses among those the filters allow
        statuses = tuple(s for s in (filters.statuses or STATUSES) if s in OPEN_STATUSES)
        return replace(filters, statuses=statuses) if statuses else None
    if dimension == "status" and key in STATUSES:
        return replace(filters, statuses=(key,))
    if dimension == "part" and key in PARTS and key != NO_PART:
        return replace(filters, parts=(key,))
    if dimension == "article" and str(key).isdigit() and 1 <= int(key) <= 93:
        return replace(filters, articles=(int(key),))
    if dimension == "year" and str(key).isdigit():
        return replace(filters, year_from=int(key), year_to=int(key))
    if dimension == "mechanism" and key:
        return replace(filters, mechanisms=(str(key),))
    if dimension == "body" and key:
        return replace(filters, bodies=(str(key),))
    return None


def widget_values(filters: Filters, full_years: tuple) -> dict:
    """The value of each filter widget (by its key) that shows `filters` on Open items.

    A bound widget takes its value from its session state, not from a link, once the session has it; so a click
    sets these before the widgets are drawn, and the address follows the widgets."""
    values = {PARAMS[name]: list(getattr(filters, name)) for name in ("parts", "articles", "mechanisms", "bodies",
                                                                      "confidences")}
    values[PARAMS["statuses"]] = list(filters.statuses or STATUSES)
    values[PARAMS["text"]] = filters.text
    if full_years[0] is not None:
        values[YEARS] = ((filters.year_from, filters.year_to) if filters.year_from is not None else tuple(full_years))
    return values


def open_items_list(filters: Filters, status_picked: bool) -> Filters:
    """The filters of the list Open items shows: with no status picked, the open statuses (its default)."""
    return filters if status_picked else replace(filters, statuses=OPEN_STATUSES)
