"""Suite-wide fixtures: no network, no stray e-mail, a clean cache per test, and test databases
migrated once for every worker and run."""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import re
import socket
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager, suppress
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING, Any
from unittest import mock

import django
import jsonschema
import pytest
from django import db as django_db
from django.conf import settings
from django.contrib.auth.hashers import Argon2PasswordHasher
from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.core import management
from django.core.cache import caches
from django.core.handlers.wsgi import get_path_info
from django.db import connections
from django.db.backends.sqlite3.base import DatabaseWrapper as SQLiteDatabaseWrapper
from django.http import FileResponse, HttpResponse
from django.test import Client
from playwright.sync_api import Browser, Page, expect, sync_playwright
from pytest_django import DjangoDbBlocker
from pytest_django import Settings as SettingsWrapper
from pytest_django.fixtures import _get_databases_for_setup
from pytest_django.live_server_helper import LiveServer
from whitenoise.base import WhiteNoise
from whitenoise.compress import Compressor

from accessibility import check_accessibility_on_load, problems_by_page
from praxis.accounts.middleware import SECOND_FACTOR_SESSION_KEY
from praxis.core import text_index
from praxis.reference.loading import ensure_loaded

if TYPE_CHECKING:
    from django.test.client import _MonkeyPatchedWSGIResponse as Response

    from praxis.core.people import Person

ROOT = Path(__file__).resolve().parent


