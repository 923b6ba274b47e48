"""The command line: help, version, exit codes and one-line errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from mapper import __version__
from mapper.cli import cli

SUBCOMMANDS = ("build", "extract", "gazetteer", "geocode", "geoparse")


def test_help_lists_the_five_subcommands() -> None:
    result = CliRunner().invoke(cli, ["--help"])
    assert result.exit_code == 0
    listed = [line.split()[0] for line in result.output.split("Commands:")[1].splitlines() if line]
    assert sorted(listed) == sorted(SUBCOMMANDS)


@pytest.mark.parametrize("command", SUBCOMMANDS)
def test_every_subcommand_has_help_with_an_example(command: str) -> None:
    result = CliRunner().invoke(cli, [command, "--help"])
    assert result.exit_code == 0
    assert "Example:" in result.output
    assert f"mapper {command}" in result.output.split("Example:")[1]


def test_version() -> None:
    result = CliRunner().invoke(cli, ["--version"])
    assert result.exit_code == 0
    assert __version__ in result.output


def test_bad_usage_exits_2() -> None:
    assert CliRunner().invoke(cli, ["geoparse", "--no-such-option"]).exit_code == 2
    assert CliRunner().invoke(cli, ["no-such-command"]).exit_code == 2


@pytest.mark.parametrize("command", ["geoparse", "extract", "build"])
def test_missing_path_is_one_line_and_exit_1(command: str, tmp_path: Path) -> None:
    args = [command, str(tmp_path / "missing.txt"), "-o", str(tmp_path / "out")]
    if command == "geoparse":
        args = args[:2]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 1
    assert lines[0] == f"Error: {tmp_path / 'missing.txt'}: no such file or directory"
    assert "Traceback" not in result.output
