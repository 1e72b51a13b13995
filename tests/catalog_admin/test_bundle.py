"""Kiosk bundles: the counter signs, the kiosk verifies and installs, and refuses any changed byte."""

import random

import pytest
from click.testing import CliRunner
from werkzeug.http import parse_options_header

from navi import create_app
from navi.cli import main
from navi.domain.catalog.loader import DEFAULT_CATALOG_DIR, read_catalog_files
from navi.instance.kiosk_bundle import install
from navi.instance.layout import InstanceLayout
from navi.payload import bundle, keys
from navi.web.extensions import catalog_source


@pytest.fixture
def counter_keys(tmp_path):
    folder = tmp_path / "counter" / "keys"
    keys.generate(folder)
    return folder


@pytest.fixture
def signed(counter_keys, catalog):
    raw = read_catalog_files(DEFAULT_CATALOG_DIR)
    return bundle.make(raw, catalog.version, keys.export_public(counter_keys), bundle.signing_key(counter_keys))


def test_cli_exports_and_a_kiosk_installs_then_runs_the_bundled_catalog(tmp_path, monkeypatch, catalog):
    runner = CliRunner()
    monkeypatch.setenv("NAVI_INSTANCE", str(tmp_path / "counter"))
    assert runner.invoke(main, ["keys", "generate"]).exit_code == 0
    exported = runner.invoke(main, ["kiosk", "export-bundle", "--out", str(tmp_path / "b.navi")])
    assert exported.exit_code == 0, exported.output
    signer = exported.output.strip().rsplit(" ", 1)[-1]
    monkeypatch.setenv("NAVI_INSTANCE", str(tmp_path / "kiosk"))
    first = runner.invoke(main, ["kiosk", "load-bundle", str(tmp_path / "b.navi")])
    assert first.exit_code == 2 and f"--fingerprint {signer}" in first.output
    loaded = runner.invoke(main, ["kiosk", "load-bundle", str(tmp_path / "b.navi"), "--fingerprint", signer])
    assert loaded.exit_code == 0, loaded.output
    assert f"installed catalog {catalog.version}" in loaded.output
    app = create_app({"NAVI_ROLE": "kiosk", "SECRET_KEY": "x"})
    assert catalog_source(app).running.version == catalog.version
    assert (tmp_path / "kiosk" / "keys" / "public.json").exists()
    assert not list((tmp_path / "kiosk" / "keys").glob("*.pem"))


def test_one_changed_byte_anywhere_is_refused_and_installs_nothing(tmp_path, signed):
    instance, keys_dir = tmp_path / "kiosk", tmp_path / "kiosk" / "keys"
    first_line_end = signed.index(b"\n")
    signature_end = signed.index(b"\n", first_line_end + 1)
    positions = [0, first_line_end - 1, first_line_end + 1, signature_end - 1, signature_end + 1, len(signed) - 1]
    positions += random.Random(7).sample(range(len(signed)), 150)
    signer = bundle.verify(signed, None).signer
    for position in positions:
        changed = bytearray(signed)
        changed[position] = (changed[position] + 1) % 256 if changed[position] != 0x0A else 0x20
        with pytest.raises(bundle.BundleError) as error:
            install(bytes(changed), instance, keys_dir, signer)
        assert str(error.value), position
    assert not InstanceLayout(instance).bundle_catalog.exists()
    assert not (keys_dir / "public.json").exists()


def test_a_changed_byte_says_so_in_words(tmp_path, signed):
    changed = signed.replace("区民課".encode(), "区民科".encode(), 1)
    with pytest.raises(bundle.BundleError, match="changed after it was signed"):
        install(changed, tmp_path, tmp_path / "keys", bundle.verify(signed, None).signer)


def test_after_the_first_install_only_the_same_counter_is_trusted(tmp_path, signed, catalog):
    keys_dir = tmp_path / "kiosk" / "keys"
    install(signed, tmp_path / "kiosk", keys_dir, bundle.verify(signed, None).signer)
    other_keys = tmp_path / "other"
    keys.generate(other_keys)
    forged = bundle.make(read_catalog_files(DEFAULT_CATALOG_DIR), catalog.version, keys.export_public(other_keys),
                         bundle.signing_key(other_keys))
    with pytest.raises(bundle.BundleError, match="signed by another counter"):
        install(forged, tmp_path / "kiosk", keys_dir, None)
    assert install(signed, tmp_path / "kiosk", keys_dir, None).catalog_version == catalog.version


def test_signing_key_file_is_private(counter_keys):
    bundle.signing_key(counter_keys)
    assert oct((counter_keys / bundle.SIGNER_FILE).stat().st_mode & 0o777) == "0o600"


def test_export_bundle_signs_the_published_version_not_the_folder(tmp_path, monkeypatch, catalog):
    import copy

    from navi.domain.catalog.loader import catalog_from_raw
    from navi.records import catalogs
    from navi.records.db import engine_for, session_factory

    runner = CliRunner()
    monkeypatch.setenv("NAVI_INSTANCE", str(tmp_path / "counter"))
    assert runner.invoke(main, ["keys", "generate"]).exit_code == 0
    assert runner.invoke(main, ["kiosk", "export-bundle", "--out", str(tmp_path / "first.navi")]).exit_code == 0
    raw = copy.deepcopy(read_catalog_files(DEFAULT_CATALOG_DIR))
    raw["counters"][0]["name"]["ja"] = "市民課"
    newer = catalog_from_raw(raw)
    url = f"sqlite:///{tmp_path / 'counter' / 'navi.sqlite3'}"
    with session_factory(url)() as session, session.begin():
        catalogs.make_current(session, newer, raw, "supervisor", note="rename")
    exported = runner.invoke(main, ["kiosk", "export-bundle", "--out", str(tmp_path / "b.navi")])
    assert exported.exit_code == 0, exported.output
    assert f"catalog {newer.version}" in exported.output
    verified = bundle.verify((tmp_path / "b.navi").read_bytes(), None)
    assert verified.catalog_version == newer.version != catalog.version
    assert verified.catalog["counters"][0]["name"]["ja"] == "市民課"
    engine_for(url).dispose()


