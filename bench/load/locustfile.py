"""Load test: people using the pages and machines using the API, against a real server.
Run by bench/load/run_load.py (127.0.0.1 only, bounded in users and time)."""

from __future__ import annotations

import os
import random
import re

from locust import HttpUser, between, tag, task

PASSWORD = "Demo-adgang-2026"
# The facility codes of the database under test (run_load.py passes them); the demo's by default.
FACILITIES = (
    os.environ.get("RESSOURCEMODEL_LOAD_FACILITIES", "").split(",")
    if os.environ.get("RESSOURCEMODEL_LOAD_FACILITIES")
    else [f"T{n:02d}" for n in range(1, 16)]
)
TOKEN = os.environ.get("RESSOURCEMODEL_LOAD_TOKEN", "")


class Person(HttpUser):
    """A finance consultant clicking through the pages."""

    weight = 3
    wait_time = between(1, 3)

    def on_start(self) -> None:
        page = self.client.get("/login/", name="login")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
        self.client.post(
            "/login/",
            {
                "username": "okonomi",
                "password": PASSWORD,
                "csrfmiddlewaretoken": token.group(1) if token else "",
            },
            headers={"Referer": self.host + "/login/"},
            name="login",
        )
        first = self.client.get("/borgere/", name="setup: /borgere/").text
        self.citizens = re.findall(r'href="/borgere/(\d+)/"', first) or ["1"]
        pages = re.search(r"Side \d+ af (\d+)", first)
        self.pages = int(pages.group(1)) if pages else 1

    @tag("overview")
    @task(3)
    def overview(self) -> None:
        self.client.get("/oversigt/", name="/oversigt/")

    @task(3)
    def facility(self) -> None:
        self.client.get(f"/tilbud/{random.choice(FACILITIES)}/", name="/tilbud/[id]/")

    @task(1)
    def citizens(self) -> None:
        self.client.get("/borgere/", name="/borgere/")

    @task(1)
    def citizens_page(self) -> None:
        """A page further on in the list; its citizens join the ones this person opens."""
        page = self.client.get(
            f"/borgere/?side={random.randint(1, self.pages)}", name="/borgere/?side=[n]"
        )
        seen = re.findall(r'href="/borgere/(\d+)/"', page.text)[:5]
        self.citizens = (self.citizens + seen)[-200:]

    @task(2)
    def citizen(self) -> None:
        self.client.get(f"/borgere/{random.choice(self.citizens)}/", name="/borgere/[id]/")

    @tag("start")
    @task(1)
    def start_page(self) -> None:
        self.client.get("/", name="/")


class Machine(HttpUser):
    """A system reading the API with a personal token."""

    weight = 2
    wait_time = between(1, 3)

    def on_start(self) -> None:
        self.client.headers["Authorization"] = f"Bearer {TOKEN}"

    @task(3)
    def facilities(self) -> None:
        self.client.get("/api/v1/years/2026/facilities", name="/api/v1/years/[y]/facilities")

    @task(3)
    def facility(self) -> None:
        self.client.get(
            f"/api/v1/years/2026/facilities/{random.choice(FACILITIES)}",
            name="/api/v1/years/[y]/facilities/[id]",
        )

    @task(1)
    def result(self) -> None:
        self.client.get("/api/v1/years/2026/result", name="/api/v1/years/[y]/result")

    @task(1)
    def pot(self) -> None:
        self.client.get(
            "/api/v1/pot?amount=750000&hourly_wage=244&residents=97", name="/api/v1/pot"
        )
