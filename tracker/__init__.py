"""Convention compliance tracker: the curated record, its store, coverage and exports."""
