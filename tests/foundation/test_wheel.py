"""The wheel is the whole application: built, installed far from the checkout, served in Chinese."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
import requests
from babel.messages.pofile import read_po

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
# The build gets the sources only: nothing a developer's tree generated (a compiled catalogue
# above all, so that the wheel's can only come from the build step).
NOT_SOURCES = shutil.ignore_patterns(
    ".git", ".venv", "build", "dist", "*.egg-info", "__pycache__", "*.pyc", ".*_cache",
    "instance", "exports", "tests", "bench", "docs", "*.mo",
)  # fmt: skip


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def run(args: list, *, timeout: float = 600, **kwargs) -> subprocess.CompletedProcess:
    """Run a command to its end, its output kept as text."""
    return subprocess.run(
        [str(a) for a in args], capture_output=True, text=True, timeout=timeout, **kwargs
    )


def build_wheel(tmp: Path) -> tuple[Path, str]:
    """python -m build --wheel on a copy of the sources; the wheel and what the build printed."""
    sources, dist = tmp / "src", tmp / "dist"
    shutil.copytree(ROOT, sources, ignore=NOT_SOURCES)
    built = run([sys.executable, "-m", "build", "--wheel", "--outdir", dist, sources])
    printed = built.stdout + built.stderr
    assert built.returncode == 0, printed[-3000:]
    (wheel,) = dist.glob("*.whl")
    return wheel, printed


def install(wheel: Path, venv: Path) -> None:
    """A fresh virtualenv with the wheel, its dependencies at the versions this one runs."""
    assert run([sys.executable, "-m", "venv", venv]).returncode == 0
    # The versions of the running test venv: pip finds them in its cache, nothing to resolve.
    freeze = run([sys.executable, "-m", "pip", "freeze", "--exclude-editable"])
    pinned = [line for line in freeze.stdout.splitlines() if re.match(r"[\w.-]+==", line)]
    constraints = venv / "constraints.txt"
    constraints.write_text("\n".join(pinned) + "\n")
    installed = run([venv / "bin/python", "-m", "pip", "install", "-q", "-c", constraints, wheel])
    assert installed.returncode == 0, installed.stderr[-3000:]


def user_env(venv: Path) -> dict[str, str]:
    """A user's shell with the virtualenv on the PATH and none of the suite's settings."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DATABASE_URL", "SECRET_KEY", "EXPORT_DIR", "PYTHONPATH", "VIRTUAL_ENV")
        and not key.startswith("WORKBENCH_")
    }
    env["PATH"] = f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}"
    return env


def text_nodes(html: str) -> set[str]:
    """The texts between tags of a page, stripped."""
    return {node.strip() for node in re.findall(r">([^<>]+)<", html) if node.strip()}


def assert_chinese_interface(base: str) -> None:
    """Every interface string of the English home page comes back in Chinese after the switch."""
    with (ROOT / "workbench/translations/zh/LC_MESSAGES/messages.po").open("rb") as handle:
        chinese = {m.id: m.string for m in read_po(handle) if isinstance(m.id, str) and m.id}
    english = requests.get(f"{base}/", headers={"Accept-Language": "en"}, timeout=30)
    # The switch names each language in itself: its "English" stays English.
    shown = {text for text in text_nodes(english.text) if chinese.get(text)} - {"English"}
    assert len(shown) >= 10, shown  # the navigation alone has more
    reader = requests.Session()
    switched = reader.get(f"{base}/language", params={"lang": "zh", "next": "/"}, timeout=30)
    assert switched.status_code == 200 and switched.url == f"{base}/"
    page = switched.text
    assert '<html lang="zh-Hans">' in page
    assert re.search(r'aria-current="true">中文</a>', page)
    assert {chinese[text] for text in shown} <= text_nodes(page)
    assert not shown & text_nodes(page)
    title = re.search(r"<title>(.*?)</title>", page).group(1)
    assert title.endswith(chinese["Treaty workbench"]), title