def _schema_digest() -> str:
    """What a migrated database depends on: Django's version and every migration of the project,
    with the data files migrations load."""
    digest = hashlib.sha256(django.get_version().encode())
    sources = [*ROOT.glob("praxis/*/migrations/*.py"), *ROOT.glob("praxis/*/data/**/*")]
    for path in sorted(path for path in sources if path.is_file()):
        digest.update(str(path.relative_to(ROOT)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _migrate_or_restore(snapshot: Path) -> Any:
    """`call_command` for Django's test database creation: an in-memory SQLite database is
    restored from a snapshot of a migrated one (taken the first time) instead of migrated, and a
    PostgreSQL one cloned from a template."""
    real_call_command = management.call_command

    def call_command(name: str, *args: Any, database: str = "default", **options: Any) -> Any:
        connection = connections[database]
        if name == "migrate" and connection.vendor == "postgresql":
            return _migrate_or_clone(
                connection, lambda: real_call_command(name, *args, database=database, **options)
            )
        if (
            name != "migrate"
            or not isinstance(connection, SQLiteDatabaseWrapper)
            or not connection.is_in_memory_db()
        ):
            return real_call_command(name, *args, database=database, **options)
        connection.ensure_connection()
        if snapshot.exists():
            with closing(sqlite3.connect(snapshot)) as source:
                source.backup(connection.connection)
            return None
        result = real_call_command(name, *args, database=database, **options)
        snapshot.parent.mkdir(parents=True, exist_ok=True)
        partial = snapshot.with_name(f"{snapshot.name}.{os.getpid()}")
        with closing(sqlite3.connect(partial)) as target:
            connection.connection.backup(target)
        partial.replace(snapshot)  # atomic: another worker may be writing the same snapshot
        return result

    return call_command


def _migrate_or_clone(connection: Any, migrate: Any) -> Any:
    """On PostgreSQL, a worker's test database is made from a template database kept on the
    server, named after the migrations, and made from the first database migrated."""
    name = connection.settings_dict["NAME"]
    base = re.sub(r"_gw\d+$", "", name)
    template = f"{base[:40]}_template_{_schema_digest()}"
    quote = connection.ops.quote_name
    with connection.creation._nodb_cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [template])
        exists = cursor.fetchone() is not None
    if exists:
        connection.close()
        with connection.creation._nodb_cursor() as cursor:
            cursor.execute(f"DROP DATABASE {quote(name)}")
            cursor.execute(f"CREATE DATABASE {quote(name)} TEMPLATE {quote(template)}")
        return None
    result = migrate()
    connection.close()
    # Another worker may have made it first.
    with connection.creation._nodb_cursor() as cursor, suppress(django_db.Error):
        cursor.execute(f"CREATE DATABASE {quote(template)} TEMPLATE {quote(name)}")
    return result


def _commits(item: pytest.Item) -> bool:
    """Whether the test runs outside a rolled-back transaction, as pytest-django tells them."""
    marker = item.get_closest_marker("django_db")
    fixtures = getattr(item, "fixturenames", ())
    return bool(marker and marker.kwargs.get("transaction")) or any(
        name in fixtures for name in ("transactional_db", "live_server")
    )


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """pytest-django has put the tests that commit after those rolled back, as Django does. The
    tests marked long (a minute or more of a browser's time) go first among those that commit:
    spread over the workers as soon as that part of the run starts, the run does not end with
    one worker on a long test and the others idle."""
    committing = [i for i, item in enumerate(items) if _commits(item)]
    if not committing:
        return
    start = committing[0]
    long = [items[i] for i in committing if items[i].get_closest_marker("long")]
    rest = [item for item in items[start:] if item not in long]
    items[start:] = long + rest


@pytest.fixture(scope="session")
def django_db_setup(
    request: pytest.FixtureRequest,
    django_test_environment: None,
    django_db_blocker: DjangoDbBlocker,
    django_db_modify_db_settings: None,
) -> Iterator[None]:
    """pytest-django's test databases, except that migrations run once for a given set of them,
    not once per worker and run: on SQLite the migrated schema is kept in var/test-databases/
    and copied into each worker's in-memory database; on PostgreSQL it is kept as a template
    database on the server. Both are named after the migrations they were built from, and a
    worker's database is always a fresh copy, so nothing one run leaves behind reaches the next."""
    from django.test.utils import setup_databases, teardown_databases

    snapshot = Path(settings.VAR_DIR) / "test-databases" / f"sqlite-{_schema_digest()}.sqlite3"
    aliases, serialized_aliases = _get_databases_for_setup(request.session.items)
    with (
        django_db_blocker.unblock(),
        mock.patch.object(management, "call_command", _migrate_or_restore(snapshot)),
    ):
        config = setup_databases(
            verbosity=request.config.option.verbose,
            interactive=False,
            aliases=aliases,  # type: ignore[arg-type]  # the stubs say a mapping; any collection does
            serialized_aliases=serialized_aliases,
        )
    yield
    with django_db_blocker.unblock():
        teardown_databases(config, verbosity=request.config.option.verbose)


# What WhiteNoise found in each static folder, by what its headers depend on (see below).
_static_files: dict[tuple[Any, ...], dict[str, Any]] = {}
_read_static_folder = WhiteNoise.update_files_dictionary


def _static_folder_read_once(self: WhiteNoise, root: str, prefix: str) -> None:
    """WhiteNoise reads every static file's size and headers when its middleware is made, and
    Django's test client makes the middleware anew for every client: 80 ms for each test that
    makes one. The files do not change during a run, so each folder is read once."""
    key = (
        type(self),
        root,
        prefix,
        self.max_age,
        self.allow_all_origins,
        self.charset,
        self.index_file,
        self.add_headers_function,
    )
    found = _static_files.get(key)
    if found is None:
        own, self.files = self.files, {}
        try:
            _read_static_folder(self, root, prefix)
            found = _static_files[key] = self.files
        finally:
            self.files = own
    self.files.update(found)


@pytest.fixture(autouse=True, scope="session")
def _static_files_read_once() -> Iterator[None]:
    with mock.patch.object(WhiteNoise, "update_files_dictionary", _static_folder_read_once):
        yield


class LoggedInClient(Client):
    """Django's test client, whose `force_login` leaves the session as a complete login does:
    for staff and platform admins, who must prove a second factor, with it proven."""

    def force_login(self, user: Person, backend: str | None = None) -> None:
        super().force_login(user, backend)
        if user.is_staff or user.is_superuser:
            session = self.session
            session[SECOND_FACTOR_SESSION_KEY] = True
            session.save()


@pytest.fixture
def client() -> LoggedInClient:
    return LoggedInClient()


@pytest.fixture(autouse=True)
def _clean_cache() -> Iterator[None]:
    for each in caches.all():
        each.clear()
    # And what this process read from PostgreSQL for searches, so that a test counting a
    # search's queries counts the same whatever ran before it.
    text_index._LEXEMES.clear()
    yield
    for each in caches.all():
        each.clear()


@pytest.fixture(autouse=True)
def _default_language() -> Iterator[None]:
    """Each test starts in the site's default language, whatever the one before activated."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _reference_data(request: pytest.FixtureRequest) -> None:
    """Transactional tests empty every table between tests; the shipped reference data is
    part of the schema as far as the application is concerned, so put it back."""
    marker = request.node.get_closest_marker("django_db")
    # Marked, or asking for an emptied database through a fixture (the live server's pages).
    if (marker and marker.kwargs.get("transaction")) or "transactional_db" in request.fixturenames:
        request.getfixturevalue("transactional_db")
        # Models can be imported only once pytest-django has set Django up.
        from praxis.competencies import skeletons
        from praxis.competencies.models import (
            Association,
            CompetencyItem,
            Framework,
            ProficiencyScale,
        )
        from praxis.reference.models import Occupation, RegionMembership

        ensure_loaded(Occupation, RegionMembership)
        # WHO's competency-framework skeletons ship in a data migration too.
        skeletons.ensure_loaded(Framework, CompetencyItem, Association, ProficiencyScale)
        # The credit systems too (attendance and course credits are counted in them).
        from django.apps import apps

        from praxis.credentials.models import CreditSystem

        if not CreditSystem.objects.exists():
            import_module("praxis.credentials.migrations.0002_credit_systems").add_systems(
                apps, None
            )


@pytest.fixture(autouse=True)
def _live_requests_finished(request: pytest.FixtureRequest) -> Iterator[None]:
    """A test with the live server ends once the server has finished what its pages asked
    for: the test's data is flushed after this (it holds the database), and a request still
    running would hold a table locked and make the flush fail."""
    if "live_server" not in request.fixturenames:
        yield
        return
    request.getfixturevalue("transactional_db")
    yield
    _wait_for_requests_in_flight()


@pytest.fixture(autouse=True)
def _cheap_argon2(monkeypatch: pytest.MonkeyPatch) -> None:
    """Argon2 still, but with 1 MiB of memory instead of 100: the suite hashes a lot."""
    monkeypatch.setattr(Argon2PasswordHasher, "memory_cost", 1024)
    monkeypatch.setattr(Argon2PasswordHasher, "parallelism", 1)


@pytest.fixture(autouse=True)
def _no_outside_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests may only talk to this machine (databases, the live server, the browser)."""
    real_connect = socket.socket.connect

    def guarded(self: socket.socket, address: Any) -> Any:
        host = address[0] if isinstance(address, tuple) else address
        if isinstance(host, str) and not (
            host.startswith("127.") or host in {"localhost", "::1"} or host.startswith("/")
        ):
            raise RuntimeError(f"test tried to reach {host}")
        return real_connect(self, address)

    monkeypatch.setattr(socket.socket, "connect", guarded)


class SchemaCheckedClient:
    """A test client whose every /api/ response is checked against the OpenAPI document.

    A response whose status the operation does not declare, or whose body does not match the
    declared schema, fails the test.
    """

    def __init__(self, client: Client) -> None:
        self.client = client
        self._spec: dict[str, Any] | None = None

    def __getattr__(self, name: str) -> Any:
        return getattr(self.client, name)

    @property
    def spec(self) -> dict[str, Any]:
        if self._spec is None:
            # Imported on first use: Django is configured only once pytest-django has started.
            from praxis.api import api

            # Through JSON, as clients see it: status codes become string keys.
            self._spec = json.loads(json.dumps(api.get_openapi_schema(), default=str))
        return self._spec

    def _operation(self, method: str, path: str) -> dict[str, Any]:
        bare = path.split("?", 1)[0]
        for template, operations in self.spec["paths"].items():
            pattern = "^" + re.sub(r"\{[^}]+\}", r"[^/]+", template) + "$"
            if re.match(pattern, bare) and method in operations:
                operation: dict[str, Any] = operations[method]
                return operation
        raise AssertionError(f"{method.upper()} {bare} is not in the OpenAPI document")

    def check(self, method: str, path: str, response: Response) -> None:
        operation = self._operation(method, path)
        declared = operation.get("responses", {})
        status = str(response.status_code)
        assert status in declared, (
            f"{method.upper()} {path} answered {status}, which it does not declare "
            f"({sorted(declared)}): {response.content[:300]!r}"
        )
        content = declared[status].get("content", {}).get("application/json")
        if content is None:
            return
        schema = {**content["schema"], "components": self.spec.get("components", {})}
        jsonschema.validate(response.json(), schema, cls=jsonschema.Draft202012Validator)

    def _call(self, method: str, path: str, *args: Any, **kwargs: Any) -> Response:
        if "data" in kwargs and not isinstance(kwargs["data"], str | bytes):
            kwargs["data"] = json.dumps(kwargs["data"])
            kwargs.setdefault("content_type", "application/json")
        response: Response = getattr(self.client, method)(path, *args, **kwargs)
        if path.startswith("/api/"):
            self.check(method, path, response)
        return response

    def get(self, path: str, *args: Any, **kwargs: Any) -> Response:
        return self._call("get", path, *args, **kwargs)

    def post(self, path: str, *args: Any, **kwargs: Any) -> Response:
        kwargs.setdefault("content_type", "application/json")
        return self._call("post", path, *args, **kwargs)

    def put(self, path: str, *args: Any, **kwargs: Any) -> Response:
        kwargs.setdefault("content_type", "application/json")
        return self._call("put", path, *args, **kwargs)

    def patch(self, path: str, *args: Any, **kwargs: Any) -> Response:
        kwargs.setdefault("content_type", "application/json")
        return self._call("patch", path, *args, **kwargs)

    def delete(self, path: str, *args: Any, **kwargs: Any) -> Response:
        return self._call("delete", path, *args, **kwargs)


@pytest.fixture
def api_client(client: Client) -> SchemaCheckedClient:
    """Django's test client, checking each /api/ response against the OpenAPI document."""
    return SchemaCheckedClient(client)


# Browser tests: Debian's Chromium driven by Playwright. Chromium runs as root on a
# closed network, hence the flags.
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


@pytest.fixture(scope="session")
def chromium() -> Iterator[Browser]:
    """One headless Chromium for the test session (per xdist worker)."""
    # Playwright's sync API runs an event loop in this thread; the ORM calls the tests make
    # around it are ordinary synchronous calls.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    # Without it Playwright leaves service workers out of its network emulation: a context set
    # offline could still have its service worker reach the server (its page then came from the
    # network), whenever Chromium did not happen to throttle the worker with the page.
    os.environ["PW_EXPERIMENTAL_SERVICE_WORKER_NETWORK_EVENTS"] = "1"
    # What a test expects to see is awaited as long as its actions are (the contexts' default
    # timeout below), not expect's own 5 s: on a busy two-core machine running two browsers,
    # a page that scripts draw (the offline course page reads its download first) took longer.
    expect.set_options(timeout=15_000)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


class CompressedStaticFilesHandler(StaticFilesHandler):
    """Static files sent as a deployment sends them: WhiteNoise serves the gzip copies that
    `collectstatic` made of every compressible file, so a page's weight in the tests is the
    weight a phone receives."""

    compressible = Compressor(quiet=True)

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Any:
        if self._should_handle(get_path_info(environ)):
            return super().__call__(environ, start_response)
        with one_at_a_time():
            return super().__call__(environ, start_response)

    def serve(self, request: Any) -> Any:
        response = super().serve(request)
        if (
            not isinstance(response, FileResponse)
            or response.status_code != 200
            or "gzip" not in request.headers.get("Accept-Encoding", "")
            or not self.compressible.should_compress(request.path)
        ):
            return response
        with closing(response):
            compressed = HttpResponse(
                gzip.compress(response.getvalue()), content_type=response["Content-Type"]
            )
        compressed["Content-Encoding"] = "gzip"
        compressed["Vary"] = "Accept-Encoding"
        return compressed


@pytest.fixture(scope="session")
def live_server(request: pytest.FixtureRequest) -> Iterator[LiveServer]:
    """pytest-django's live server, serving static files compressed as in a deployment."""
    address = (
        request.config.getvalue("liveserver")
        or os.getenv("DJANGO_LIVE_TEST_SERVER_ADDRESS")
        or "localhost"
    )
    server = LiveServer(address, start=False)
    server.thread.static_handler = CompressedStaticFilesHandler
    server.start()
    yield server
    server.stop()


@pytest.fixture
def page(chromium: Browser, live_server: LiveServer) -> Iterator[Page]:
    """A fresh browser page (no cookies) with `base_url` set to the live server.

    axe-core checks every HTML page the test loads, as it loads; the test fails on any WCAG
    2.1 A/AA violation found on any of them."""
    context = chromium.new_context(base_url=live_server.url, locale="en-GB")
    context.set_default_timeout(15_000)
    tab = context.new_page()
    found: list[str] = []
    check = check_accessibility_on_load(tab, found)
    problems_by_page[tab] = found
    yield tab
    del problems_by_page[tab]
    if not tab.is_closed():
        check(tab)  # the page the test ended on, as it ended
    tab.remove_listener("load", check)
    context.close()
    _wait_for_requests_in_flight()
    assert not found, "Accessibility violations:\n" + "\n".join(found)


def _wait_for_requests_in_flight(timeout: float = 15.0) -> None:
    """Let the live server finish the requests the closed page left running (an image the
    accessibility check scrolled into view), so that none is still using the database when the
    test's data is flushed."""
    deadline = time.monotonic() + timeout
    for thread in threading.enumerate():
        if thread.name.endswith("(process_request_thread)"):
            while True:
                try:
                    thread.join(max(0.0, deadline - time.monotonic()))
                    break
                except RuntimeError:  # listed while it is being started: not joinable yet
                    if time.monotonic() > deadline:
                        break
                    time.sleep(0.01)


def other_origin(url: str) -> str:
    """The live server's address under its other host name ("localhost" and 127.0.0.1 are two
    origins to a browser, with their own cookies)."""
    if "localhost" in url:
        return url.replace("localhost", "127.0.0.1")
    return url.replace("127.0.0.1", "localhost")


@pytest.fixture
def package_origin(settings: SettingsWrapper, live_server: LiveServer, tmp_path: Path) -> str:
    """Package content served on the live server's other origin, as a deployment serves it on a
    host of its own; the origin."""
    settings.SITE_URL = live_server.url
    settings.PACKAGE_ORIGIN = other_origin(live_server.url)
    settings.PACKAGE_ROOT = str(tmp_path / "packages")
    return str(settings.PACKAGE_ORIGIN)


_SHARED_CONNECTION = threading.Lock()


@contextmanager
def one_at_a_time() -> Iterator[None]:
    """On SQLite the live server's request threads and the test's own thread use the test's one
    in-memory connection, whose transaction state (an atomic block, a savepoint, a rollback
    pending) is not theirs alone: a request reads or writes the database only while nothing else
    does. On PostgreSQL each thread has its own connection and nothing waits."""
    connection = connections["default"]
    if not isinstance(connection, SQLiteDatabaseWrapper) or not connection.is_in_memory_db():
        yield
        return
    with _SHARED_CONNECTION:
        yield


def eventually(check: Callable[[], bool], seconds: float = 10) -> None:
    """Wait for what the browser sent (a beacon, a statement) to reach the server, looking
    between the live server's requests."""
    deadline = time.monotonic() + seconds
    while not _seen(check):
        if time.monotonic() > deadline:
            raise AssertionError("the server never saw it")
        time.sleep(0.1)


def _seen(check: Callable[[], bool]) -> bool:
    with one_at_a_time():
        return check()


def sign_in(page: Page, live_server: LiveServer, user: Person, language: str | None = None) -> None:
    """Sign `user` in on the page's browser through a session cookie (no login form), with the
    interface in `language` when one is given. Staff come in with their second factor proven."""
    client = LoggedInClient()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])
    if language is not None:
        in_language(page, live_server, language)


