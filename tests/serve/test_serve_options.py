"""`gdtui --serve` options: checked in one line, passed on to sessions, and a missing extra said plainly."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

import tui
from tui import serve
from tui.cli import build_parser, main
from tui.i18n import Catalog
from tui.web import browser_language, clamp_size


@pytest.mark.parametrize(
    ("args", "names"),
    [
        (["--port", "0"], ["“0”", "1–65535"]),
        (["--port", "http"], ["“http”"]),
        (["--port", "８０"], ["“８０”"]),
        (["--max-sessions", "0"], ["“0”", "≥ 1"]),
        (["--max-sessions", "-1"], ["“-1”"]),
        (["--idle-minutes", "soon"], ["“soon”"]),
        (["--idle-minutes", "-5"], ["“-5”"]),
        (["--lang", "fr"], ["“fr”"]),
    ],
)
def test_bad_serving_options_are_one_line_and_exit_2(args, names, capsys, monkeypatch):
    monkeypatch.setattr(serve, "run", lambda options, t: pytest.fail("served despite bad input"))
    assert main(["--serve", *args]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1 and err.startswith("gdtui: ")
    assert all(name in err for name in names)


def test_without_the_web_extra_serve_says_how_to_install_it_and_exits_2(capsys, monkeypatch):
    for name in [name for name in sys.modules if name.split(".")[0] == "textual_serve"]:
        monkeypatch.setitem(sys.modules, name, None)  # as if textual-serve were not installed
    monkeypatch.delitem(sys.modules, "tui.web")
    monkeypatch.delattr(tui, "web")
    assert main(["--serve"]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err == f"gdtui: {Catalog('en')('cli.serve.error.no_extra')}\n"
    assert "pip install '.[web]'" in err


def served_with(args: list[str], monkeypatch) -> serve.ServeOptions:
    """The options `gdtui --serve ARGS` would serve with, without serving."""
    seen = []
    monkeypatch.setattr(tui.web, "serve", seen.append)
    assert main(["--serve", *args]) == 0
    return seen[0]


def test_defaults_listen_on_loopback_only_and_warn_nobody(capsys, monkeypatch):
    options = served_with([], monkeypatch)
    assert (options.host, options.port) == ("127.0.0.1", 8000)
    assert options.max_sessions == serve.DEFAULT_MAX_SESSIONS
    assert options.idle_seconds == serve.DEFAULT_IDLE_MINUTES * 60
    assert capsys.readouterr().err == ""


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.168.1.20", "lab.example.org"])
def test_another_host_prints_one_line_of_warning(host, capsys, monkeypatch):
    assert served_with(["--host", host], monkeypatch).host == host
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "warning" in err and "no login" in err and host in err


@pytest.mark.parametrize("host", ["127.0.0.1", "127.0.0.2", "localhost", "::1"])
def test_loopback_hosts_need_no_warning(host):
    assert serve.exposure_warning(host, Catalog("en")) is None


def test_app_options_are_passed_on_to_every_session(monkeypatch):
    options = served_with(["--scene", "7", "--seed", "3", "--theme", "light", "--no-animation",
                           "--no-questions", "--lang", "de", "--port", "9000", "--max-sessions", "5", "--idle-minutes", "0.5"],
                          monkeypatch)
    assert options.session_args == ["--scene", "7", "--seed", "3", "--theme", "light", "--no-animation",
                                    "--no-questions"]
    assert (options.lang, options.port, options.max_sessions, options.idle_seconds) == ("de", 9000, 5, 30.0)


def test_lecturer_options_are_passed_on_too(monkeypatch):
    options = served_with(["--preset", "plateau", "--step", "3", "--set", "rate=0.2", "--set", "walk=4"],
                          monkeypatch)
    assert options.session_args == ["--theme", "dark", "--step", "3", "--set", "rate=0.2", "--set", "walk=4",
                                    "--preset", "plateau"]


def test_every_option_of_the_app_is_passed_on_or_belongs_to_serving():
    """A new option (say --preset) must be sorted here, or browser sessions silently lose it."""
    serving = {"serve", "host", "port", "max_sessions", "idle_minutes"}
    exits_at_once = {"help", "version", "list_scenes", "list_presets"}
    not_a_session = {"notes"}  # the lecturer's own second terminal, never a browser's
    dests = {action.dest for action in build_parser(Catalog("en"))._actions}
    assert dests == set(serve.PASSED_ON) | serving | exits_at_once | not_a_session | {"lang"}


@pytest.mark.parametrize(
    ("header", "lang"),
    [
        ("de-DE,de;q=0.9,en;q=0.8", "de"),
        ("en-US,en;q=0.9,de;q=0.8", "en"),
        ("fr-FR,fr;q=0.9,de;q=0.7,en;q=0.5", "de"),
        ("en;q=0.2, de;q=0.8", "de"),
        ("fr, it", "xx"),
        ("", "xx"),
        ("de;q=banana, en", "en"),
    ],
)
def test_browser_language_takes_the_first_we_have_by_preference(header, lang):
    assert browser_language(header, default="xx") == lang


def test_terminal_sizes_a_browser_asks_for_are_bounded():
    assert clamp_size(80, 24) == (80, 24)
    assert clamp_size(10**9, -5) == (500, 1)


def test_the_browser_check_without_a_browser_says_not_run_and_exits_2(capsys):
    """CI has no browser: the check must not pass there."""
    path = Path(__file__).resolve().parents[2] / "docs" / "browser_check.py"
    spec = importlib.util.spec_from_file_location("browser_check", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.main(["--chromium", "/nonexistent/chromium"]) == 2
    assert "NOT RUN" in capsys.readouterr().err
