"""The HTML pages through the Flask test client: what they show, their forms, their errors."""

from __future__ import annotations

from sqlalchemy import event, func, select

from tests.web.conftest import csrf_of
from workbench.instruments.models import Version
from workbench.proposals.models import Proposal


def text_of(response) -> str:
    return response.get_data(as_text=True)


def test_instrument_page_is_a_table_of_contents_with_texts(client):
    page = text_of(client.get("/instruments/budapest-ets185"))
    assert 'href="#provision-' in page
    assert "Illegal access" in page
    chinese = text_of(client.get("/instruments/china-elements-2021?text=zh"))
    assert 'lang="zh-Hans"' in chinese


def test_provision_page_shows_the_redline_sponsors_and_concordance(app, scenario, as_role):
    client = as_role("anonymous")
    page = text_of(client.get(f"/provisions/{scenario['provision_id']}"))
    assert "Pending proposals" in page
    assert '<ins class="diff-insert">the unlawful access to an ICT</ins>' in page
    assert "China" in page and "Russian Federation" in page  # sponsor and co-sponsor
    assert "/compare?left=" in page  # one click from a side-by-side comparison


def test_unknown_ids_give_the_404_page(client):
    for url in (
        "/provisions/999999",
        "/proposals/999999",
        "/instruments/nope",
        "/parties/XXX",
        "/sessions/NOPE",
        "/topics/nope",
        "/no-such-page",
    ):
        response = client.get(url)
        assert response.status_code == 404, url
        assert "<h1>404" in text_of(response)


def test_versions_are_compared_word_by_word(app, scenario, as_role):
    secretariat = as_role("secretariat")
    proposal_id = scenario["proposal_id"]
    token = csrf_of(text_of(secretariat.get(f"/proposals/{proposal_id}")))
    response = secretariat.post(
        f"/proposals/{proposal_id}/status", data={"status": "agreed", "csrf_token": token}
    )
    assert response.status_code == 303
    page = text_of(secretariat.get(f"/provisions/{scenario['provision_id']}?a=1&b=2"))
    assert "Version 1 → version 2" in page
    assert '<del class="diff-delete">' in page and '<ins class="diff-insert">' in page
    blame = text_of(secretariat.get(f"/provisions/{scenario['provision_id']}/blame"))
    assert f"Proposal {proposal_id} (China, Russian Federation)" in blame
    assert ">the unlawful</span>" in blame and ">an ICT</span>" in blame


def test_invalid_form_comes_back_with_input_kept_and_nothing_written(app, scenario, as_role):
    delegate = as_role("delegate")
    page = text_of(delegate.get(f"/proposals/new?provision={scenario['provision_id']}"))
    token = csrf_of(page)
    with app.app_context(), app.extensions["workbench.db"].session(write=False) as db:
        before = db.scalar(select(func.count()).select_from(Proposal))
    typed = "My carefully drafted wording <script>alert(1)</script> that must not be lost."
    response = delegate.post(
        "/proposals/new",
        data={
            "csrf_token": token,
            "provision_id": str(scenario["provision_id"]),
            "kind": "amend",
            "text_en": typed,
            "sponsor": "CHN",
            "cosponsors": "RUS, ZZZ",
            "session": "AHC-1",
            "rationale": "why",
        },
    )
    assert response.status_code == 400
    html = text_of(response)
    assert "My carefully drafted wording &lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert(1)</script>" not in html
    assert 'id="cosponsors-error"' in html and "ZZZ" in html
    with app.app_context(), app.extensions["workbench.db"].session(write=False) as db:
        assert db.scalar(select(func.count()).select_from(Proposal)) == before


def test_delegate_cannot_table_for_another_party(app, scenario, as_role):
    delegate = as_role("delegate")
    token = csrf_of(text_of(delegate.get("/proposals/new")))
    response = delegate.post(
        "/proposals/new",
        data={
            "csrf_token": token,
            "provision_id": str(scenario["provision_id"]),
            "kind": "amend",
            "text_en": "Another wording.",
            "sponsor": "USA",
            "session": "AHC-1",
        },
    )
    assert response.status_code == 403
    assert "Another wording." in text_of(response)


def test_tabling_with_a_cosponsor_escapes_script_tags(app, scenario, as_role):
    delegate = as_role("delegate")
    token = csrf_of(text_of(delegate.get(f"/proposals/new?provision={scenario['provision_id']}")))
    response = delegate.post(
        "/proposals/new",
        data={
            "csrf_token": token,
            "provision_id": str(scenario["provision_id"]),
            "kind": "amend",
            "text_en": "Each Party shall <script>alert('x')</script> act.",
            "sponsor": "CHN",
            "cosponsors": "BRA",
            "session": "AHC-2",
            "action": "table",
        },
    )
    assert response.status_code == 303, text_of(response)
    page = text_of(delegate.get(response.headers["Location"]))
    assert "Brazil" in page
    assert "&lt;script&gt;" in page and "<script>alert" not in page