def in_language(page: Page, live_server: LiveServer, language: str) -> None:
    """Show the interface of the page's browser in `language` from its next load."""
    page.context.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url}]
    )


def sideways(page: Page) -> int:
    """How far (CSS px) the page, once loaded, scrolls sideways: more than 0 is too wide."""
    page.wait_for_load_state()
    overflow: int = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    return overflow


def open_menu(page: Page) -> None:
    """Open the header's menu (a details element), where the language chooser and each
    person's links are."""
    menu = page.locator("details.menu")
    if menu.get_attribute("open") is None:
        menu.locator("summary").click()


# The demo ecosystem, for tests that look at it through pages: loaded once per test worker and
# copied into each test's emptied database, since loading it takes a minute and a copy
# milliseconds. Tests that change it get a fresh copy each.
DEMO_SNAPSHOT_SCHEMA = "demo_snapshot"


@pytest.fixture(scope="session")
def demo_snapshot_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("demo") / "demo.sqlite3"


@pytest.fixture
def demo_ecosystem(demo_snapshot_file: Path, transactional_db: None) -> None:
    """The demo ecosystem as `load_demo` leaves it, in this test's database."""
    copy_demo(demo_snapshot_file)


def copy_demo(snapshot_file: Path) -> None:
    """Put the demo ecosystem in the test database in place of what is there: loaded the first
    time and kept (in `snapshot_file` on SQLite, in a schema of the database on PostgreSQL),
    copied from what was kept after that."""
    from django.contrib.contenttypes.models import ContentType

    connection = connections["default"]
    if isinstance(connection, SQLiteDatabaseWrapper) and connection.is_in_memory_db():
        connection.ensure_connection()
        if snapshot_file.exists():
            with closing(sqlite3.connect(snapshot_file)) as source:
                source.backup(connection.connection)
        else:
            _load_demo()
            with closing(sqlite3.connect(snapshot_file)) as target:
                connection.connection.backup(target)
    elif connection.vendor == "postgresql":
        if not _postgres_demo_snapshot_exists(connection):
            _load_demo()
            _take_postgres_demo_snapshot(connection)
        else:
            _restore_postgres_demo_snapshot(connection)
    else:
        _load_demo()
    ContentType.objects.clear_cache()
    for each in caches.all():
        each.clear()


