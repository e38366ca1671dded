"""The command line: one-line errors with exit status 2, listing, and settings."""

from __future__ import annotations

import subprocess
import sys

import pytest

import scenes
from tui import __version__
from tui.cli import main, parse_settings


def run_cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "tui", *args], capture_output=True, text=True,
                          timeout=60, env={"PATH": "/usr/bin:/bin", **(env or {})})


@pytest.mark.parametrize(
    ("args", "names"),
    [
        (["--scene", "nope"], ["'nope'", "welcome", "1-"]),
        (["--scene", "0"], ["'0'"]),
        (["--scene", "99"], ["'99'"]),
        (["--lang", "fr"], ["'fr'", "en, de"]),
        (["--seed", "-3"], ["'-3'"]),
        (["--seed", "abc"], ["'abc'"]),
        (["--seed", "²"], ["'²'"]),
        (["--scene", "²"], ["'²'"]),
        (["--theme", "pink"], ["'pink'", "dark, light"]),
        (["--bogus"], ["--bogus"]),
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
    settings, only_list = parse_settings(["--scene", ids[-1], "--lang", "de", "--seed", "7",
                                          "--no-animation", "--theme", "light"])
    assert (settings.start_scene, settings.lang, settings.seed) == (len(ids) - 1, "de", 7)
    assert not settings.animate and settings.theme == "light" and not only_list
    assert parse_settings(["--scene", "1"])[0].start_scene == 0
