"""For a test module whose pages behave the same on either engine (translations, search box, pickers, imports'
review): import `sqlite_app_url` and its AppTests run on SQLite only, which keeps CI under its time limit. The
engines' own behaviour is tested in the core's tests on both, and the pages whose figures or saves reach SQL
(test_pages, test_any_filters, test_runtime_faults, test_privacy_pages, test_bulk_assess, test_roles, …) still
run on both."""

import pytest

from tests.conftest import new_database


@pytest.fixture(name="app_url")
def sqlite_app_url(request, tmp_path):
    with new_database("sqlite", tmp_path, request) as url:
        yield url
