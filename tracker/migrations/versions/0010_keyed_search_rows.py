"""the full-text index's rows keyed by item (SQLite)

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-02 07:00:00

A search filter now reads only the rowids of SQLite's FTS5 matches and takes each for the search key of an
item (tracker.search.keys); rows written before this have rowids 1, 2, … that name no item, and would give
wrong answers. The index is derived data: it is emptied here, and opening the database finds it holding fewer
rows than there are active items and rebuilds it (tracker.startup, which also checks that rows are keyed), as
does a load. PostgreSQL's index is read by item id and stays as it is.
"""
from alembic import op

revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DELETE FROM item_search")


def downgrade() -> None:
    pass  # keyed rows serve the older code as well: it reads the item id of each match
