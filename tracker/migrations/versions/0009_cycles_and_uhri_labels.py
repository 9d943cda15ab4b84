"""reporting cycles of documents, and the UHRI labels of items (themes, SDGs, affected persons)

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02 03:45:00
"""
import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None

CYCLE_COLUMNS = ("cycle_mechanism", "cycle_number", "cycle_stage")


def upgrade() -> None:
    # The next load fills them from documents.yaml and recommendations.yaml.
    op.add_column('document', sa.Column('cycle_mechanism', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True))
    op.add_column('document', sa.Column('cycle_number', sa.Integer(), nullable=True))
    op.add_column('document', sa.Column('cycle_stage', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=True))
    op.create_table('recommendation_label',
    sa.Column('recommendation_id', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('label', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
    sa.ForeignKeyConstraint(['recommendation_id'], ['recommendation.id'],
                            name=op.f('fk_recommendation_label_recommendation_id_recommendation')),
    sa.PrimaryKeyConstraint('recommendation_id', 'kind', 'label', name=op.f('pk_recommendation_label'))
    )
    op.create_index('ix_recommendation_label_kind_label', 'recommendation_label', ['kind', 'label'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_recommendation_label_kind_label', table_name='recommendation_label')
    op.drop_table('recommendation_label')
    # Plain DROP COLUMN (SQLite 3.35+, PostgreSQL): batch mode would copy a table that others' keys point at.
    for column in reversed(CYCLE_COLUMNS):
        op.execute(f"ALTER TABLE document DROP COLUMN {column}")
