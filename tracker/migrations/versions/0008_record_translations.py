"""translations of the curated record's texts, and actors' acronyms

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02 00:20:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None

# Each table keeps its translated texts as {language: {field: text}}; the next load fills them.
TABLES = ("convention_part", "convention_article", "actor", "recommendation", "response")


def upgrade() -> None:
    for table in TABLES:
        op.add_column(table, sa.Column('translations', sa.JSON(), nullable=True))
    op.add_column('actor', sa.Column('acronym', sa.String(length=32), nullable=True))


def downgrade() -> None:
    # Plain DROP COLUMN (SQLite 3.35+, PostgreSQL): batch mode would copy tables that others' keys point at.
    op.execute("ALTER TABLE actor DROP COLUMN acronym")
    for table in TABLES:
        op.execute(f"ALTER TABLE {table} DROP COLUMN translations")