def _load_demo() -> None:
    """`load_demo`, with the passwords hashed as the project hashes them, whatever the test
    that happens to load the copy first has set: later tests log in with them."""
    from django.test import override_settings

    from praxis import settings as project_settings

    with override_settings(PASSWORD_HASHERS=project_settings.PASSWORD_HASHERS):
        management.call_command("load_demo", verbosity=0)


def _postgres_tables(connection: Any) -> dict[str, list[str]]:
    """Every table of the test database but Django's record of migrations, with the columns a
    row can be given (generated ones are left out)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT table_name, column_name FROM information_schema.columns"
            " WHERE table_schema = 'public' AND is_generated = 'NEVER'"
            " AND table_name IN (SELECT table_name FROM information_schema.tables"
            "  WHERE table_schema = 'public' AND table_type = 'BASE TABLE')"
            " ORDER BY table_name, ordinal_position"
        )
        tables: dict[str, list[str]] = {}
        for table, column in cursor.fetchall():
            if table != "django_migrations":
                tables.setdefault(table, []).append(column)
    return tables


def _postgres_demo_snapshot_exists(connection: Any) -> bool:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT 1 FROM information_schema.schemata WHERE schema_name = %s",
            [DEMO_SNAPSHOT_SCHEMA],
        )
        return cursor.fetchone() is not None


def _take_postgres_demo_snapshot(connection: Any) -> None:
    """A copy of every table, in a schema of its own that Django's flush between tests leaves
    alone (it empties the tables on the search path only)."""
    quote = connection.ops.quote_name
    schema = quote(DEMO_SNAPSHOT_SCHEMA)
    with django_db.transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"CREATE SCHEMA {schema}")
        for table, columns in _postgres_tables(connection).items():
            listed = ", ".join(quote(column) for column in columns)
            cursor.execute(
                f"CREATE TABLE {schema}.{quote(table)} AS SELECT {listed} FROM {quote(table)}"  # noqa: S608  # names from the catalogue, quoted
            )


def _restore_postgres_demo_snapshot(connection: Any) -> None:
    """Every table emptied and filled from the snapshot in one transaction (Django's foreign
    keys are checked at commit), then every sequence moved past the rows copied in."""
    from django.apps import apps
    from django.core.management.color import no_style

    quote = connection.ops.quote_name
    schema = quote(DEMO_SNAPSHOT_SCHEMA)
    tables = _postgres_tables(connection)
    with django_db.transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {', '.join(quote(table) for table in tables)} CASCADE")
        for table, columns in tables.items():
            listed = ", ".join(quote(column) for column in columns)
            kept = f"{schema}.{quote(table)}"
            copy = f"INSERT INTO {quote(table)} ({listed}) SELECT {listed} FROM {kept}"  # noqa: S608  # names from the catalogue, quoted
            cursor.execute(copy)
        for statement in connection.ops.sequence_reset_sql(no_style(), apps.get_models()):
            cursor.execute(statement)
