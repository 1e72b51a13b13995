"""Calling a number and the lobby board: the board (page, JSON and `navi board export`) shows receipt
numbers and counts only, without signing in."""

from __future__ import annotations

import json
import re
import time

from tests.factories import codes_for, example_facts

from .helpers import post, sign_in_as
from .test_calling_and_figures import assert_no_personal_data


def scanned(client, app, serial: int) -> str:
    """Scan the README's family as a new code; its receipt number."""
    response = post(client, "/counter/scan", {"digits": codes_for(app, now=time.time() - serial)[0]})
    return re.search(r"<h1>受付番号 ([0-9-]+)</h1>", client.get(response.location).get_data(as_text=True)).group(1)


def test_calling_the_next_number_shows_it_on_the_board_and_counts_who_waits(client, counter_app):
    sign_in_as(client, counter_app, "clerk")
    first, second = scanned(client, counter_app, 1), scanned(client, counter_app, 2)
    lobby = counter_app.test_client()  # the lobby display never signs in
    before = lobby.get("/counter/board/chuo.json").get_json()
    kumin = next(line for line in before["counters"] if line["id"] == "kumin")
    assert (kumin["calling"], kumin["waiting"]) == (None, 2)

    queue = client.get("/counter/queues/kumin").get_data(as_text=True)
    assert "次の番号を呼び出す" in queue
    assert post(client, "/counter/queues/kumin/call").status_code == 302
    after = next(line for line in lobby.get("/counter/board/chuo.json").get_json()["counters"] if line["id"] == "kumin")
    assert (after["calling"], after["waiting"]) == (first, 1)
    page = lobby.get("/counter/board/chuo")
    assert page.status_code == 200 and first in page.get_data(as_text=True)
    assert second not in page.get_data(as_text=True)
    assert "呼び出し済" in client.get("/counter/queues/kumin").get_data(as_text=True)


def test_absent_takes_the_number_off_the_board(client, counter_app):
    sign_in_as(client, counter_app, "clerk")
    first = scanned(client, counter_app, 1)
    post(client, "/counter/queues/kumin/call")
    case_id = client.get("/counter/search?receipt=" + first).get_data(as_text=True).split("/counter/cases/", 1)[1]
    case_id = case_id.split('"', 1)[0]
    assert post(client, "/counter/queues/kumin/absent", {"case_id": case_id}).status_code == 302
    line = next(x for x in client.get("/counter/board/chuo.json").get_json()["counters"] if x["id"] == "kumin")
    assert (line["calling"], line["waiting"]) == (None, 0)
    assert "不在" in client.get("/counter/queues/kumin").get_data(as_text=True)


def test_the_board_and_its_export_carry_no_personal_data(client, counter_app, runner, tmp_path):
    sign_in_as(client, counter_app, "clerk")
    number = scanned(client, counter_app, 1)
    post(client, "/counter/queues/kumin/call")
    lobby = counter_app.test_client()
    data = lobby.get("/counter/board/chuo").get_data() + lobby.get("/counter/board/chuo.json").get_data()
    result = runner.invoke(["board", "export", "--out", str(tmp_path / "public")])
    assert result.exit_code == 0, result.output
    files = sorted((tmp_path / "public").iterdir())
    assert {"chuo.html", "chuo.json", "board.json", "board.css", "takuma.html"} <= {f.name for f in files}
    exported = json.loads((tmp_path / "public" / "chuo.json").read_text(encoding="utf-8"))
    assert next(x for x in exported["counters"] if x["id"] == "kumin")["calling"] == number
    assert number in (tmp_path / "public" / "chuo.html").read_text(encoding="utf-8")
    everything = data + b"".join(f.read_bytes() for f in files)
    assert_no_personal_data([{"facts": example_facts()}], everything)
    print(f"export: {[f.name for f in files]}; chuo kumin: {exported['counters'][0]}; {len(everything)} bytes grepped")
    assert b"<script" not in (tmp_path / "public" / "chuo.html").read_bytes()


def test_an_export_folder_that_cannot_be_made_is_named_without_a_traceback(counter_app, runner, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    result = runner.invoke(["board", "export", "--out", str(blocker / "public")])
    assert result.exit_code == 1 and f"ERROR cannot write the boards to {blocker / 'public'}" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