def test_the_supervisors_download_is_a_bundle_of_the_current_version_and_a_changed_byte_is_refused(tmp_path,
                                                                                                   monkeypatch):
    from tests.counter.helpers import sign_in_as
    from tests.factories import make_app

    app = make_app(tmp_path / "counter", monkeypatch)
    client = app.test_client()
    sign_in_as(client, app, "supervisor")
    response = client.get("/counter/catalog/bundle")
    assert response.status_code == 200
    disposition, options = parse_options_header(response.headers["Content-Disposition"])
    assert disposition == "attachment" and options["filename"].startswith("navi-kiosk-")
    data = response.data
    assert bundle.verify(data, None).catalog_version == catalog_source(app).running.version
    changed = data.replace("区民課".encode(), "区民科".encode(), 1)
    with pytest.raises(bundle.BundleError, match="changed after it was signed") as refused:
        install(changed, tmp_path / "kiosk", tmp_path / "kiosk" / "keys", bundle.verify(data, None).signer)
    print(f"refused: {refused.value}")
    assert not InstanceLayout(tmp_path / "kiosk").bundle_catalog.exists()


def test_an_older_bundle_is_refused_unless_a_downgrade_is_asked_for_and_then_it_is_logged(
        tmp_path, monkeypatch, counter_keys, catalog):
    import datetime as dt

    raw = read_catalog_files(DEFAULT_CATALOG_DIR)
    signer_key = bundle.signing_key(counter_keys)
    now = dt.datetime.now(dt.UTC)
    older = bundle.make(raw, catalog.version, keys.export_public(counter_keys), signer_key, now - dt.timedelta(days=30))
    newer = bundle.make(raw, catalog.version, keys.export_public(counter_keys), signer_key, now)
    (tmp_path / "older.navi").write_bytes(older)
    (tmp_path / "newer.navi").write_bytes(newer)
    layout = InstanceLayout(tmp_path / "kiosk")
    monkeypatch.setenv("NAVI_INSTANCE", str(layout.root))
    runner = CliRunner()
    fingerprint = bundle.verify(newer, None).signer
    assert runner.invoke(main, ["kiosk", "load-bundle", str(tmp_path / "newer.navi"),
                                "--fingerprint", fingerprint]).exit_code == 0
    installed = layout.bundle_installed.read_text()
    refused = runner.invoke(main, ["kiosk", "load-bundle", str(tmp_path / "older.navi")])
    print(refused.output)
    assert refused.exit_code == 2 and "is older than the installed one" in refused.output
    assert "--allow-downgrade" in refused.output and layout.bundle_installed.read_text() == installed
    allowed = runner.invoke(main, ["kiosk", "load-bundle", str(tmp_path / "older.navi"), "--allow-downgrade"])
    assert allowed.exit_code == 0, allowed.output
    assert "kiosk bundle downgrade" in (layout.log_dir / "navi.log").read_text()
    assert bundle.verify(older, None).created_at in layout.bundle_installed.read_text()
    again = runner.invoke(main, ["kiosk", "load-bundle", str(tmp_path / "newer.navi")])  # forward again: fine
    assert again.exit_code == 0, again.output


def deep_bundle(counter_keys, catalog, depth: int = 5000) -> bytes:
    """A correctly signed bundle whose first procedure's condition nests `depth` groups (written as text:
    Python's own JSON writer would give up first)."""
    import json

    raw = read_catalog_files(DEFAULT_CATALOG_DIR)
    raw["procedures"][0]["condition"] = "DEEP"
    payload = {"catalog": raw, "catalog_version": catalog.version,
               "public_key": json.loads(keys.export_public(counter_keys)), "created_at": "2026-12-01T00:00:00+00:00",
               "signer_key": bundle.signing_key(counter_keys).public_key().public_bytes_raw().hex()}
    text = json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    leaf = '{"fact":"event","op":"eq","value":"moving_in"}'
    body = text.replace('"DEEP"', '{"all":[' * depth + leaf + "]}" * depth).encode("utf-8")
    return bundle.MAGIC + b"\n" + bundle.signing_key(counter_keys).sign(body).hex().encode() + b"\n" + body


@pytest.mark.parametrize("depth", [5000, 100])
def test_a_bundle_with_a_deeply_nested_condition_is_refused_in_words(tmp_path, monkeypatch, counter_keys, catalog,
                                                                     depth):
    path = tmp_path / "deep.navi"
    path.write_bytes(deep_bundle(counter_keys, catalog, depth))
    monkeypatch.setenv("NAVI_INSTANCE", str(tmp_path / "kiosk"))
    signer = bundle.fingerprint(bundle.signing_key(counter_keys).public_key())
    result = CliRunner().invoke(main, ["kiosk", "load-bundle", str(path), "--fingerprint", signer])
    print(result.output)
    assert result.exit_code == 2 and "REFUSED" in result.output and "Traceback" not in result.output
    assert ("nested far deeper" if depth == 5000 else "nested more than 64 levels deep") in result.output
    assert not InstanceLayout(tmp_path / "kiosk").bundle_catalog.exists()
