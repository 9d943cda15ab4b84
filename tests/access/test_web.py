"""The sign-in and sign-out routes and the download guard, driven over ASGI (no browser) on both engines."""

import asyncio
from http.cookies import SimpleCookie
from urllib.parse import urlencode

import pytest
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.responses import PlainTextResponse
from starlette.routing import Route

from tracker import access
from tracker.access import web

HOST = "tracker.example.org"
PASSWORD = "a long test password"


def call(app, method: str, path: str, *, form: dict | None = None, headers: dict | None = None):
    """One request through the ASGI app: (status, headers as a dict of lists, body)."""
    body = urlencode(form or {}).encode()
    raw = [(b"host", HOST.encode())] + [(k.lower().encode(), v.encode()) for k, v in (headers or {}).items()]
    if form is not None:
        raw.append((b"content-type", b"application/x-www-form-urlencoded"))
    scope = {"type": "http", "method": method, "path": path, "raw_path": path.encode(), "query_string": b"",
             "headers": raw, "scheme": "http", "server": (HOST, 80), "client": ("10.1.2.3", 5555),
             "http_version": "1.1", "root_path": ""}
    sent, answer = [{"type": "http.request", "body": body, "more_body": False}], {"headers": {}, "body": b""}

    async def receive():
        return sent.pop(0) if sent else {"type": "http.disconnect"}

    async def send(message):
        if message["type"] == "http.response.start":
            answer["status"] = message["status"]
            for key, value in message["headers"]:
                answer["headers"].setdefault(key.decode(), []).append(value.decode())
        else:
            answer["body"] += message.get("body", b"")

    asyncio.run(app(scope, receive, send))
    return answer["status"], answer["headers"], answer["body"]


@pytest.fixture
def server(engine, db_url, monkeypatch):
    """The routes and the guard in front of a stand-in for Streamlit's media and metrics routes."""
    monkeypatch.setenv("DATABASE_URL", db_url)
    monkeypatch.setenv("TRACKER_SESSION_SECRET", "a test secret")
    access.add_person(engine, "ana@example.org", "monitor", PASSWORD)
    stand_in = [Route("/media/{name}", lambda request: PlainTextResponse("file")),
                Route("/_stcore/metrics", lambda request: PlainTextResponse("metrics"))]
    yield Starlette(routes=web.routes() + stand_in, middleware=[Middleware(web.SessionGuard)])
    web._engine.cache_clear()


SAME_SITE = {"Origin": f"http://{HOST}"}


def sign_in(server, password=PASSWORD, next_url="/assess?item=Q1&part=III", headers=SAME_SITE):
    return call(server, "POST", web.SIGN_IN_PATH, form={"username": "ana@example.org", "password": password,
                                                        "next": next_url}, headers=headers)


def session_cookie(headers) -> str:
    [line] = [c for c in headers["set-cookie"] if c.startswith(f"{access.COOKIE}=")]
    return SimpleCookie(line)[access.COOKIE].value


def test_a_sign_in_sets_a_signed_http_only_lax_cookie_and_returns_to_the_page(server, engine):
    status, headers, _ = sign_in(server)
    assert status == 303 and headers["location"] == ["/assess?item=Q1&part=III"]
    [line] = headers["set-cookie"]
    attributes = {part.strip().split("=")[0].lower() for part in line.split(";")}
    assert {"httponly", "samesite", "path", "max-age"} <= attributes and "samesite=lax" in line.lower()
    assert access.resolve(engine, session_cookie(headers), access.SessionPolicy.from_env()) == "ana@example.org"


@pytest.mark.parametrize("headers", [{}, {"Origin": "https://evil.example"}, {"Origin": "null"},
                                     {"Referer": "https://evil.example/page"}])
def test_a_form_posted_from_another_site_is_refused(server, headers):
    status, answer, body = sign_in(server, headers=headers)
    assert status == 403 and "set-cookie" not in answer and b"not sent from this site" in body


def test_a_referer_from_this_site_is_enough_when_origin_is_missing(server):
    assert sign_in(server, headers={"Referer": f"http://{HOST}/sign-in"})[0] == 303


@pytest.mark.parametrize("target, lands", [
    ("/item?item=Q3", "/item?item=Q3"), ("https://evil.example/", "/"), ("//evil.example/x", "/"),
    ("/\\evil.example", "/"), ("javascript:alert(1)", "/"), ("", "/")])
def test_only_paths_on_this_site_are_returned_to(server, target, lands):
    assert sign_in(server, next_url=target)[1]["location"] == [lands]


def test_a_refused_sign_in_comes_back_with_the_reason_and_no_cookie(server):
    for expected in ("failed-0", "failed-0", "failed-2", "throttled-2"):
        status, headers, _ = sign_in(server, password="wrong password")
        assert status == 303 and "set-cookie" not in headers
        assert headers["location"] == [f"/assess?item=Q1&part=III&sign-in={expected}"]


def test_sign_out_ends_the_session_and_clears_the_cookie(server, engine):
    cookie = session_cookie(sign_in(server)[1])
    status, headers, _ = call(server, "POST", web.SIGN_OUT_PATH, form={"next": "/"},
                              headers={**SAME_SITE, "Cookie": f"{access.COOKIE}={cookie}"})
    assert status == 303 and any(c.startswith(f'{access.COOKIE}=""') for c in headers["set-cookie"])
    assert access.resolve(engine, cookie, access.SessionPolicy.from_env()) is None


@pytest.mark.parametrize("anonymous_view, path, signed_in, status", [
    ("0", "/media/abc.csv", False, 403), ("0", "/media/abc.csv", True, 200),
    ("0", "/_stcore/metrics", False, 403), ("0", "/_stcore/metrics", True, 200),
    ("1", "/media/abc.csv", False, 200),
])
def test_downloads_and_metrics_need_a_session_when_viewing_does(server, monkeypatch, anonymous_view, path,
                                                                 signed_in, status):
    monkeypatch.setenv("TRACKER_ANONYMOUS_VIEW", anonymous_view)
    headers = {"Cookie": f"{access.COOKIE}={session_cookie(sign_in(server)[1])}"} if signed_in else {}
    assert call(server, "GET", path, headers=headers)[0] == status


def test_a_refusal_goes_back_to_the_form_and_a_success_to_the_next_page(server):
    form = {"username": "ana@example.org", "next": "/", "back": "/sign-in"}
    refused = call(server, "POST", web.SIGN_IN_PATH, form={**form, "password": "wrong"}, headers=SAME_SITE)
    assert refused[1]["location"] == ["/sign-in?sign-in=failed-0"]
    signed_in = call(server, "POST", web.SIGN_IN_PATH, form={**form, "password": PASSWORD}, headers=SAME_SITE)
    assert signed_in[1]["location"] == ["/"]
