"""The command line: help, version, exit codes and one-line errors."""

from __future__ import annotations

import json
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


def test_a_directory_mixing_good_and_bad_files_exits_0_and_names_the_bad(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text("Gunmen hit a post in Jalalabad.", encoding="utf-8")
    (tmp_path / "latin.txt").write_bytes("Une attaque à Hérat.".encode("latin-1"))
    (tmp_path / "blob.txt").write_bytes(b"\x00\x01\x02binary")
    (tmp_path / "empty.md").write_bytes(b"")
    result = CliRunner().invoke(cli, ["geoparse", str(tmp_path), "--json"])
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning:")]
    assert len(warnings) == 3
    assert any("blob.txt" in w and "binary" in w for w in warnings)
    assert any("empty.md" in w and "empty" in w for w in warnings)
    assert any("latin.txt" in w and "not UTF-8" in w for w in warnings)
    parsed = json.loads(result.stdout)
    assert [Path(row["document"]).name for row in parsed] == ["good.txt", "latin.txt"]
    assert [m["text"] for m in parsed[0]["mentions"]] == ["Jalalabad"]
    assert parsed[0]["mentions"][0]["place"]["admin1"] == "Nangarhar"


def test_quiet_silences_warnings(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text("A blast in Kabul.", encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    result = CliRunner().invoke(cli, ["-q", "geoparse", str(tmp_path)])
    assert result.exit_code == 0
    assert "warning" not in result.stderr


def test_only_bad_files_is_one_line_exit_1(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    result = CliRunner().invoke(cli, ["-q", "extract", str(tmp_path), "-o", str(tmp_path / "o")])
    assert result.exit_code == 1
    assert result.stderr.strip() == f"Error: no readable documents in {tmp_path}"
