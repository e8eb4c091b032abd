"""`ressourcemodel demo | serve | manage | export-scenario` — the web application's commands.
Django is imported only when one of these runs, so `compute` and `pot` stay light."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path


def _setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ressourcemodel.web.config.settings")
    import django

    django.setup()


def _migrate() -> None:
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def _cmd_demo(args: argparse.Namespace) -> int:
    _setup()
    _migrate()
    from ressourcemodel.web.demo import DEMO_PASSWORD, DEMO_USERS, create_demo
    from ressourcemodel.web.records.models import TariffYear

    if not TariffYear.objects.exists():
        print("Opretter demokommunen …", flush=True)
        create_demo()
    address = f"http://127.0.0.1:{args.port}/"
    print(f"\nRessourcemodel kører på {address}\n\nDemo-logins (adgangskode {DEMO_PASSWORD}):")
    for username, _, label in DEMO_USERS:
        print(f"  {username:<10} {label}")
    print(flush=True)
    if args.no_serve:
        return 0
    from django.core.management import call_command

    print("Kører Djangos udviklingsserver (kun til demo); i drift: ressourcemodel serve.")
    call_command("runserver", f"127.0.0.1:{args.port}", use_reloader=False)
    return 0


def _cmd_serve(args: argparse.Namespace) -> int:
    """The production server: gunicorn with several workers, static files by WhiteNoise, debug
    off unless RESSOURCEMODEL_DEBUG=1 (ADR 0008)."""
    os.environ.setdefault("RESSOURCEMODEL_DEBUG", "0")
    if os.environ["RESSOURCEMODEL_DEBUG"] != "1" and not os.environ.get(
        "RESSOURCEMODEL_SECRET_KEY"
    ):
        print(
            "Sæt RESSOURCEMODEL_SECRET_KEY (en lang, hemmelig tekst) før serve; "
            "eller brug ressourcemodel demo til afprøvning.",
            file=sys.stderr,
        )
        return 2
    _setup()
    _migrate()
    from django.core.management import call_command

    call_command("collectstatic", interactive=False, verbosity=0)
    bind = f"{args.host}:{args.port}"
    print(
        f"Ressourcemodel kører på http://{bind}/ (gunicorn, {args.workers} arbejdere).", flush=True
    )
    _run_gunicorn(
        {
            "bind": bind,
            "workers": args.workers,
            "accesslog": "-",
            # The application, and the year's result, are loaded once in the master process
            # before the workers fork, so every worker starts warm (ADR 0012).
            "preload_app": not args.no_warm_up,
            # After a change a worker maps and recomputes the year on its next request: seconds
            # at national scale (docs/benchmarks.md), more than gunicorn's default 30 s allows
            # on a busy machine.
            "timeout": 120,
        },
        warm_up=not args.no_warm_up,
    )
    return 0


def _warm_up() -> None:
    """Map the database into the engine and compute the current year once, so no visitor waits
    for it (the result cache is per data version, ADR 0006 and 0012). Closes the database
    connection afterwards: a connection must not be shared by the forked workers."""
    import time

    from django.db import connections

    from ressourcemodel.web.calculation.results import warm_up

    t = time.perf_counter()
    try:
        years = warm_up()
    except Exception as e:  # the server still starts; the first page computes (or shows why)
        print(f"Forberegningen mislykkedes ({type(e).__name__}); siderne beregner selv.")
    else:
        took = f"{time.perf_counter() - t:.1f}".replace(".", ",")
        done = ", ".join(map(str, years)) or "ingen år med data"
        print(f"Resultatet er beregnet på forhånd ({done}) på {took} s.", flush=True)
    finally:
        connections.close_all()
        _freeze_for_workers()


def _freeze_for_workers() -> None:
    """Hide what the master made (the application and the year's result: some 800.000 objects
    at national scale) from the cycle collector before the workers fork. A worker's full
    collection would otherwise walk all of it — half a second per collection, seen as slow
    single requests — and write to every object's header, unsharing the pages the workers
    share with the master. Reference counting still frees what is dropped."""
    import gc

    gc.collect()
    gc.freeze()


def _run_gunicorn(options: dict[str, object], *, warm_up: bool) -> None:
    """gunicorn in this process with these options (no config file, no argv); with ``warm_up``
    the master loads the application and warms the result cache before it forks the workers."""
    from gunicorn.app.base import BaseApplication  # type: ignore[import-untyped]

    class Server(BaseApplication):  # type: ignore[misc]
        def load_config(self) -> None:
            for key, value in options.items():
                self.cfg.set(key, value)

        def load(self) -> object:
            from ressourcemodel.web.config.wsgi import application

            if warm_up:
                _warm_up()
            return application

    Server().run()


def _cmd_manage(args: argparse.Namespace) -> int:
    _setup()
    from django.core.management import execute_from_command_line

    execute_from_command_line(["ressourcemodel manage", *args.rest])
    return 0


def _cmd_export(args: argparse.Namespace) -> int:
    _setup()
    import yaml

    from ressourcemodel.scenario.dump import scenario_to_dict
    from ressourcemodel.web.calculation.mappers import scenario_for_year
    from ressourcemodel.web.records.models import TariffYear

    if not TariffYear.objects.filter(year=args.year).exists():
        print(f"Takståret {args.year} findes ikke i databasen.", file=sys.stderr)
        return 2
    text = yaml.safe_dump(
        scenario_to_dict(scenario_for_year(args.year, external_ids=True)),
        allow_unicode=True,
        sort_keys=False,
        width=100,
    )
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


def _cmd_backup(args: argparse.Namespace) -> int:
    _setup()
    from ressourcemodel.web.maintenance import backup

    n = backup(args.file)
    print(f"Sikkerhedskopi skrevet til {args.file} ({n} rækker).")
    return 0


def _cmd_restore(args: argparse.Namespace) -> int:
    _setup()
    _migrate()
    from ressourcemodel.web.maintenance import restore

    try:
        n = restore(args.file)
    except Exception as e:
        print(f"Gendannelsen mislykkedes, intet er ændret: {e}", file=sys.stderr)
        return 2
    print(f"Gendannet {n} rækker fra {args.file}.")
    return 0


def _cmd_anonymise(args: argparse.Namespace) -> int:
    _setup()
    from datetime import date

    from ressourcemodel.web.maintenance import anonymise

    done = anonymise(years=args.years, today=date.today())  # noqa: DTZ011
    print(
        f"Anonymiserede {len(done)} borgere "
        f"(sidste ophold sluttede for over {args.years} år siden)."
    )
    return 0


def _cmd_indsigt(args: argparse.Namespace) -> int:
    _setup()
    import json

    from ressourcemodel.web.maintenance import citizen_export

    text = json.dumps(citizen_export(args.citizen), ensure_ascii=False, indent=2)
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
    else:
        print(text)
    return 0


def _cmd_token(args: argparse.Namespace) -> int:
    _setup()
    from ressourcemodel.web.accounts.models import User
    from ressourcemodel.web.accounts.tokens import token_create, token_revoke

    user = User.objects.filter(username=args.username).first()
    if user is None or not user.is_active:
        print(f"Brugeren '{args.username}' findes ikke eller er deaktiveret.", file=sys.stderr)
        return 2
    if args.action == "revoke":
        n = token_revoke(user=user)
        print(f"{n} nøgle(r) for {user.username} er tilbagekaldt.")
        return 0
    if args.expires_days is not None and not 1 <= args.expires_days <= 3650:
        print("--expires-days skal være 1–3650.", file=sys.stderr)
        return 2
    token = token_create(user=user, expires_days=args.expires_days)
    print(
        f"Ny API-nøgle til {user.username}; den vises kun nu. Brug: Authorization: Bearer <nøgle>"
    )
    print(token)
    return 0


def _cmd_user(args: argparse.Namespace) -> int:
    _setup()
    from ressourcemodel.web.accounts.models import User, normalize_username
    from ressourcemodel.web.accounts.services import (
        user_create,
        user_deactivate,
        user_reset_password,
    )
    from ressourcemodel.web.common.errors import ServiceError

    try:
        if args.action == "create":
            user, password = user_create(
                admin=None,
                username=args.username,
                role=args.role or "",
                areas=args.area or [],
                facilities=args.facility or [],
                municipality=args.municipality or "",
            )
            print(f"Brugeren {user.username} er oprettet ({user.role}). Midlertidig adgangskode:")
            print(password)
            return 0
        found = User.objects.filter(username=normalize_username(args.username)).first()
        if found is None:
            raise ServiceError(f"Brugeren '{args.username}' findes ikke.")
        if args.action == "deactivate":
            user_deactivate(admin=None, user=found)
            print(f"Brugeren {found.username} er deaktiveret.")
        else:
            print(f"Ny midlertidig adgangskode til {found.username}:")
            print(user_reset_password(admin=None, user=found))
    except ServiceError as e:
        print(str(e), file=sys.stderr)
        return 2
    return 0


def add_web_parsers(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("demo", help="opret demokommunen i SQLite og start webappen")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--no-serve", action="store_true", help="opret kun data, start ikke serveren")
    p.set_defaults(func=_cmd_demo)
    p = sub.add_parser("serve", help="start webappen i drift (gunicorn)")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--workers", type=int, default=min(8, 2 * (os.cpu_count() or 1) + 1))
    p.add_argument(
        "--no-warm-up",
        action="store_true",
        help="beregn ikke året ved start (hver arbejder beregner ved første side)",
    )
    p.set_defaults(func=_cmd_serve)
    p = sub.add_parser("token", help="personlige API-nøgler: create eller revoke")
    p.add_argument("action", choices=["create", "revoke"])
    p.add_argument("username")
    p.add_argument("--expires-days", type=int)
    p.set_defaults(func=_cmd_token)
    p = sub.add_parser("user", help="brugere: create, deactivate eller reset-password")
    p.add_argument("action", choices=["create", "deactivate", "reset-password"])
    p.add_argument("username")
    p.add_argument(
        "--role", help="myndighed, leder, okonomi, ledelse, kobende_kommune, administrator"
    )
    p.add_argument("--area", action="append", help="et område (kan gentages)")
    p.add_argument("--facility", action="append", help="et tilbuds kode (kan gentages)")
    p.add_argument("--municipality", help="kommunekode for en købende kommune, fx 751")
    p.set_defaults(func=_cmd_user)
    p = sub.add_parser("manage", help="Djangos manage-kommandoer")
    p.add_argument("rest", nargs=argparse.REMAINDER)
    p.set_defaults(func=_cmd_manage)
    p = sub.add_parser("export-scenario", help="eksportér live-data som scenariefil (YAML)")
    p.add_argument("--year", type=int, required=True)
    p.add_argument("-o", "--output")
    p.set_defaults(func=_cmd_export)
    p = sub.add_parser("backup", help="sikkerhedskopi af alle data (JSON, .gz komprimeres)")
    p.add_argument("file")
    p.set_defaults(func=_cmd_backup)
    p = sub.add_parser("restore", help="gendan alle data fra en sikkerhedskopi (alt eller intet)")
    p.add_argument("file")
    p.set_defaults(func=_cmd_restore)
    p = sub.add_parser("anonymise", help="anonymisér borgere N år efter sidste ophold")
    p.add_argument("--years", type=int, default=5)
    p.set_defaults(func=_cmd_anonymise)
    p = sub.add_parser("indsigt", help="alt, der er registreret om én borger (JSON)")
    p.add_argument("--citizen", type=int, required=True)
    p.add_argument("-o", "--output")
    p.set_defaults(func=_cmd_indsigt)
