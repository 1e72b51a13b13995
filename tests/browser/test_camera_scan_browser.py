"""The clerk scans with the webcam: Chromium's fake camera films a resident's real QR code (tests/browser/webcam.py)
and the scan page's script decodes it with the vendored ZXing and submits it, as a wedge scanner would."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from navi.payload.render import symbols
from tests.factories import codes_for, large_household

from .conftest import expect_members, sign_in, watch_errors

CAMERA = "カメラを起動する"
WAIT_MS = 30_000  # an upper bound for a camera that never reads, not a pause: expect() returns when the page is right


@pytest.mark.browser
def test_a_clerk_scans_a_family_with_the_camera(webcam_chromium, webcam, counter_server, artifacts):
    base, app = counter_server
    context = webcam_chromium.new_context(locale="ja-JP")
    page = context.new_page()
    errors = watch_errors(context, page)
    sign_in(page, base, "clerk")

    # The clerk starts the camera before the resident holds the code up: it films the empty desk and waits.
    expect(page.get_by_role("button", name="カメラを止める")).to_be_hidden()
    page.get_by_role("button", name=CAMERA).click()
    expect(page.locator("#camera-status")).to_have_text("QRコードをカメラに向けてください")
    expect(page.get_by_role("button", name=CAMERA)).to_be_hidden()  # one button at a time: start, or stop
    page.wait_for_function("() => document.getElementById('camera-video').readyState >= 2")  # a frame is showing
    page.screenshot(path=str(artifacts / "camera-waiting.png"), full_page=True)
    page.get_by_role("button", name="カメラを止める").click()
    expect(page.locator("#camera-video")).to_be_hidden()
    expect(page.locator("#digits")).to_be_focused()

    webcam.show(symbols(codes_for(app))[0])
    page.get_by_role("button", name=CAMERA).click()
    expect(page).to_have_url(f"{base}/counter/cases/1", timeout=WAIT_MS)
    expect_members(page, [f"熊本\u3000{given}" for given in ("太郎", "花子", "一郎", "桜")])
    page.screenshot(path=str(artifacts / "case.png"), full_page=True)
    context.close()
    assert errors == []


@pytest.mark.browser
def test_a_clerk_scans_a_split_code_with_the_camera_one_part_after_another(
        webcam_chromium, webcam, counter_server, artifacts):
    base, app = counter_server
    household = large_household()
    parts = symbols(codes_for(app, household))
    assert len(parts) == 3
    context = webcam_chromium.new_context(locale="ja-JP")
    page = context.new_page()
    errors = watch_errors(context, page)
    sign_in(page, base, "clerk")

    # The kiosk shows every part at once; the clerk points the camera at each in turn. Each read submits the
    # part and reloads the page (camera off), so the camera is started again for the next one.
    for number, part in enumerate(parts[:-1], start=1):
        webcam.show(part)
        page.get_by_role("button", name=CAMERA).click()
        expect(page.locator("#scan-progress")).to_contain_text(f"{number}/3 読み取り済み", timeout=WAIT_MS)
    page.screenshot(path=str(artifacts / "two-of-three-parts.png"), full_page=True)
    webcam.show(parts[-1])
    page.get_by_role("button", name=CAMERA).click()
    expect(page).to_have_url(f"{base}/counter/cases/1", timeout=WAIT_MS)
    expect_members(page, [f"{m['family_name']}\u3000{m['given_name']}" for m in household["members"]])
    page.screenshot(path=str(artifacts / "case.png"), full_page=True)
    context.close()
    assert errors == []


# Keeps every camera stream a page opens, to see whether stopping the camera really turns it off.
RECORD_STREAMS = """(() => {
  window.cameraStreams = [];
  window.cameraRequests = 0;
  const getUserMedia = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
  navigator.mediaDevices.getUserMedia = (constraints) => {
    window.cameraRequests += 1;
    return getUserMedia(constraints).then((stream) => { window.cameraStreams.push(stream); return stream; });
  };
})();"""


@pytest.mark.browser
def test_a_double_click_starts_one_camera_and_stopping_turns_it_off(webcam_chromium, counter_server):
    base, _ = counter_server
    context = webcam_chromium.new_context(locale="ja-JP")
    context.add_init_script(RECORD_STREAMS)
    page = context.new_page()
    errors = watch_errors(context, page)
    sign_in(page, base, "clerk")

    # The first start can take a second (permission, camera warm-up): an impatient clerk clicks again.
    page.get_by_role("button", name=CAMERA).dblclick()
    page.wait_for_function("() => window.cameraRequests > 0 && window.cameraStreams.length === window.cameraRequests")
    expect(page.locator("#camera-status")).to_have_text("QRコードをカメラに向けてください")
    page.get_by_role("button", name="カメラを止める").click()
    expect(page.locator("#camera-video")).to_be_hidden()
    live = "() => window.cameraStreams.flatMap((s) => s.getTracks()).filter((t) => t.readyState === 'live').length"
    assert page.evaluate(live) == 0
    context.close()
    assert errors == []