def test_preview_returns_the_word_diff(app, scenario, as_role):
    client = as_role("delegate")
    token = csrf_of(text_of(client.get("/proposals/new")))
    response = client.post(
        "/proposals/preview",
        data={
            "csrf_token": token,
            "provision_id": str(scenario["provision_id"]),
            "kind": "amend",
            "text_en": "Each Party shall adopt such measures.",
        },
    )
    assert response.status_code == 200
    assert '<del class="diff-delete">' in text_of(response)


def test_form_posts_need_the_csrf_token(app, scenario, as_role):
    client = as_role("secretariat")
    response = client.post(
        f"/proposals/{scenario['proposal_id']}/status", data={"status": "rejected"}
    )
    assert response.status_code == 400
    assert "CSRF" in text_of(response)


def test_stale_agreement_is_refused_and_rebase_offered(app, scenario, as_role):
    secretariat = as_role("secretariat")
    delegate = as_role("delegate")
    token = csrf_of(text_of(delegate.get("/proposals/new")))
    second = delegate.post(
        "/proposals/new",
        data={
            "csrf_token": token,
            "provision_id": str(scenario["provision_id"]),
            "kind": "amend",
            "text_en": "Each Party may adopt measures against unlawful access.",
            "sponsor": "CHN",
            "session": "AHC-1",
        },
    )
    assert second.status_code == 303
    second_url = second.headers["Location"]
    token = csrf_of(text_of(secretariat.get(second_url)))
    agreed = secretariat.post(
        f"/proposals/{scenario['proposal_id']}/status",
        data={"status": "agreed", "csrf_token": token},
    )
    assert agreed.status_code == 303
    refused = secretariat.post(
        f"{second_url}/status", data={"status": "agreed", "csrf_token": token}
    )
    assert refused.status_code == 409
    assert "Rebase it" in text_of(refused)
    page = text_of(secretariat.get(second_url))
    assert "Rebase on the current text" in page
    rebased = secretariat.post(
        f"{second_url}/rebase",
        data={"csrf_token": token, "text_en": "Each Party may adopt measures against access."},
    )
    assert rebased.status_code == 303
    agreed = secretariat.post(
        f"{second_url}/status", data={"status": "agreed", "csrf_token": token}
    )
    assert agreed.status_code == 303


def test_party_group_session_topic_search_pages(app, scenario, as_role):
    client = as_role("observer")
    assert "Proposal" in text_of(client.get("/parties/CHN"))
    brics = text_of(client.get("/parties/BRICS"))
    assert "Members&#39; record" in brics or "Members' record" in brics
    assert "China" in brics
    assert "Tabled at this session" in text_of(client.get("/sessions/AHC-1"))
    topics = text_of(client.get("/topics"))
    assert "/topics/" in topics
    english = text_of(client.get("/search?q=illegal+access"))
    assert "provision" in english and "/provisions/" in english
    chinese = text_of(client.get("/search?q=非法"))
    assert "/provisions/" in chinese
    too_long = client.get("/search?q=" + "a" * 300)
    assert too_long.status_code == 400 and 'id="q-error"' in text_of(too_long)


def test_export_form_downloads_a_word_file(app, scenario, as_role):
    import io

    from docx import Document

    client = as_role("anonymous")
    for mode in ("brackets", "alternatives"):
        response = client.get(
            f"/export/download?instrument={scenario['slug']}&mode={mode}&languages=en"
        )
        assert response.status_code == 200
        assert response.headers["Content-Disposition"].startswith("attachment")
        document = Document(io.BytesIO(response.data))
        text = "\n".join(p.text for p in document.paragraphs)
        assert "ICT system" in text if mode == "alternatives" else "ICT] (China" in text
    bad = client.get("/export/download?instrument=nope&mode=brackets&languages=en")
    assert bad.status_code == 400 and 'id="instrument-error"' in text_of(bad)


def test_language_switch_goes_back_only_to_this_site(client):
    back = client.get("/language?lang=zh&next=/instruments")
    assert back.status_code == 303 and back.headers["Location"] == "/instruments"
    for target in ("https://evil.example/", "//evil.example/x", "javascript:alert(1)"):
        response = client.get("/language", query_string={"lang": "en", "next": target})
        assert response.headers["Location"] == "/", target


def test_language_switch_speaks_chinese(client):
    client.get("/language?lang=zh")
    page = text_of(client.get("/"))
    assert 'lang="zh-Hans"' in page
    assert "谈判案文" in page  # "Negotiating texts"
    client.get("/language?lang=en")
    assert "Negotiating texts" in text_of(client.get("/"))


