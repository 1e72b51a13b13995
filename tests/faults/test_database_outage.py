"""PostgreSQL stopped under a resident's feet: the answer gets a clear page, and after the restart every
earlier answer is still there and the same answer goes through (the counter's side: tests/counter/test_scan.py)."""

from __future__ import annotations

from navi.records.db import engine_for
from tests.factories import make_app
from tests.wizard.journeys import FAMILY_MOVING_IN, errors


def answer_until(client, step_id: str) -> str:
    """Answer the family-of-four journey from the start until `step_id` is shown; its URL."""
    location = client.post("/begin").headers["Location"]
    for _ in range(30):
        if location.endswith(f"/step/{step_id}"):
            return location
        response = client.post(location, data=FAMILY_MOVING_IN.data_for(location.rsplit("/", 1)[-1]))
        assert response.status_code == 302, errors(response.get_data(as_text=True))
        location = response.headers["Location"]
    raise AssertionError(f"never reached {step_id}")


def test_a_wizard_answer_while_postgresql_is_down_keeps_every_earlier_answer(tmp_path, monkeypatch, postgres_server):
    name, url = postgres_server.create_database()
    app = make_app(tmp_path, monkeypatch, DATABASE_URL=url, WTF_CSRF_ENABLED=False)
    client = app.test_client()
    try:
        step = answer_until(client, "attr-health_insurance")
        postgres_server.stop()
        try:
            response = client.post(step, data=FAMILY_MOVING_IN.data_for("attr-health_insurance"))
        finally:
            postgres_server.start()
        page = response.get_data(as_text=True)
        print("with PostgreSQL stopped:", response.status_code, page.split("<h1>")[1].split("</h1>")[0])
        assert response.status_code == 503
        assert "ただいま一時的に使えません" in page and "入力した内容は消えていません" in page
        assert "What you entered has not been lost" in page

        # Back up: the earlier pages show what was answered before the outage.
        person = client.get("/step/person-0").get_data(as_text=True)
        assert 'value="夢野"' in person and 'value="太一"' in person
        address = client.get("/step/address-to_address").get_data(as_text=True)
        assert "新町9-9-9" in address and "ハイツ夢野202" in address
        # The answer that failed goes through now, and the journey ends with the family's plan.
        again = client.post(step, data=FAMILY_MOVING_IN.data_for("attr-health_insurance"))
        assert again.status_code == 302 and "attr-health_insurance" not in again.headers["Location"]
        location = again.headers["Location"]
        for _ in range(15):
            if location.startswith("/result"):
                break
            data = FAMILY_MOVING_IN.data_for(location.rsplit("/", 1)[-1])
            location = client.post(location, data=data).headers["Location"]
        result = client.get("/result").get_data(as_text=True)
        for procedure in FAMILY_MOVING_IN.expected:
            assert f'id="procedure-{procedure}"' in result
    finally:
        engine_for(url).dispose()
        postgres_server.drop_database(name)
