"""Moving between items: an item's neighbours in a filtered list."""


def neighbours(ids: list[str], item_id: str) -> tuple[str | None, str | None, int | None]:
    """(previous id, next id, 1-based position) of `item_id` in `ids`, in the order the list shows; all None when
    it is not there, and None for the previous of the first or the next of the last."""
    try:
        at = ids.index(item_id)  # a scan, not a bisection: the list need not be in id order
    except ValueError:
        return None, None, None
    return (ids[at - 1] if at else None), (ids[at + 1] if at + 1 < len(ids) else None), at + 1
