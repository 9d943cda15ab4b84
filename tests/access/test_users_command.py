"""`tracker users sessions` and `tracker users sign-out` as a process, and passwords refused on the command line."""

import os
import subprocess
import sys

from tests.test_cli import tracker
from tracker import access
from tracker.settings import PROJECT_ROOT

PASSWORD = "a long test password"


def test_list_and_end_sessions_from_the_command_line(engine, db_url, fixture_dir):
    env = {"DATABASE_URL": db_url, "TRACKER_DATA_DIR": str(fixture_dir)}
    access.add_person(engine, "ana@example.org", "monitor", PASSWORD)
    policy = access.SessionPolicy.from_env(env)
    cookie = access.attempt(engine, "ana@example.org", PASSWORD, policy, client="10.0.0.5").cookie
    listed = tracker("users", "sessions", env=env)
    assert listed.returncode == 0 and listed.stdout.startswith("ana@example.org\t") and "10.0.0.5" in listed.stdout
    ended = tracker("users", "sign-out", "Ana@Example.org", env=env)
    assert ended.returncode == 0 and "ended 1 session(s)" in ended.stdout
    assert access.resolve(engine, cookie, policy) is None


def test_a_common_password_is_refused_on_the_command_line(db_url, fixture_dir):
    env = {"DATABASE_URL": db_url, "TRACKER_DATA_DIR": str(fixture_dir)}
    refused = subprocess.run([sys.executable, "-m", "tracker.cli", "users", "add", "bo@example.org",
                              "--password-stdin"], input="password1234\n", capture_output=True, text=True,
                             cwd=PROJECT_ROOT, env={**os.environ, **env}, timeout=120)
    assert refused.returncode == 1 and "most common passwords" in refused.stderr
