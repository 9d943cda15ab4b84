"""What app.py hands to st.App: the session routes and the download guard, under Streamlit's base path."""

import streamlit as st
from starlette.middleware import Middleware

from tracker.access import web


def base_path() -> str:
    """`server.baseUrlPath` as a prefix ("" or "/tracker")."""
    base = (st.get_option("server.baseUrlPath") or "").strip("/")
    return f"/{base}" if base else ""


def asgi_parts() -> dict:
    from tracker.ui import database  # the dashboard's modules load once the server is being built

    base = base_path()
    return {"routes": web.routes(base), "middleware": [Middleware(web.SessionGuard, base=base)],
            "lifespan": database.warm_up}