def test_provision_page_query_count_stays_bounded(app, scenario, as_role):
    """Tabling more proposals does not add queries to the provision page."""
    from tests.scenario import table
    from workbench.instruments.queries import get_instrument

    client = as_role("anonymous")
    url = f"/provisions/{scenario['provision_id']}"
    engine = app.extensions["workbench.db"].engine
    counted: list[str] = []

    def count(*_args):
        counted.append("q")

    def queries() -> int:
        counted.clear()
        event.listen(engine, "before_cursor_execute", count)
        try:
            assert client.get(url).status_code == 200
        finally:
            event.remove(engine, "before_cursor_execute", count)
        return len(counted)

    few = queries()
    with app.app_context(), app.extensions["workbench.db"].session() as db:
        text = get_instrument(db, scenario["slug"])
        for n, (sponsor, session) in enumerate(
            [("USA", "AHC-1"), ("BRA", "AHC-2"), ("IND", "AHC-3")] * 4
        ):
            table(
                db,
                text,
                "Article 1",
                sponsor,
                f"Each Party shall act, variant {n}.",
                session=session,
                cosponsors=("RUS",),
            )
    many = queries()
    print("provision page queries:", few, "with 1 proposal,", many, "with 13")
    assert many == few, (few, many)
    assert "variant 11" in text_of(client.get(url))
    with app.app_context(), app.extensions["workbench.db"].session(write=False) as db:
        assert db.scalar(select(func.count()).select_from(Version)) > 0


def test_merge_stance_and_cosponsor_forms(app, scenario, as_role):
    secretariat, delegate = as_role("secretariat"), as_role("delegate")
    first = scenario["proposal_id"]
    token = csrf_of(text_of(delegate.get("/proposals/new")))
    second = (
        delegate.post(
            "/proposals/new",
            data={
                "csrf_token": token,
                "provision_id": str(scenario["provision_id"]),
                "kind": "amend",
                "text_en": "Each Party shall criminalize unlawful access.",
                "sponsor": "CHN",
                "session": "AHC-1",
            },
        )
        .headers["Location"]
        .rsplit("/", 1)[-1]
    )
    # A delegate records stances for its own party only; the form refuses another party.
    refused = delegate.post(
        f"/proposals/{first}/stances",
        data={"csrf_token": token, "party": "USA", "position": "oppose"},
    )
    assert refused.status_code == 403
    # A sponsor states no stance on its own proposal.
    own = delegate.post(
        f"/proposals/{first}/stances",
        data={"csrf_token": token, "party": "CHN", "position": "support"},
    )
    assert own.status_code == 400 and "a sponsor states no stance" in text_of(own)
    token = csrf_of(text_of(secretariat.get(f"/proposals/{first}")))
    assert (
        secretariat.post(
            f"/proposals/{first}/stances",
            data={"csrf_token": token, "party": "USA", "position": "support"},
        ).status_code
        == 303
    )
    assert "United States of America</a> supports" in text_of(delegate.get(f"/proposals/{first}"))
    # The secretariat adds a co-sponsor and merges the second proposal into the first.
    assert (
        secretariat.post(
            f"/proposals/{first}/cosponsors", data={"csrf_token": token, "party": "ZAF"}
        ).status_code
        == 303
    )
    unknown = secretariat.post(
        f"/proposals/{second}/merge", data={"csrf_token": token, "merged_into": "999999"}
    )
    assert unknown.status_code == 400 and 'id="merged_into-error"' in text_of(unknown)
    merged = secretariat.post(
        f"/proposals/{second}/merge", data={"csrf_token": token, "merged_into": str(first)}
    )
    assert merged.status_code == 303
    page = text_of(secretariat.get(f"/proposals/{second}"))
    assert "Merged into" in page and f'href="/proposals/{first}"' in page
    impossible = secretariat.post(
        f"/proposals/{second}/status", data={"csrf_token": token, "status": "agreed"}
    )
    assert impossible.status_code == 409


def test_insert_and_delete_proposals_through_the_form(app, scenario, as_role):
    secretariat = as_role("secretariat")
    token = csrf_of(text_of(secretariat.get("/proposals/new")))
    base = {
        "csrf_token": token,
        "provision_id": str(scenario["provision_id"]),
        "sponsor": "USA",
        "cosponsors": "GBR",
        "session": "AHC-3",
    }
    inserted = secretariat.post(
        "/proposals/new",
        data={
            **base,
            "kind": "insert",
            "label": "Article 1 bis",
            "text_en": "Each Party shall protect critical information infrastructure.",
        },
    )
    assert inserted.status_code == 303, text_of(inserted)
    page = text_of(secretariat.get(inserted.headers["Location"]))
    assert "insertion" in page and '<ins class="diff-insert">Each Party shall protect' in page
    agreed = secretariat.post(
        inserted.headers["Location"] + "/status", data={"csrf_token": token, "status": "agreed"}
    )
    assert agreed.status_code == 303
    assert "Article 1 bis" in text_of(secretariat.get(f"/instruments/{scenario['slug']}"))
    deleted = secretariat.post("/proposals/new", data={**base, "kind": "delete"})
    assert deleted.status_code == 303, text_of(deleted)
    assert '<del class="diff-delete">' in text_of(secretariat.get(deleted.headers["Location"]))
