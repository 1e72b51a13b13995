"""Staff-assisted mode: a clerk runs the wizard for a resident and the case is received directly."""

from sqlalchemy import func, select

from navi.records.db import session_factory
from navi.records.models import AuditEntry, CaseRecord, KioskSession
from tests.counter.helpers import sign_in_as
from tests.wizard.journeys import FAMILY_MOVING_IN, walk


def test_a_clerk_enters_a_family_and_the_case_opens_without_a_qr_code(counter_app, client):
    counter_app.config["WTF_CSRF_ENABLED"] = False
    sign_in_as(client, counter_app, "clerk")
    start = client.get("/?assisted=1").get_data(as_text=True)
    assert "職員による代行入力" in start
    walk(client, FAMILY_MOVING_IN, begin={"assisted": "1"}, until="/check")
    check = client.get("/check").get_data(as_text=True)
    assert "この内容で受付する" in check
    response = client.post("/check", data=FAMILY_MOVING_IN.data_for("check"))
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/counter/cases/")
    case_page = client.get(response.headers["Location"]).get_data(as_text=True)
    for name in ("太一", "花音", "一輝", "桜子"):
        assert name in case_page
    with session_factory(counter_app.config["DATABASE_URL"])() as db:
        case = db.scalars(select(CaseRecord)).one()
        assert case.source == "assisted" and case.received_by == "clerk"
        assert db.scalar(select(func.count()).select_from(KioskSession)) == 0
        assert "case_created" in db.scalars(select(AuditEntry.action).where(AuditEntry.case_id == case.id)).all()


def test_without_a_signed_in_clerk_the_wizard_is_the_residents_own(counter_app, client):
    counter_app.config["WTF_CSRF_ENABLED"] = False
    assert "職員による代行入力" not in client.get("/?assisted=1").get_data(as_text=True)
    walk(client, FAMILY_MOVING_IN, begin={"assisted": "1"})
    assert "data:image/png;base64," in client.get("/result").get_data(as_text=True)
