"""The off-by-default CPU meter: each request's thread CPU time per route, summed per process into a file."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench import server_cpu
from navi.instance.layout import InstanceLayout


def meter_folder(app) -> Path:
    return InstanceLayout(Path(app.instance_path)).cpu_meter_dir


@pytest.mark.parametrize("app_settings", [{"CPU_METER": True}])
def test_requests_are_counted_per_route_with_their_cpu_time(app, client):
    for _ in range(3):
        assert client.get("/").status_code == 200
    assert client.get("/counter/login").status_code == 200
    assert client.get("/no-such-page").status_code == 404
    app.extensions["navi.cpu_meter"]().write()
    totals = server_cpu.read_totals(meter_folder(app))
    assert totals["GET wizard.start"][0] == 3
    assert totals["GET wizard.start"][1] > 0
    assert totals["GET counter.login"][0] == 1
    assert totals["GET None"][0] == 1  # a URL no route has is counted too, under no endpoint
    kinds = server_cpu.per_kind({}, totals)
    assert kinds["wizard page"][0] == 3
    assert kinds["counter page"][0] == 1
    assert "run (all)" in server_cpu.table(kinds, 0)[-1]


@pytest.mark.parametrize("app_settings", [{"CPU_METER": True}])
def test_a_run_is_the_difference_between_two_readings(app, client):
    client.get("/")
    app.extensions["navi.cpu_meter"]().write()
    before = server_cpu.read_totals(meter_folder(app))
    client.get("/")
    client.get("/")
    app.extensions["navi.cpu_meter"]().write()
    kinds = server_cpu.per_kind(before, server_cpu.read_totals(meter_folder(app)))
    assert kinds["wizard page"][0] == 2


def test_off_by_default(app, client):
    assert client.get("/").status_code == 200
    assert "navi.cpu_meter" not in app.extensions
    assert not meter_folder(app).exists()


@pytest.mark.parametrize(("key", "kind"), [
    ("GET wizard.step", "wizard page"), ("POST wizard.step", "wizard page"), ("GET wizard.result", "result page"),
    ("GET static", "static file"), ("POST counter.scan_submit", "scan (POST)"),
    ("GET counter.case_detail", "case page"), ("GET counter.print_forms", "print"), ("GET counter.queues", "other"),
])
def test_routes_are_grouped_as_the_load_generator_names_its_requests(key, kind):
    assert server_cpu.kind_of(key) == kind
