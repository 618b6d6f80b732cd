"""Configuration: defaults, then the instance file, then the environment."""

from __future__ import annotations

import os
import secrets
from contextlib import contextmanager
from pathlib import Path

from flask import Flask
from flask.sansio.scaffold import find_package

from workbench.errors import WorkbenchError
from workbench.files import write_atomically


class Defaults:
    """Settings every deployment starts from."""

    DATABASE_URL: str | None = None  # None: a SQLite file in the instance folder
    SECRET_KEY: str | None = None  # None: generated once into the instance folder
    EXPORT_DIR: str | None = None  # None: see default_export_dir
    # Reading may be public; writing always requires a login with the right role.
    READ_REQUIRES_LOGIN = False
    MAX_CONTENT_LENGTH = 16 * 1024 * 1024  # whole request bodies (uploads included)
    MAX_JSON_BYTES = 1024 * 1024  # JSON request bodies
    MAX_TEXT_CHARS = 50_000  # one provision's wording in one language
    MAX_SHORT_CHARS = 500  # titles, labels, names
    IMPORT_MAX_BYTES = 10 * 1024 * 1024  # an imported file on disk
    IMPORT_MAX_UNZIPPED_BYTES = 80 * 1024 * 1024  # a .docx once decompressed
    IMPORT_MAX_COMPRESSION_RATIO = 100  # beyond this a .docx is treated as a zip bomb
    # Failed logins, counted in the database (shared by every worker): per address and
    # name within a minute, and per address across all names within the window.
    LOGIN_ATTEMPTS_PER_MINUTE = 10
    LOGIN_FAILURES_PER_ADDRESS = 30
    LOGIN_ADDRESS_WINDOW_SECONDS = 600
    # PDF conversions (LibreOffice) per client within the window; cached PDFs are free.
    PDF_EXPORTS_PER_CLIENT = 5
    PDF_EXPORT_WINDOW_SECONDS = 600
    PDF_CACHE_FILES = 64
    # A browser session ends after this long unused, and after this long whatever happens.
    SESSION_IDLE_MINUTES = 120
    SESSION_MAX_HOURS = 12
    TOKEN_DAYS = 90  # an API token's lifetime unless asked otherwise
    # Admins and the secretariat must log in with a TOTP code (others may enrol).
    TOTP_REQUIRED_FOR_STAFF = False
    # Served over HTTPS (behind a reverse proxy): cookies are sent only over HTTPS.
    HTTPS = False
    # Reverse proxies in front of the app whose X-Forwarded-For/-Proto/-Host are trusted.
    TRUSTED_PROXIES = 0
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = False  # HTTPS = True sets it
    REMEMBER_COOKIE_HTTPONLY = True
    WTF_CSRF_TIME_LIMIT = None
    BABEL_DEFAULT_LOCALE = "en"
    LANGUAGES = ("en", "zh")
    JSON_SORT_KEYS = False
    # Pages anonymous readers see, kept in memory until the data changes (0: off).
    PAGE_CACHE_SIZE = 256
    # Shared pages (the provision page) rendered for every reader, logged in or not.
    FRAGMENT_CACHE_SIZE = 256


def _installed_prefix() -> tuple[str | None, Path]:
    """Where the package is installed (None: a checkout) and the folder it is imported from."""
    # Flask's own answer, so that the folders below follow its rule for instance folders; an
    # editable install is imported from the checkout itself.
    prefix, folder = find_package(__name__.partition(".")[0])
    return prefix, Path(folder)


def default_instance_path() -> str:
    """WORKBENCH_INSTANCE_PATH, else instance/ in a checkout, <prefix>/var/workbench-instance."""
    # <prefix> is the virtualenv's (or ~/.local, /usr/local) for an installed wheel: the same
    # database whichever folder a command runs in.
    configured = os.environ.get("WORKBENCH_INSTANCE_PATH")
    if configured:
        return os.path.abspath(configured)
    prefix, folder = _installed_prefix()
    if prefix is None:
        return str(folder / "instance")
    return os.path.join(prefix, "var", "workbench-instance")


def default_export_dir(instance_path: str | None = None) -> Path:
    """Where exports land without EXPORT_DIR: exports/ of a checkout, else the instance's."""
    prefix, folder = _installed_prefix()
    if prefix is None:
        return folder / "exports"
    return Path(instance_path or default_instance_path()) / "exports"


def ensure_instance_folder(app: Flask) -> Path:
    """Create the instance folder, or say in one sentence why it cannot be used."""
    path = Path(app.instance_path)
    try:
        path.mkdir(parents=True, exist_ok=True)
        probe = path / ".write-test"
        probe.write_text("ok")
        probe.unlink()
    except OSError as exc:
        raise WorkbenchError(
            f"The instance folder {path} is not writable ({exc.strerror or exc}); "
            "set WORKBENCH_INSTANCE_PATH to a writable folder."
        ) from None
    return path


# A key the workbench generated is 64 hexadecimal digits; one set by hand is at least this long.
MIN_SECRET_KEY_CHARS = 32


def _secret_key(app: Flask) -> str:
    """The key in the instance folder; made (or remade, if a crash left it empty) once."""
    folder = ensure_instance_folder(app)
    key_file = folder / "secret_key"
    # One process at a time decides: sibling workers starting together must share one key.
    with _locked(folder / ".secret_key.lock"):
        try:
            key = key_file.read_text(encoding="utf-8").strip()
        except FileNotFoundError:
            key = None
        except (OSError, UnicodeDecodeError) as exc:
            app.logger.warning("The secret key file %s cannot be read (%s).", key_file, exc)
            key = ""
        if key is not None and len(key) >= MIN_SECRET_KEY_CHARS and key.isprintable():
            return key
        if key is not None:
            app.logger.warning(
                "The secret key file %s was empty or damaged (a crash while it was written?); "
                "it is replaced by a new key: everyone must log in again.",
                key_file,
            )
        key = secrets.token_hex(32)
        # Owner-only permissions: the key signs every session cookie.
        write_atomically(key_file, key.encode(), mode=0o600)
        return key


@contextmanager
def _locked(path: Path):
    """An exclusive lock on ``path`` while the block runs (no lock where flock is missing)."""
    try:
        import fcntl
    except ImportError:  # Windows: one process starts the server
        yield
        return
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def load_config(app: Flask, overrides: dict | None = None) -> None:
    """Fill app.config from defaults, instance/config.py, the environment, then overrides."""
    app.config.from_object(Defaults)
    app.config.from_pyfile("config.py", silent=True)
    for name in ("DATABASE_URL", "SECRET_KEY", "EXPORT_DIR"):
        if os.environ.get(name):
            app.config[name] = os.environ[name]
    app.config.from_prefixed_env("WORKBENCH")
    if overrides:
        app.config.update(overrides)
    if not app.config.get("DATABASE_URL"):
        folder = ensure_instance_folder(app)
        app.config["DATABASE_URL"] = f"sqlite:///{folder / 'workbench.sqlite3'}"
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = _secret_key(app)
    if not app.config.get("EXPORT_DIR"):
        app.config["EXPORT_DIR"] = str(default_export_dir(app.instance_path))
