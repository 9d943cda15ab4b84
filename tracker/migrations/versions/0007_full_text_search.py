"""full-text search index of the items

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01 23:40:00

SQLite: an FTS5 table of folded words and their English and Spanish stems. PostgreSQL: the unaccent
extension and a tsvector per item with a GIN index. The DDL is written out here, as a migration must keep
building the schema of its day whatever the code later becomes; the loader fills the index.
"""
from alembic import op

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
        op.execute("CREATE TABLE item_search (item_id VARCHAR(64) PRIMARY KEY, doc TSVECTOR NOT NULL)")
        op.execute("CREATE INDEX ix_item_search_doc ON item_search USING GIN (doc)")
    else:
        op.execute("CREATE VIRTUAL TABLE item_search USING fts5(item_id UNINDEXED, raw, en, es, "
                   "tokenize = 'unicode61 remove_diacritics 2')")


def downgrade() -> None:
    op.execute("DROP TABLE item_search")