def serve(venv: Path, site: Path, port: int) -> subprocess.Popen:
    """workbench serve from the site folder, once it answers."""
    server = subprocess.Popen(
        [venv / "bin/workbench", "serve", "--port", str(port)],
        cwd=site,
        env=user_env(venv),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and server.poll() is None:
        try:
            if requests.get(f"http://127.0.0.1:{port}/healthz", timeout=2).ok:
                return server
        except requests.ConnectionError:
            time.sleep(0.2)
    server.kill()
    out, err = server.communicate(timeout=10)
    pytest.fail(f"workbench serve did not answer: {out} {err}")


def test_the_wheel_installed_far_from_the_checkout_is_the_whole_application(tmp_path):
    assert not tmp_path.is_relative_to(ROOT)
    wheel, printed = build_wheel(tmp_path)
    assert "deprecat" not in printed.lower(), printed

    names = set(zipfile.ZipFile(wheel).namelist())
    shipped = {
        **{f"workbench/{p.relative_to(ROOT).as_posix()}": p for p in ROOT.glob("templates/**/*.html")},
        **{f"workbench/{p.relative_to(ROOT).as_posix()}": p for p in ROOT.glob("static/*.*")},
        **{f"workbench/{p.relative_to(ROOT).as_posix()}": p for p in ROOT.glob("migrations/**/*.py")},
        **{p.relative_to(ROOT).as_posix(): p for p in ROOT.glob("workbench/corpus/data/**/*.*")},
    }  # fmt: skip
    assert "workbench/migrations/script.py.mako" in names
    assert len(shipped) > 40 and set(shipped) <= names, sorted(set(shipped) - names)
    catalogues = [
        p.relative_to(ROOT).with_suffix(".mo").as_posix()
        for p in ROOT.glob("workbench/translations/*/LC_MESSAGES/*.po")
    ]
    assert catalogues and set(catalogues) <= names
    assert any(name.endswith(".dist-info/licenses/LICENSE") for name in names)

    venv, site = tmp_path / "venv", tmp_path / "site"
    install(wheel, venv)
    site.mkdir()
    env = user_env(venv)
    where = run(
        [venv / "bin/python", "-c", "from workbench.resources import resource_folder as f; "
         "print(*(f(n) for n in ('templates', 'static', 'migrations', 'translations')))"],
        cwd=site, env=env,
    )  # fmt: skip
    package = next((venv / "lib").glob("python3.*/site-packages/workbench"))
    assert where.stdout.split() == [
        str(package / name) for name in ("templates", "static", "migrations", "translations")
    ], where.stderr

    for command in (["init"], ["load-corpus"]):
        done = run([venv / "bin/workbench", *command], cwd=site, env=env)
        assert done.returncode == 0, done.stderr
    instance = venv / "var" / "workbench-instance"
    assert (instance / "workbench.sqlite3").is_file()

    port = free_port()
    server = serve(venv, site, port)
    try:
        base = f"http://127.0.0.1:{port}"
        assert_chinese_interface(base)
        css = requests.get(f"{base}/static/workbench.css", timeout=30)
        assert css.status_code == 200 and css.headers["Content-Type"].startswith("text/css")
        assert css.content == (ROOT / "static/workbench.css").read_bytes()
        budapest = requests.get(f"{base}/api/instruments/budapest-ets185", timeout=30)
        assert budapest.status_code == 200 and budapest.json()["slug"] == "budapest-ets185"
    finally:
        server.terminate()
        server.communicate(timeout=30)

    exported = run(
        [venv / "bin/workbench", "export", "budapest-ets185", "--mode", "brackets"],
        cwd=site, env=env,
    )  # fmt: skip
    assert exported.returncode == 0, exported.stderr
    written = Path(exported.stdout.strip())
    assert written.parent == instance / "exports" and written.is_file()
    assert list(site.iterdir()) == []  # nothing lands where the commands ran

    # A plain install without its compiled catalogue refuses to start, in one sentence.
    (package / "translations/zh/LC_MESSAGES/messages.mo").unlink()
    refused = run(
        [venv / "bin/workbench", "serve", "--port", free_port()], cwd=site, env=env, timeout=120
    )
    assert refused.returncode == 1 and "Traceback" not in refused.stderr
    assert refused.stderr.startswith("Error: The Chinese interface catalogue "), refused.stderr
    assert len(refused.stderr.strip().splitlines()) == 1
    shutil.rmtree(venv)  # a few hundred megabytes pytest would otherwise keep
