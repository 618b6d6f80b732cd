"""Accounts hardening: sessions that can be ended, named expiring API tokens, a second
factor, and throttling shared by every worker process.

Each user's one token (if any) becomes a token named "default" that expires 90 days after
the upgrade; the old column goes.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-01
"""

from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "api_tokens",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("digest", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_used_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint("length(name) >= 1", name=op.f("ck_api_tokens_name_length")),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_api_tokens_user_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_api_tokens")),
        sa.UniqueConstraint("digest", name=op.f("uq_api_tokens_digest")),
    )
    op.create_index(op.f("ix_api_tokens_user_id"), "api_tokens", ["user_id"], unique=False)
    op.create_table(
        "throttle_hits",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("at", sa.Float(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_throttle_hits")),
    )
    op.create_index("ix_throttle_hits_key_at", "throttle_hits", ["key", "at"], unique=False)
    op.create_index(op.f("ix_throttle_hits_at"), "throttle_hits", ["at"], unique=False)

    bind = op.get_bind()
    now = datetime.now(UTC)
    rows = bind.execute(
        sa.text("SELECT id, token_digest FROM users WHERE token_digest IS NOT NULL")
    ).all()
    tokens = sa.table(
        "api_tokens",
        sa.column("user_id", sa.Integer),
        sa.column("name", sa.String),
        sa.column("digest", sa.String),
        sa.column("created_at", sa.DateTime(timezone=True)),
        sa.column("expires_at", sa.DateTime(timezone=True)),
    )
    if rows:
        op.bulk_insert(
            tokens,
            [
                {
                    "user_id": user_id,
                    "name": "default",
                    "digest": digest,
                    "created_at": now,
                    "expires_at": now + timedelta(days=90),
                }
                for user_id, digest in rows
            ],
        )
    with op.batch_alter_table("users") as batch:
        batch.add_column(
            sa.Column("session_generation", sa.Integer(), server_default="0", nullable=False)
        )
        batch.add_column(sa.Column("totp_secret", sa.String(length=64), nullable=True))
        batch.drop_constraint(op.f("uq_users_token_digest"), type_="unique")
        batch.drop_column("token_digest")


def downgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("token_digest", sa.String(length=64), nullable=True))
        batch.create_unique_constraint(op.f("uq_users_token_digest"), ["token_digest"])
        batch.drop_column("totp_secret")
        batch.drop_column("session_generation")
    # The newest token in force of each user becomes its one token again.
    op.execute(
        """
        UPDATE users SET token_digest = (
            SELECT t.digest FROM api_tokens t
            WHERE t.user_id = users.id AND t.revoked_at IS NULL
            ORDER BY t.id DESC LIMIT 1
        )
        """
    )
    op.drop_index(op.f("ix_throttle_hits_at"), table_name="throttle_hits")
    op.drop_index("ix_throttle_hits_key_at", table_name="throttle_hits")
    op.drop_table("throttle_hits")
    op.drop_index(op.f("ix_api_tokens_user_id"), table_name="api_tokens")
    op.drop_table("api_tokens")
