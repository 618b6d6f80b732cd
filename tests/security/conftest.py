"""A negotiation with one user per role, API tokens, and factories of fresh targets."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

import pytest
from sqlalchemy import select

from tests.scenario import build_rolling_text, table
from workbench.concordance.models import Topic
from workbench.instruments.queries import find_provision, get_instrument
from workbench.parties.operations import get_party
from workbench.proposals.decide import change_status
from workbench.users.operations import create_user, issue_token

PASSWORD = "correct horse battery"
# Who each role is; the delegate speaks for China and tries, in the matrix, to act for the USA.
USERS = {
    "observer": ("observer", None),
    "delegate": ("delegate", "CHN"),
    "secretariat": ("secretariat", None),
    "secretariat2": ("secretariat", None),
    "admin": ("admin", None),
}


@dataclass
class World:
    """The application with a rolling text, users, their tokens, and ways to make fresh targets."""

    app: object
    text_slug: str = "rolling-text"
    password: str = PASSWORD
    topic_slug: str = ""
    tokens: dict[str, str] = field(default_factory=dict)
    user_ids: dict[str, int] = field(default_factory=dict)
    provision_ids: dict[str, int] = field(default_factory=dict)
    counter: itertools.count = field(default_factory=lambda: itertools.count(1))

    def session(self):
        return self.app.extensions["workbench.db"].write_sessionmaker()

    def unique(self, prefix: str = "x") -> str:
        return f"{prefix}{next(self.counter)}"

    def headers(self, user: str | None) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.tokens[user]}"} if user else {}

    def proposal(
        self,
        sponsor: str = "CHN",
        *,
        label: str = "Article 1",
        cosponsors=(),
        words: str | None = None,
    ) -> int:
        """A fresh pending amendment (tabled by the server itself), committed; its id."""
        with self.app.app_context():
            db = self.session()
            try:
                text = get_instrument(db, self.text_slug)
                words = words or f"Each Party shall adopt measures, variant {self.unique()}."
                proposal = table(db, text, label, sponsor, words, cosponsors=cosponsors)
                db.commit()
                return proposal.id
            finally:
                db.close()

    def agree(self, proposal_id: int) -> None:
        """Agree a proposal as the server (makes the other proposals on its provision stale)."""
        from workbench.proposals.queries import get_proposal

        with self.app.app_context():
            db = self.session()
            try:
                change_status(db, get_proposal(db, proposal_id), "agreed")
                db.commit()
            finally:
                db.close()

    def stale_proposal(self, sponsor: str = "CHN", label: str = "Article 2") -> int:
        """A pending proposal whose base is no longer the current text."""
        stale = self.proposal(sponsor, label=label)
        self.agree(self.proposal("BRA", label=label))
        return stale

    def current_text(self, label: str, lang: str = "en") -> str:
        """The current wording of a provision of the text."""
        from workbench.instruments.queries import current_version

        with self.app.app_context():
            db = self.session()
            try:
                provision = find_provision(db, get_instrument(db, self.text_slug), label)
                return current_version(db, provision).text(lang)
            finally:
                db.close()

    def script_user(self, purpose: str) -> str:
        """A user of its own per purpose for the token exchanges: a new token voids the
        previous one, and the login limiter counts attempts per name."""
        users = self.__dict__.setdefault("_script_users", {})
        if purpose not in users:
            users[purpose] = self.throwaway_user()
        return users[purpose]

    def throwaway_user(self, role: str = "observer") -> str:
        """A new user with the shared password; its name."""
        name = self.unique("user-")
        with self.app.app_context():
            db = self.session()
            try:
                create_user(db, name=name, role=role, password=PASSWORD)
                db.commit()
            finally:
                db.close()
        return name


def make_world(app) -> World:
    world = World(app)
    with app.app_context():
        db = world.session()
        try:
            text = build_rolling_text(db)
            for label in ("Article 1", "Article 2", "Article 3", "Article 4", "Article 5"):
                world.provision_ids[label] = find_provision(db, text, label).id
            world.topic_slug = db.scalar(select(Topic.slug).order_by(Topic.id))
            for name, (role, party) in USERS.items():
                user = create_user(
                    db,
                    name=name,
                    role=role,
                    password=PASSWORD,
                    party=get_party(db, party) if party else None,
                )
                db.flush()
                world.user_ids[name] = user.id
                world.tokens[name] = issue_token(db, user)
            db.commit()
        finally:
            db.close()
    return world


@pytest.fixture
def world(app) -> World:
    """The application with a rolling text, one user per role and their API tokens."""
    return make_world(app)
