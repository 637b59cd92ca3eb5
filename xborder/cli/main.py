"""Entry point: `xborder [COMMAND] ...`; no command opens the wizard (TUI).

Commands are discovered from the modules `xborder/cli/cmd_*.py`; each defines
`NAME`, `ORDER`, `HELP`, `register(parser)` and `run(args) -> int`. They import heavy
dependencies (Textual, typst) only inside `run`, so `xborder check` starts fast.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
from collections.abc import Sequence
from types import ModuleType

from xborder import __version__
from xborder.cli.common import EXIT_INTERNAL, CLIError, err


def _commands() -> list[ModuleType]:
    import xborder.cli as package

    modules = [
        importlib.import_module(f"xborder.cli.{info.name}")
        for info in pkgutil.iter_modules(package.__path__)
        if info.name.startswith("cmd_")
    ]
    return sorted(modules, key=lambda m: (getattr(m, "ORDER", 100), m.NAME))


def build_parser() -> tuple[argparse.ArgumentParser, dict[str, ModuleType]]:
    parser = _top_parser()
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands: dict[str, ModuleType] = {}
    for module in _commands():
        command = sub.add_parser(module.NAME, help=module.HELP, description=module.HELP)
        command.add_argument(
            "--workspace", "-w", metavar="DIR", default=argparse.SUPPRESS,
            help="the workspace folder (default: found from the current folder up)",
        )
        module.register(command)
        commands[module.NAME] = module
    return parser, commands


_TOP_OPTIONS = ("-w", "--workspace", "--lang", "--as-of")
"""The options before any command; each takes a value."""


def _names_no_command(argv: Sequence[str]) -> bool:
    """True when `argv` holds only the top-level options and their values: the wizard
    opens, and the commands (17 modules and their parsers) need not be loaded for it."""
    tokens = iter(argv)
    for token in tokens:
        if token in _TOP_OPTIONS:
            if next(tokens, None) is None:
                return False
        elif not (token.startswith("--") and token.partition("=")[0] in _TOP_OPTIONS and "=" in token):
            return False
    return True


def _top_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="xborder",
        description=(
            "Assess cross-border transfers of personal data (Azerbaijan, Law No. 998-IIIQ). "
            "Without a command, opens the wizard on the workspace of the current folder."
        ),
    )
    parser.add_argument("--version", action="version", version=f"xborder {__version__}")
    parser.add_argument(
        "--workspace", "-w", metavar="DIR", help="the workspace folder (default: found from here)"
    )
    parser.add_argument(
        "--lang", dest="top_lang", choices=("az", "en"),
        help="the wizard's language; before a command, that command's --lang (default: xborder.toml)",
    )
    parser.add_argument(
        "--as-of", dest="top_as_of", metavar="YYYY-MM-DD",
        help="judge as of this date (the wizard's; before a command, that command's --as-of)",
    )
    return parser


def _json_escape(exc: UnicodeError) -> tuple[str, int]:
    """Error handler: characters the stream cannot encode as JSON's \\uXXXX escapes."""
    if not isinstance(exc, UnicodeEncodeError):
        raise exc
    out = []
    for char in exc.object[exc.start : exc.end]:
        code = ord(char)
        if code > 0xFFFF:
            code -= 0x10000
            out.append(f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}")
        else:
            out.append(f"\\u{code:04x}")
    return "".join(out), exc.end


def _tolerant_streams() -> None:
    """Never die on a character the terminal's encoding lacks (an Azerbaijani "ə" on a
    legacy console): write it as a \\uXXXX escape instead, which JSON reads back unchanged."""
    import codecs

    codecs.register_error("xborder-escape", _json_escape)
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        encoding = (getattr(stream, "encoding", "") or "").lower().replace("-", "")
        if reconfigure is not None and encoding != "utf8":
            reconfigure(errors="xborder-escape")


def main(argv: Sequence[str] | None = None) -> int:
    _tolerant_streams()
    argv = sys.argv[1:] if argv is None else list(argv)
    commands: dict[str, ModuleType] = {}
    if _names_no_command(argv):  # the wizard: its start does not wait for every command's parser
        args = _top_parser().parse_args(argv)
        args.command = None
    else:
        parser, commands = build_parser()
        args = parser.parse_args(argv)
    if not getattr(args, "workspace", None):
        args.workspace = None
    # `xborder --lang en` (the wizard) and `xborder --lang en list`: the options given
    # before the command are its defaults; the command's own options win
    for top, own in (("top_lang", "lang"), ("top_as_of", "as_of")):
        value = getattr(args, top)
        if value is not None and (args.command is None or getattr(args, own, "absent") is None):
            setattr(args, own, value)
    try:
        if args.command is None:
            from xborder.cli.cmd_tui import run as run_tui

            return run_tui(args)
        return int(commands[args.command].run(args))
    except CLIError as exc:
        err(f"xborder: {exc}")
        return exc.status
    except KeyboardInterrupt:
        err("xborder: interrupted")
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # noqa: BLE001 - an xborder bug: one line, and never exit 1 or 2
        import os

        if os.environ.get("XBORDER_DEBUG"):
            raise
        err(
            f"xborder: internal error ({type(exc).__name__}: {exc}); this is a bug in xborder, "
            "please report it (XBORDER_DEBUG=1 shows the traceback)"
        )
        return EXIT_INTERNAL


def entry() -> None:  # pragma: no cover - console script wrapper
    sys.exit(main())


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
