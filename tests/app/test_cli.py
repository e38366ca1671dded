"""The command line: one-line errors with exit status 2, listing, and settings."""

from __future__ import annotations

import subprocess
import sys

import pytest

import scenes
from tui import __version__
from tui.cli import main, parse_arguments, settings_from
from tui.i18n import Catalog

EN = Catalog("en")


def parse_settings(argv):
    return settings_from(parse_arguments(argv, EN), EN)


def run_cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "tui", *args], capture_output=True, text=True,
                          timeout=60, env={"PATH": "/usr/bin:/bin", **(env or {})})


@pytest.mark.parametrize(
    ("args", "names"),
    [
        (["--scene", "nope"], ["“nope”", "welcome", "1–"]),
        (["--scene", "0"], ["“0”"]),
        (["--scene", "99"], ["“99”"]),
        (["--lang", "fr"], ["“fr”", "en, de"]),
        (["--seed", "-3"], ["“-3”"]),
        (["--seed", "abc"], ["“abc”"]),
        (["--seed", "²"], ["“²”"]),
        (["--scene", "²"], ["“²”"]),
        (["--theme", "pink"], ["“pink”", "dark, light"]),
        (["--bogus"], ["--bogus"]),
        (["--scene"], ["--scene"]),
        (["--no-animation=yes"], ["--no-animation"]),
        (["--sc", "3"], ["--sc"]),
    ],
)
def test_bad_input_is_one_line_and_exit_2(args, names, capsys):
    assert main(args) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.count("\n") == 1 and err.startswith("gdtui: ")
    assert all(name in err for name in names)


def test_bad_input_from_the_real_command_has_no_traceback():
    result = run_cli("--scene", "nope")
    assert result.returncode == 2
    assert result.stdout == ""
    assert len(result.stderr.splitlines()) == 1 and "Traceback" not in result.stderr


@pytest.mark.parametrize("lang", ["en", "de"])
def test_list_scenes_prints_number_id_and_title(lang, capsys):
    assert main(["--list-scenes", "--lang", lang]) == 0
    lines = capsys.readouterr().out.splitlines()
    ids = scenes.scene_ids()
    assert len(lines) == len(ids)
    assert lines[0].split()[:2] == ["1", "welcome"]
    assert ("Welcome" if lang == "en" else "Willkommen") in lines[0]
    assert [line.split()[1] for line in lines] == list(ids)


def test_list_scenes_follows_the_locale():
    result = run_cli("--list-scenes", env={"LANG": "de_DE.UTF-8"})
    assert result.returncode == 0 and "Willkommen" in result.stdout


def test_version():
    result = run_cli("--version")
    assert result.returncode == 0 and result.stdout.strip() == f"gdtui {__version__}"


def test_scene_by_id_or_number_and_other_settings():
    ids = scenes.scene_ids()
    settings = parse_settings(["--scene", ids[-1], "--lang", "de", "--seed", "7", "--no-animation", "--theme", "light"])
    assert (settings.start_scene, settings.lang, settings.seed) == (len(ids) - 1, "de", 7)
    assert not settings.animate and settings.theme == "light"
    assert parse_settings(["--scene", "1"]).start_scene == 0


BAD = [["--scene", "nope"], ["--seed", "x"], ["--theme", "pink"], ["--bogus"], ["--scene"], ["--serve=1"],
       ["--serve", "--port", "0"], ["--serve", "--max-sessions", "0"], ["--serve", "--idle-minutes", "soon"]]


def error_of(args, capsys):
    assert main(args) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("gdtui: ")
    return err


@pytest.mark.parametrize("args", BAD)
def test_errors_speak_the_language_of_lang_else_of_the_locale(args, capsys, monkeypatch):
    english = error_of(args, capsys)
    assert error_of([*args, "--lang", "de"], capsys) != english
    monkeypatch.setenv("LANG", "de_DE.UTF-8")
    german = error_of(args, capsys)
    assert german != english
    assert error_of(["--lang=en", *args], capsys) == english


def test_an_unknown_language_is_refused_in_the_locales_language_and_quotes(capsys, monkeypatch):
    assert "unknown language “fr”" in error_of(["--lang", "fr"], capsys)
    monkeypatch.setenv("LANG", "de_DE.UTF-8")
    assert "unbekannte Sprache „fr“" in error_of(["--lang", "fr"], capsys)


@pytest.mark.parametrize("args", [["--scene", "\x1b[2J\x1b[31mred"], ["--set", "a\x1b]0;title\x07=1", "--scene", "hiking"],
                                  ["--seed", "1\r2"]])
def test_control_characters_in_a_bad_value_are_shown_as_escapes(args, capsys):
    """Echoed raw, they would clear the screen, colour it or retitle the window."""
    error = error_of(args, capsys)
    assert all(char.isprintable() for char in error.rstrip("\n"))
    assert "\\x1b" in error or "\\r" in error


@pytest.mark.parametrize(("args", "locale", "words"), [
    (["--help"], "en_US.UTF-8", ["usage: gdtui", "options:", "show this help", "--serve"]),
    (["--help"], "de_DE.UTF-8", ["Aufruf: gdtui", "Optionen:", "diese Hilfe", "ID|NUMMER", "im Browser"]),
    (["-h", "--lang", "de"], "en_US.UTF-8", ["Aufruf: gdtui", "Optionen:"]),
    (["--lang=en", "-h"], "de_DE.UTF-8", ["usage: gdtui", "options:"]),
])
def test_help_speaks_the_chosen_language(args, locale, words, capsys, monkeypatch):
    monkeypatch.setenv("LANG", locale)
    with pytest.raises(SystemExit) as exit:
        main(args)
    out = capsys.readouterr().out
    assert exit.value.code == 0 and all(word in out for word in words), out
