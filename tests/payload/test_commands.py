"""`navi keys …` and `navi qr …` as a clerk or an installer types them."""

from __future__ import annotations

import json

import pytest

import navi.cli.qr as commands
from navi.cli.keys import keys
from navi.cli.qr import qr
from navi.domain.catalog.loader import load_catalog
from navi.domain.validation import parse_facts
from navi.payload.images import digits_in_image
from tests import factories


@pytest.fixture(scope="module")
def installed_catalog():
    """The real catalog, loaded once for the module (the commands load it on every call)."""
    return load_catalog()


@pytest.fixture
def instance(tmp_path, monkeypatch, installed_catalog):
    """An instance folder of its own, so the default --keys-dir lands in tmp_path."""
    monkeypatch.setenv("NAVI_INSTANCE", str(tmp_path / "instance"))
    monkeypatch.setattr(commands, "load_catalog", lambda: installed_catalog)
    return tmp_path / "instance"


@pytest.fixture
def facts_file(tmp_path):
    """A household the real catalog accepts (no answers: the catalog's questions are still being written)."""
    path = tmp_path / "facts.json"
    path.write_text(json.dumps(factories.household(4), ensure_ascii=False), encoding="utf-8")
    return path


def test_key_commands(runner, instance, tmp_path):
    assert "generated key 1" in runner.invoke(keys, ["generate"]).stdout
    assert (instance / "keys" / "current-001.pem").exists()
    again = runner.invoke(keys, ["generate"])
    assert again.exit_code == 1
    assert "rotate" in again.stderr
    assert "key 2" in runner.invoke(keys, ["rotate"]).stdout
    listed = runner.invoke(keys, ["list"]).stdout.splitlines()
    assert [line.split()[:2] for line in listed] == [["2", "current"], ["1", "previous"]]
    printed = runner.invoke(keys, ["export-public"]).stdout
    assert json.loads(printed)["key_id"] == 2
    out = tmp_path / "public.json"
    assert runner.invoke(keys, ["export-public", "--out", str(out)]).exit_code == 0
    assert json.loads(out.read_text(encoding="utf-8")) == json.loads(printed)


def test_make_then_read_the_png_and_the_digits(runner, instance, facts_file, tmp_path):
    runner.invoke(keys, ["generate"])
    made = runner.invoke(qr, ["make", str(facts_file), "--out", str(tmp_path / "out")])
    assert made.exit_code == 0, made.output
    png, svg = tmp_path / "out" / "qr.png", tmp_path / "out" / "qr.svg"
    assert png.read_bytes().startswith(b"\x89PNG")
    assert svg.read_text(encoding="utf-8").startswith("<svg")

    expected = parse_facts(factories.household(4), commands.load_catalog()).model_dump(mode="json")
    from_image = runner.invoke(qr, ["read", str(png)])
    assert from_image.exit_code == 0, from_image.output
    assert json.loads(from_image.stdout) == expected
    typed = "\r\n".join(digits_in_image(png)).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    from_digits = runner.invoke(qr, ["read", "--digits", typed])
    assert json.loads(from_digits.stdout) == expected
    from_stdin = runner.invoke(qr, ["read", "--digits", "-"], input=typed + "\n")
    assert json.loads(from_stdin.stdout) == expected


def test_a_kiosk_makes_codes_from_the_public_key_file_alone(runner, instance, facts_file, tmp_path):
    runner.invoke(keys, ["generate"])
    public = tmp_path / "public.json"
    runner.invoke(keys, ["export-public", "--out", str(public)])
    kiosk_keys = tmp_path / "kiosk-keys"
    made = runner.invoke(
        qr,
        [
            "make",
            str(facts_file),
            "--out",
            str(tmp_path / "k"),
            "--public-key",
            str(public),
            "--keys-dir",
            str(kiosk_keys),
        ],
    )
    assert made.exit_code == 0, made.output
    assert not kiosk_keys.exists()
    kiosk_read = runner.invoke(qr, ["read", str(tmp_path / "k" / "qr.png"), "--keys-dir", str(kiosk_keys)])
    assert kiosk_read.exit_code == 2
    assert kiosk_read.stderr.startswith("error: unknown_key")
    assert runner.invoke(qr, ["read", str(tmp_path / "k" / "qr.png")]).exit_code == 0


@pytest.mark.parametrize(
    ("digits", "code"),
    [("4901234567894", "not_our_code"), ("1" + "7" * 300, "damaged"), ("", "not_our_code")],
    ids=["product_barcode", "garbage", "empty"],
)
def test_a_bad_scan_is_one_error_line_and_exit_2(runner, instance, digits, code):
    runner.invoke(keys, ["generate"])
    result = runner.invoke(qr, ["read", "--digits", digits])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith(f"error: {code}: ")
    assert len(result.stderr.strip().splitlines()) == 1


def test_invalid_facts_are_refused_before_any_code_is_made(runner, instance, tmp_path):
    runner.invoke(keys, ["generate"])
    data = factories.household(2)
    data["members"][0]["birth_date"] = "2030-01-01"
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    result = runner.invoke(qr, ["make", str(path), "--out", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert "$.members[0].birth_date" in result.stderr
    assert not (tmp_path / "out").exists()


def test_read_needs_images_or_digits(runner, instance):
    assert runner.invoke(qr, ["read"]).exit_code == 2


def test_the_groups_are_part_of_the_navi_command():
    from navi.cli import main

    assert main.commands["keys"] is keys
    assert main.commands["qr"] is qr


def test_a_code_carrying_the_last_day_of_the_calendar_is_exit_2_with_its_path(runner, instance):
    from navi.domain.facts import Facts
    from navi.payload import codec
    from navi.payload import keys as keyfiles

    runner.invoke(keys, ["generate"])
    data = factories.household(2)
    data["event_date"] = "9999-12-31"
    forged = Facts.model_validate(data)  # past every form: only the model's own types hold
    digits = codec.make_codes(forged, commands.load_catalog(), keyfiles.current_recipient(instance / "keys"))
    result = runner.invoke(qr, ["read", "--digits", "\n".join(digits)])
    assert result.exit_code == 2, result.output
    assert "$.event_date" in result.stderr and "Traceback" not in result.output
