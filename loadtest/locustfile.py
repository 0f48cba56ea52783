"""Load test of the pages people wait on: the cohort, a child's chronology, the readiness
dashboard and the home page.

Run against a local server only (see docs/how-to/load-test.md; loadtest/prepare.py makes the
accounts):

    JTAI_LOADTEST_USER=loadtest.analyst JTAI_LOADTEST_EXECUTIVE=loadtest.executive \\
    JTAI_LOADTEST_PASSWORD=... JTAI_LOADTEST_AREA=E09000099 \\
    locust -f loadtest/locustfile.py --host http://127.0.0.1:8000 \\
        --headless -u 20 -r 5 --run-time 120s --csv var/loadtest/locust

Analysts (cohort, child, dashboard, home) and, when JTAI_LOADTEST_EXECUTIVE names an account,
executives (dashboard, home; they never see a child) share the users 3 : 1. Each simulated user
signs in once. With two-factor sign-in on, give the account's TOTP key
(hex, as django-otp stores it) in JTAI_LOADTEST_TOTP_KEY and each user answers the code step;
otherwise run the server with JTAI_REQUIRE_MFA=false. Child pages are picked from the cohort
page's own links, so only children the account may see are requested.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import random
import re
import struct
import time

from locust import HttpUser, between, task

AREA = os.environ.get("JTAI_LOADTEST_AREA", "E09000099")
AS_OF = os.environ.get("JTAI_LOADTEST_AS_OF", "2026-11-01")
_CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
_CHILD = re.compile(rf'href="(/areas/{AREA}/children/[^/"]+/)')


def totp(hex_key: str, at: float | None = None, step: int = 30, digits: int = 6) -> str:
    """RFC 6238 code for a django-otp TOTPDevice key (hex), as an authenticator app shows it."""
    counter = int((time.time() if at is None else at) // step)
    digest = hmac.new(bytes.fromhex(hex_key), struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    code = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return str(code % 10**digits).zfill(digits)


class _SignedIn(HttpUser):
    """A person who signs in once (answering the code step when two-factor sign-in is on)."""

    abstract = True
    wait_time = between(1, 3)
    username_variable = "JTAI_LOADTEST_USER"
    totp_variable = "JTAI_LOADTEST_TOTP_KEY"

    def on_start(self) -> None:
        page = self.client.get("/sign-in/", name="sign-in form")
        response = self.client.post(
            "/sign-in/",
            data={
                "username": os.environ[self.username_variable],
                "password": os.environ["JTAI_LOADTEST_PASSWORD"],
                "csrfmiddlewaretoken": _token(page.text),
            },
            headers={"Referer": f"{self.host}/sign-in/"},
            name="sign-in",
        )
        if "/two-factor/" in response.url:
            key = os.environ.get(self.totp_variable)
            if not key:
                raise RuntimeError(
                    f"two-factor sign-in is on: set {self.totp_variable} or serve with "
                    "JTAI_REQUIRE_MFA=false"
                )
            self.client.post(
                "/two-factor/",
                data={"code": totp(key), "csrfmiddlewaretoken": _token(response.text)},
                headers={"Referer": f"{self.host}/two-factor/"},
                name="two-factor",
            )

    def dashboard_page(self) -> None:
        self.client.get(f"/areas/{AREA}/readiness/?as_of={AS_OF}", name="dashboard")

    def home_page(self) -> None:
        self.client.get("/", name="home")


class Analyst(_SignedIn):
    """An LA analyst moving between the cohort, children's pages, the dashboard and home."""

    weight = 3
    children: list[str]

    def on_start(self) -> None:
        self.children = []
        super().on_start()

    @task(3)
    def cohort(self) -> None:
        with self.client.get(
            f"/areas/{AREA}/cohort/?as_of={AS_OF}", name="cohort", catch_response=True
        ) as response:
            if response.status_code != 200:
                response.failure(f"status {response.status_code}")
                return
            found = _CHILD.findall(response.text)
            if found:
                self.children = found

    @task(5)
    def child(self) -> None:
        if not self.children:
            self.cohort()
            return
        path = random.choice(self.children)
        self.client.get(f"{path}?as_of={AS_OF}", name="child")

    @task(2)
    def dashboard(self) -> None:
        self.dashboard_page()

    @task(1)
    def home(self) -> None:
        self.home_page()


class Executive(_SignedIn):
    """An executive reading the readiness dashboard (aggregates only, never a child)."""

    weight = 1
    abstract = not os.environ.get("JTAI_LOADTEST_EXECUTIVE")
    username_variable = "JTAI_LOADTEST_EXECUTIVE"
    totp_variable = "JTAI_LOADTEST_EXECUTIVE_TOTP_KEY"

    @task(3)
    def dashboard(self) -> None:
        self.dashboard_page()

    @task(1)
    def home(self) -> None:
        self.home_page()


def _token(html: str) -> str:
    found = _CSRF.search(html)
    if found is None:
        raise RuntimeError("no CSRF token on the page: is this the jtai sign-in page?")
    return found.group(1)
