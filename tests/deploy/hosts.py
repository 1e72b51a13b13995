"""The hosts' programs, started from the files in deploy/ as a city would install them (rendered, not copied).

Each app host runs navi.service's ExecStart (gunicorn from the wheel's virtualenv) with its environment file;
the load balancer runs nginx with deploy/nginx-site.conf; the database host runs PostgreSQL.
"""

from __future__ import annotations

import http.client
import os
import re
import shlex
import signal
import subprocess
import time
from pathlib import Path

from tests.deploy.netns import City, inside
from tests.deploy.wheel import ROOT

DEPLOY = ROOT / "deploy"
PORT = 8000  # the port navi.service binds on every app host (deploy/*.env)


def render(name: str, **values: str) -> str:
    """A deploy/ file with every {{NAME}} filled in; a placeholder left over fails the test."""
    text = (DEPLOY / name).read_text(encoding="utf-8")
    for key, value in values.items():
        text = text.replace("{{" + key + "}}", value)
    left = re.findall(r"\{\{\w+\}\}", text)
    assert not left, f"deploy/{name}: {left} not filled in"
    return text


def environment_file(text: str) -> dict[str, str]:
    """The variables of a systemd EnvironmentFile (KEY=VALUE lines; # comments)."""
    lines = (line.strip() for line in text.splitlines())
    return dict(line.split("=", 1) for line in lines if line and not line.startswith("#"))


def exec_start(environment: dict[str, str], bin_dir: Path) -> list[str]:
    """navi.service's ExecStart as systemd runs it: ${NAME} from the environment file, the wheel's venv."""
    unit = (DEPLOY / "navi.service").read_text(encoding="utf-8")
    (line,) = (line for line in unit.splitlines() if line.startswith("ExecStart="))
    command = re.sub(r"\$\{(\w+)\}", lambda found: environment[found.group(1)], line.removeprefix("ExecStart="))
    return shlex.split(command.replace("/opt/navi/venv", str(bin_dir.parent)))


class AppHost:
    """gunicorn on one host, as navi.service starts it; `kill()` loses the host, `start()` brings it back."""

    def __init__(self, city: City, name: str, environment: dict[str, str], venv: Path, folder: Path, *,
                 client: str):
        # `client`: the host whose namespace checks that this one answers (the lb for a counter).
        self.city, self.name, self.venv, self.folder, self.client = city, name, venv, folder, client
        self.environment = {key: value.replace("/var/lib/navi", str(folder)) for key, value in environment.items()}
        self.process: subprocess.Popen | None = None
        folder.mkdir(parents=True, exist_ok=True)

    @property
    def instance(self) -> Path:
        return Path(self.environment["NAVI_INSTANCE"])

    def env(self) -> dict[str, str]:
        return {"PATH": f"{self.venv}:/usr/bin:/bin", "LANG": "C.UTF-8", **self.environment}

    def navi(self, *args: str, stdin: str | None = None) -> str:
        """A `navi` command on this host (its environment, its namespace); its output."""
        done = subprocess.run(self.city.run_in(self.name, [str(self.venv / "navi"), *args]), env=self.env(),
                              cwd=self.folder, input=stdin, capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, f"{self.name}: navi {' '.join(args)}\n{done.stdout}{done.stderr}"
        return done.stdout

    def launch(self) -> None:
        """Start gunicorn (in its own process group, as systemd's cgroup would hold it)."""
        with self.log.open("a") as log:
            self.process = subprocess.Popen(self.city.run_in(self.name, exec_start(self.environment, self.venv)),
                                            env=self.env(), cwd=self.folder, stdout=log, stderr=subprocess.STDOUT,
                                            start_new_session=True)

    def wait_ready(self) -> None:
        """Wait until gunicorn answers on this host's address, seen from its client's namespace."""
        assert self.process is not None
        wait_until_answers(self.city, self.client, self.city.address[self.name], PORT, self.process, self.log)

    @property
    def log(self) -> Path:
        return self.folder / "gunicorn.log"

    def kill(self) -> None:
        """SIGKILL to gunicorn's master and every worker at once: the host is lost mid-request."""
        assert self.process is not None
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self) -> None:
        """SIGTERM as systemd stops it (running requests finish), then make sure nothing is left."""
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)


def wait_until_answers(city: City, client: str, address: str, port: int, process: subprocess.Popen,
                       log: Path, limit: float = 60.0) -> None:
    """Poll from the client's namespace until a server answers (readiness; the limit only bounds a hung start)."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"{address}:{port} stopped:\n{log.read_text(errors='replace')[-3000:]}")
        try:
            status, _, _ = request(city.ns(client), address, port, "GET", "/")
            if status < 500:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise AssertionError(f"{address}:{port} did not answer")


def request(namespace: str, address: str, port: int, method: str, path: str, body: str | None = None,
            headers: dict | None = None) -> tuple[int, dict[str, str], str]:
    """One plain-HTTP request made from inside a namespace: status, headers (lower-case), text."""
    with inside(namespace):
        connection = http.client.HTTPConnection(address, port, timeout=10)
        connection.connect()
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        found = {name.lower(): value for name, value in response.getheaders()}
        found["set-cookie"] = "\n".join(response.headers.get_all("Set-Cookie") or [])
        return response.status, found, response.read().decode("utf-8", "replace")
    finally:
        connection.close()


# nginx's own main file around the site, as a distribution's would be. Its workers run as root here because the
# test's folders are root's alone (a distribution's workers are www-data, with /var/lib/nginx their own).
NGINX_MAIN = """daemon off;
user root;
worker_processes 1;
pid {folder}/nginx.pid;
error_log {folder}/error.log warn;
events {{ worker_connections 512; }}
http {{
    client_body_temp_path {folder}/body;
    proxy_temp_path {folder}/proxy;
    fastcgi_temp_path {folder}/fastcgi;
    uwsgi_temp_path {folder}/uwsgi;
    scgi_temp_path {folder}/scgi;
    include {folder}/navi-site.conf;
}}
"""


def start_nginx(city: City, folder: Path, certificate: Path, key: Path) -> subprocess.Popen:
    """nginx on the lb host with deploy/nginx-site.conf (nginx's own main file around it: the distribution's)."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "navi-site.conf").write_text(render(
        "nginx-site.conf", COUNTER_1=city.address["counter-1"], COUNTER_2=city.address["counter-2"],
        LB_HOST=city.lb_front, SERVER_NAME=city.lb_front, TLS_CERTIFICATE=str(certificate), TLS_KEY=str(key),
        ACCESS_LOG=str(folder / "access.log")), encoding="utf-8")
    (folder / "nginx.conf").write_text(NGINX_MAIN.format(folder=folder), encoding="utf-8")
    subprocess.run(city.run_in("lb", ["nginx", "-t", "-c", str(folder / "nginx.conf")]), check=True,
                   capture_output=True, timeout=30)
    process = subprocess.Popen(city.run_in("lb", ["nginx", "-c", str(folder / "nginx.conf")]),
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    wait_until_answers(city, "lb", city.lb_front, 80, process, folder / "error.log")
    return process
