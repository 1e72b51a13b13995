"""The whole city for the namespace tests: hosts, networks, PostgreSQL, two counters, the lobby, the lb."""

from __future__ import annotations

import datetime as dt
import ipaddress
import re
import secrets
import shutil
import subprocess
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from bench import load
from navi.domain.catalog.loader import load_catalog
from navi.domain.validation import parse_facts
from navi.payload import codec, keys
from navi.records.db import engine_for, session_factory
from navi.records.staff import create_staff
from tests.counter.postgres import INSTALL_HINT, PostgresServer, find_bindir
from tests.deploy.hosts import PORT, AppHost, environment_file, render, start_nginx
from tests.deploy.netns import City
from tests.factories import example_facts

# CI's machine has 2 cores for three app hosts, the database, nginx and the load: fewer workers than a city's.
SMALL = {"NAVI_WORKERS": "2", "NAVI_THREADS": "2"}
CLERKS = 4  # the load's clerks; clerk004 probes, clerk005 scans the family's code


@dataclass
class Deployment:
    """Everything running, and where: the tests read and break it."""

    city: City
    folder: Path
    database: PostgresServer
    counters: dict[str, AppHost] = field(default_factory=dict)
    lobby: AppHost | None = None
    nginx: subprocess.Popen | None = None
    ca_file: Path | None = None

    @property
    def lb_url(self) -> str:
        return f"https://{self.city.lb_front}"

    @property
    def access_log(self) -> Path:
        return self.folder / "lb" / "access.log"

    def database_url(self) -> str:
        """The counters' database, for the tests' own reading (through the socket file, not a network)."""
        return self.database.socket_url("navi")

    def stop(self) -> None:
        """Stop every program this deployment started, then delete the namespaces."""
        try:
            if self.nginx is not None and self.nginx.poll() is None:
                self.nginx.terminate()
                self.nginx.wait(timeout=30)
            for host in [*self.counters.values(), self.lobby]:
                if host is not None:
                    host.stop()
        finally:
            self.database.remove()
            self.city.remove()


def deploy(city: City, folder: Path, venv: Path) -> Deployment:
    """Build the networks and start every host from the files in deploy/."""
    city.build()
    bindir = find_bindir()
    assert bindir is not None, INSTALL_HINT
    deployment = Deployment(city, folder, PostgresServer(bindir, host=city.address["db"],
                                                         wrapper=tuple(city.run_in("db", []))))
    try:
        password = start_database(deployment)
        start_counters(deployment, venv, password)
        start_lobby(deployment, venv)
        deployment.ca_file, key = tls_files(folder / "tls", city.lb_front)
        deployment.nginx = start_nginx(city, folder / "lb", deployment.ca_file, key)
    except BaseException:
        deployment.stop()
        raise
    return deployment


def start_database(deployment: Deployment) -> str:
    """PostgreSQL on the db host, reached from the counter LAN with a password; the password."""
    server, city = deployment.database, deployment.city
    server.port = 5432  # PostgreSQL's own port, as counter.env names it: the db host has its own namespace
    server.init()
    with (server.data / "pg_hba.conf").open("a", encoding="utf-8") as hba:
        hba.write(f"host all navi {city.counter_lan}.0/24 scram-sha-256\n")
    server.start()
    password = secrets.token_hex(12)
    server._admin("CREATE DATABASE navi")
    server._admin(f"ALTER ROLE navi PASSWORD '{password}'")
    return password


def start_counters(deployment: Deployment, venv: Path, password: str) -> None:
    """counter-1 prepares the schema and makes the key pair; counter-2 gets the same keys and settings."""
    city = deployment.city
    settings = render("settings.py.in", SECRET_KEY=secrets.token_hex(32))
    for name in ("counter-1", "counter-2"):
        environment = environment_file(render("counter.env", DB_PASSWORD=password, DB_HOST=city.address["db"],
                                              THIS_HOST=city.address[name], LB_HOST=city.address["lb"]))
        host = AppHost(city, name, {**environment, **SMALL}, venv, deployment.folder / name, client="lb")
        host.instance.mkdir(parents=True)
        (host.instance / "settings.py").write_text(settings, encoding="utf-8")
        deployment.counters[name] = host
    first, second = deployment.counters["counter-1"], deployment.counters["counter-2"]
    first.navi("prepare")
    # Configuration management's job in a city: the same keys on every counter host.
    shutil.copytree(first.instance / "keys", second.instance / "keys")
    for host in (first, second):
        host.launch()
    for host in (first, second):
        host.wait_ready()


def start_lobby(deployment: Deployment, venv: Path) -> None:
    """The kiosk host: the bundle file from counter-1 carried across, then gunicorn."""
    city, folder = deployment.city, deployment.folder
    bundle_file = folder / "usb-stick" / "navi-bundle.txt"
    bundle_file.parent.mkdir(parents=True)
    exported = deployment.counters["counter-1"].navi("kiosk", "export-bundle", "--out", str(bundle_file))
    signer = re.search(r"signed by (\S+)", exported).group(1)
    environment = environment_file(render("kiosk.env", THIS_HOST=city.address["lobby"], LB_HOST=city.tablets_side))
    # No TLS proxy in the test's lobby: the tablets (this process) speak plain HTTP to the kiosk host.
    lobby = AppHost(city, "lobby", {**environment, **SMALL, "NAVI_COOKIE_SECURE": "0", "NAVI_PROXY_HOPS": "0"},
                    venv, folder / "lobby", client="lobby")
    lobby.navi("kiosk", "load-bundle", str(bundle_file), "--fingerprint", signer)
    lobby.navi("prepare")
    deployment.lobby = lobby
    lobby.launch()
    lobby.wait_ready()


def tls_files(folder: Path, address: str) -> tuple[Path, Path]:
    """A self-signed certificate for the lb's address, and its key (the city's would come from its CA)."""
    folder.mkdir(parents=True)
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "navi counter (test)")])
    now = dt.datetime.now(dt.UTC)
    certificate = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
                   .serial_number(x509.random_serial_number())
                   .not_valid_before(now - dt.timedelta(minutes=5)).not_valid_after(now + dt.timedelta(days=1))
                   .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address(address))]),
                                  critical=False)
                   .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
                   .sign(key, hashes.SHA256()))
    certificate_file, key_file = folder / "lb.crt", folder / "lb.key"
    certificate_file.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    key_file.chmod(0o600)
    return certificate_file, key_file


def open_counter(deployment: Deployment) -> None:
    """The clerks' accounts (an admin's `navi staff add`, done here through the database's socket)."""
    url = deployment.database_url()
    with session_factory(url)() as session:
        for number in range(CLERKS + 2):
            create_staff(session, f"clerk{number:03d}", load.PASSWORD, "clerk", by="test")
    engine_for(url).dispose()


def targets(deployment: Deployment) -> load.Targets:
    """The tablets go to the kiosk host, the clerks to lb over TLS."""
    return load.Targets(load.Target(deployment.city.address["lobby"], PORT),
                        load.Target.from_url(deployment.lb_url, str(deployment.ca_file)))


def home_codes(deployment: Deployment, count: int) -> deque:
    """Codes residents made at home for the public key the lobby holds (the real codec)."""
    catalog = load_catalog()
    recipient = keys.load_public(deployment.lobby.instance / "keys" / "public.json")
    facts = parse_facts(example_facts(), catalog)
    return deque(codec.make_codes(facts, catalog, recipient) for _ in range(count))
