"""response confidence, its reason and the assessment method version

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01 23:30:00
"""
from contextlib import contextmanager

from alembic import op
import sqlalchemy as sa
import sqlmodel.sql.sqltypes


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


@contextmanager
def _response_table():
    """Batch-alter `response`. SQLite copies the table, and with foreign keys on it cannot drop the old copy
    while response_body points at it, so those link rows are set aside and put back afterwards."""
    bind = op.get_bind()
    links = bind.execute(sa.text("SELECT response_id, actor_id FROM response_body")).mappings().all()
    op.execute("DELETE FROM response_body")
    with op.batch_alter_table('response', schema=None) as batch_op:
        yield batch_op
    if links:
        bind.execute(sa.text("INSERT INTO response_body (response_id, actor_id) VALUES (:response_id, :actor_id)"),
                     [dict(row) for row in links])


def upgrade() -> None:
    # Nullable: rows already loaded get their values from the next load, which rewrites every response. That
    # load follows the upgrade: a record with these fields never has the digest of one without them.
    with _response_table() as batch_op:
        batch_op.add_column(sa.Column('confidence', sqlmodel.sql.sqltypes.AutoString(length=8), nullable=True))
        batch_op.add_column(sa.Column('confidence_reason', sqlmodel.sql.sqltypes.AutoString(), nullable=True))
        batch_op.add_column(sa.Column('method', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=True))
        batch_op.create_check_constraint(op.f('ck_response_confidence'), "confidence IN ('high', 'medium', 'low')")


def downgrade() -> None:
    with _response_table() as batch_op:
        batch_op.drop_constraint(op.f('ck_response_confidence'), type_='check')
        batch_op.drop_column('method')
        batch_op.drop_column('confidence_reason')
        batch_op.drop_column('confidence')
