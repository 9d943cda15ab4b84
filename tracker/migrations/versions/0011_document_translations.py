"""translations of documents' titles

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-02 14:10:00

A document's title is the record's own description of it; translated like the other curated texts, as
{language: {"title": text}}. The next load fills it.
"""
from alembic import op
import sqlalchemy as sa

revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column('document', sa.Column('translations', sa.JSON(), nullable=True))


def downgrade() -> None:
    op.execute("ALTER TABLE document DROP COLUMN translations")  # plain DROP COLUMN, as in 0008
