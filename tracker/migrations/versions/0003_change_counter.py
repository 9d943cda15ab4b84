"""change counter: commit-ordered history (assessment_event.seq) and the restore generation

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01 23:30:00
"""
import uuid

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('change_counter',
    sa.Column('id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('generation', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_change_counter'))
    )
    with op.batch_alter_table('assessment_event', schema=None) as batch_op:
        batch_op.add_column(sa.Column('seq', sa.Integer(), server_default='0', nullable=False))
        batch_op.create_index(batch_op.f('ix_assessment_event_seq'), ['seq'], unique=False)
    # Rows written before the counter existed were committed long ago: their id order is as good as any.
    op.execute("UPDATE assessment_event SET seq = id")
    op.execute(sa.text("INSERT INTO change_counter (id, seq, generation) "
                       "SELECT 1, COALESCE(MAX(id), 0), :generation FROM assessment_event")
               .bindparams(generation=uuid.uuid4().hex))


def downgrade() -> None:
    with op.batch_alter_table('assessment_event', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_assessment_event_seq'))
        batch_op.drop_column('seq')
    op.drop_table('change_counter')
