"""``quiz serve``: the study app in a web browser, one app process per browser tab
(``textual-serve``). There is no login, so it listens on this machine only unless
``--public`` is given."""

from __future__ import annotations

import argparse
import errno
import ipaddress
import logging
import shlex
import sys
from typing import Any

INSTALL_HINT = "quiz serve needs textual-serve: pip install 'quiz[serve]'"


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``serve`` subcommand."""
    from quiz.cli import add_bank_dir_option, add_data_dir_option
    from quiz.commands.study import add_scope_options

    parser = subparsers.add_parser(
        "serve", help="serve the study app to a web browser (no login; this machine only)"
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (127.0.0.1)")
    parser.add_argument("--port", type=int, default=8000, help="port to listen on (8000)")
    parser.add_argument(
        "--public",
        action="store_true",
        help="allow a --host other machines can reach (anyone who reaches it can study "
        "and change your progress: there is no login)",
    )
    add_data_dir_option(parser)
    add_bank_dir_option(parser)
    add_scope_options(parser)
    parser.set_defaults(run=run)


def is_loopback(host: str) -> bool:
    """True for ``localhost`` and the loopback addresses (127.x, ::1)."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def app_command(args: argparse.Namespace) -> str:
    """The shell command that runs the app for one browser tab: this Python, with the
    same data dir, bank dirs and scope options, each argument quoted."""
    from quiz import paths
    from quiz.commands._shared import bank_dirs
    from quiz.commands.study import scope_arguments

    given = [d for d in bank_dirs(args) if d not in paths.default_bank_dirs()]
    parts = [sys.executable, "-m", "quiz", "--data-dir", str(paths.data_dir().absolute())]
    for directory in given:
        parts += ["--bank-dir", str(directory.absolute())]
    return shlex.join(parts + scope_arguments(args))


def run(args: argparse.Namespace) -> int:
    """Check the options and the scope, then serve until Ctrl+C."""
    from quiz.commands._shared import load_bank, say
    from quiz.commands.study import command_scope, has_scope_options, leaves_nothing

    if not is_loopback(args.host) and not args.public:
        say(
            f"quiz serve: --host {args.host} is reachable from other machines and there is "
            "no login; add --public to serve it anyway",
            err=True,
        )
        return 2
    if not 0 < args.port < 65536:
        say(f"quiz serve: --port {args.port}: give a port from 1 to 65535", err=True)
        return 2
    try:
        from textual_serve.server import Server
    except ImportError:
        say(INSTALL_HINT, err=True)
        return 2
    if has_scope_options(args):  # checked here once, not in every tab
        bank = load_bank(args)
        if leaves_nothing(bank, command_scope(args, bank)):
            return 1
    if not is_loopback(args.host):
        say(
            f"quiz serve: warning: anyone who can reach {args.host}:{args.port} can use the "
            "app and change your progress (there is no login)",
            err=True,
        )

    class QuizServer(Server):
        def initialize_logging(self) -> None:
            super().initialize_logging()
            logging.getLogger("aiohttp.access").setLevel(logging.WARNING)  # not every request

        async def on_startup(self, app: Any) -> None:
            say(f"quiz: serving the study app on {self.public_url} (Ctrl+C stops it)")
            sys.stdout.flush()

    server = QuizServer(app_command(args), host=args.host, port=args.port, title="quiz")
    try:
        server.serve()
    except OSError as error:
        if error.errno == errno.EADDRINUSE:
            say(f"quiz serve: port {args.port} is in use; choose another with --port", err=True)
        else:
            say(
                f"quiz serve: cannot listen on {args.host}:{args.port} ({error.strerror})", err=True
            )
        return 2
    return 0
