"""The HTTP side of sessions, served by the app's own process: sign-in and sign-out routes that set and clear
the cookie, and a guard that keeps downloads and metrics from visitors without a session when viewing needs one."""

from functools import cache
from urllib.parse import parse_qs, urlencode, urlsplit

from sqlalchemy import Engine
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response
from starlette.routing import Route

from tracker.access import sessions
from tracker.access.signin import SignInResult, attempt
from tracker.i18n import Translator, resolve_language, translator
from tracker.settings import load_settings
from tracker.store.db import make_engine, migrate

SIGN_IN_PATH = "/session/sign-in"
SIGN_OUT_PATH = "/session/sign-out"
# The query parameter a refused sign-in comes back with: "failed-<seconds>" or "throttled-<seconds>".
RESULT_PARAM = "sign-in"


@cache
def _engine(url: str) -> Engine:
    engine = make_engine(url)
    migrate(engine)
    return engine


def engine() -> Engine:
    return _engine(load_settings().database_url)


def safe_next(target: str | None, base: str = "") -> str:
    """A path on this site to return to; anything else (another host, `//evil`, `/\\evil`) becomes the home page."""
    home = f"{base}/"
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return home
    parts = urlsplit(target)
    return home if parts.scheme or parts.netloc else target


def same_origin(request: Request) -> bool:
    """The form came from a page of this site: browsers send Origin (or at least Referer) on a form POST."""
    sent = request.headers.get("origin") or request.headers.get("referer")
    if not sent or sent == "null":
        return False
    return urlsplit(sent).netloc == request.headers.get("host")


def with_result(target: str, result: SignInResult) -> str:
    kind = "throttled" if result.throttled else "failed"
    return f"{target}{'&' if '?' in target else '?'}{urlencode({RESULT_PARAM: f'{kind}-{result.wait_seconds}'})}"


def result_from_param(value: str | None) -> SignInResult | None:
    """The refusal a sign-in redirect carried back, to show on the page."""
    kind, _, seconds = (value or "").partition("-")
    if kind not in {"failed", "throttled"} or not seconds.isdigit():
        return None
    return SignInResult(wait_seconds=min(int(seconds), 24 * 3600), throttled=kind == "throttled")


def request_translator(request: Request) -> Translator:
    """These routes answer outside Streamlit: the language of the page's `?lang=`, the form's, the browser's
    Accept-Language, else the setting."""
    sent = request.query_params.get("lang") or _lang_of(request.headers.get("referer"))
    browser = (request.headers.get("accept-language") or "").split(",")[0].split(";")[0]
    return translator(resolve_language(sent, browser, load_settings().language))


def _lang_of(address: str | None) -> str | None:
    return parse_qs(urlsplit(address or "").query).get("lang", [None])[0]


def _set_cookie(response: Response, request: Request, value: str, policy: sessions.SessionPolicy) -> None:
    response.set_cookie(sessions.COOKIE, value, max_age=int(policy.lifetime.total_seconds()), path="/",
                        httponly=True, samesite="lax", secure=request.url.scheme == "https")


def routes(base: str = "") -> list[Route]:
    """The sign-in and sign-out routes under the app's base path."""

    async def sign_in(request: Request) -> Response:
        if not same_origin(request):
            return PlainTextResponse(request_translator(request).tr(
                "Sign-in refused: the form was not sent from this site."), status_code=403)
        form = await request.form()
        target = safe_next(str(form.get("next") or ""), base)
        # A refusal goes back to the page that showed the form (the sign-in page itself, or the page prompting).
        back = safe_next(str(form.get("back") or target), base)
        policy = sessions.SessionPolicy.from_env()
        result = await run_in_threadpool(
            attempt, engine(), str(form.get("username") or ""), str(form.get("password") or ""), policy,
            client=request.client.host if request.client else None, agent=request.headers.get("user-agent"))
        if result.cookie is None:
            return RedirectResponse(with_result(back, result), status_code=303)
        response = RedirectResponse(target, status_code=303)
        _set_cookie(response, request, result.cookie, policy)
        return response

    async def sign_out(request: Request) -> Response:
        if not same_origin(request):
            return PlainTextResponse(request_translator(request).tr(
                "Sign-out refused: the form was not sent from this site."), status_code=403)
        form = await request.form()
        await run_in_threadpool(sessions.end, engine(), request.cookies.get(sessions.COOKIE),
                                sessions.SessionPolicy.from_env())
        response = RedirectResponse(safe_next(str(form.get("next") or ""), base), status_code=303)
        response.delete_cookie(sessions.COOKIE, path="/", httponly=True, samesite="lax")
        return response

    return [Route(f"{base}{SIGN_IN_PATH}", sign_in, methods=["POST"]),
            Route(f"{base}{SIGN_OUT_PATH}", sign_out, methods=["POST"])]


class SessionGuard:
    """ASGI middleware: with TRACKER_ANONYMOUS_VIEW=0, `/media/…` (downloads) and `/_stcore/metrics` answer only
    a request that carries a live session."""

    def __init__(self, app, base: str = "") -> None:
        self.app, self.guarded = app, (f"{base}/media/", f"{base}/_stcore/metrics")

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] == "http" and scope["path"].startswith(self.guarded) and not load_settings().anonymous_view:
            cookie = Request(scope).cookies.get(sessions.COOKIE)
            person = await run_in_threadpool(sessions.resolve, engine(), cookie, sessions.SessionPolicy.from_env())
            if person is None:
                words = request_translator(Request(scope)).tr("Sign in to download this.")
                await PlainTextResponse(words, status_code=403)(scope, receive, send)
                return
        await self.app(scope, receive, send)
