"""The command line: help, version, exit codes and one-line errors."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
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


# --- the CLI contract (issue 13, items 7 and 11) -----------------------------------------------

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.mark.parametrize(
    "args",
    [
        ["geoparse", "{dir}", "-q"],
        ["extract", "{dir}", "-o", "{dir}/o.geojson", "--quiet"],
        ["build", "{dir}", "-o", "{dir}/m.html", "-q"],
    ],
)
def test_quiet_works_after_the_subcommand(tmp_path: Path, args: list[str]) -> None:
    (tmp_path / "good.txt").write_text("A suicide bomber struck Kabul, killing 5.", "utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    result = CliRunner().invoke(cli, [a.format(dir=tmp_path) for a in args])
    assert result.exit_code == 0, result.output
    assert result.stderr == ""


def test_verbose_works_after_the_subcommand(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text("A suicide bomber struck Kabul, killing 5.", "utf-8")
    result = CliRunner().invoke(cli, ["extract", str(tmp_path), "-o", str(tmp_path / "o"), "-v"])
    assert result.exit_code == 0, result.output
    assert "loaded 1 document\n" in result.stderr
    assert f"1 document: 1 incident, 0 claims -> {tmp_path / 'o'}" in result.stderr


@pytest.mark.parametrize("command", [["geocode", "Kabul"], ["gazetteer", "build"]])
def test_verbosity_options_on_every_subcommand(command: list[str]) -> None:
    for flag in ("-v", "-q", "--verbose", "--quiet"):
        result = CliRunner().invoke(cli, [*command, flag])
        assert result.exit_code == 0, (flag, result.output)
    assert CliRunner().invoke(cli, ["gazetteer", "-q", "build"]).exit_code == 0


def test_names_in_messages_are_escaped_on_one_line(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text("Blast in Kabul.", encoding="utf-8")
    (tmp_path / "evil\n\u202etxt.exe\x1b[2J.txt").write_bytes(b"")
    result = CliRunner().invoke(cli, ["geoparse", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert result.stderr.count("\n") == 1
    escaped = f"{tmp_path}/evil\\n\\u202etxt.exe\\x1b[2J.txt"
    assert result.stderr == f"warning: skipped {escaped}: empty\n"


def test_errors_are_escaped_on_one_line(tmp_path: Path) -> None:
    missing = str(tmp_path / "no\u2028such\rfile.txt")
    result = CliRunner().invoke(cli, ["extract", missing, "-o", str(tmp_path / "o")])
    assert result.exit_code == 1
    escaped = f"{tmp_path}/no\\u2028such\\rfile.txt"
    assert result.stderr == f"Error: {escaped}: no such file or directory\n"


def test_unknown_country_code_exits_1_naming_it() -> None:
    result = CliRunner().invoke(cli, ["geocode", "Kabul", "--country", "ZZ"])
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: unknown country code 'ZZ': give an ISO 3166-1 alpha-2 code such as AF\n"
    )
    known = CliRunner().invoke(cli, ["geocode", "Kabul", "--country", "AF"])
    assert known.exit_code == 0 and "Kabul" in known.stdout
    nothing = CliRunner().invoke(cli, ["geocode", "Kabul", "--country", "NO"])
    assert nothing.exit_code == 1 and "no place named 'Kabul'" in nothing.stderr


def test_importing_a_file_that_is_no_geonames_dump_exits_1(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from mapper import _gazbuild
    from mapper.gazetteer import clear_cache

    home = tmp_path / "home"
    monkeypatch.setenv("MAPPER_HOME", str(home))
    clear_cache()
    notes = tmp_path / "notes.txt"
    notes.write_text("Kabul is the capital.\nKandahar is in the south.\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["gazetteer", "import", str(notes)])
    clear_cache()
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: nothing imported from {notes}: 2 malformed rows, the first "
        f"{notes}:1: expected 19 tab-separated columns, found 1\n"
    )
    assert not (home / _gazbuild.USER_DB).exists()
    assert list(home.iterdir()) == []


def test_import_counts_are_pluralised(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from mapper.gazetteer import clear_cache

    monkeypatch.setenv("MAPPER_HOME", str(tmp_path / "home"))
    clear_cache()
    one = tmp_path / "one.txt"
    one.write_text(
        (FIXTURES / "geonames_sample.txt").read_text("utf-8").splitlines()[0] + "\n", "utf-8"
    )
    result = CliRunner().invoke(cli, ["gazetteer", "import", str(one)])
    clear_cache()
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("imported 1 place (")
    assert result.stdout.endswith("; 0 malformed rows skipped\n")


def test_build_counts_are_pluralised_and_the_write_is_atomic(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    collection = json.loads((Path(__file__).parent / "data" / "map_fixture.geojson").read_text())
    incident = next(f for f in collection["features"] if f["properties"]["kind"] == "incident")
    collection["features"] = [incident]
    source = tmp_path / "one.geojson"
    source.write_text(json.dumps(collection), encoding="utf-8")
    out = tmp_path / "map.html"
    result = CliRunner().invoke(cli, ["build", str(source), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith(f"wrote {out}: 1 incident, 0 claims, ")
    before = out.read_bytes()

    def full_disk(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("os.fsync", full_disk)
    failed = CliRunner().invoke(cli, ["build", str(source), "-o", str(out), "--title", "New"])
    assert failed.exit_code == 1
    assert failed.stderr.count("\n") == 1 and "No space left on device" in failed.stderr
    assert out.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["map.html", "one.geojson"]


# --- the first gazetteer compile (issue 13, items 4 and 11) ----------------------------------


@pytest.fixture
def fake_compile(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty MAPPER_CACHE_DIR and a compile that writes placeholder files in an instant."""
    from mapper import _gazbuild

    cache = tmp_path / "cache"
    monkeypatch.setenv("MAPPER_CACHE_DIR", str(cache))

    def build(src: Path, out: Path, **_: object) -> Path:
        out.mkdir(parents=True, exist_ok=True)
        (out / _gazbuild.DB_FILE).write_bytes(b"db")
        return out / _gazbuild.DB_FILE

    def build_outlines(src: Path, out: Path) -> Path:
        (out / _gazbuild.OUTLINES_FILE).write_bytes(b"gpkg")
        return out / _gazbuild.OUTLINES_FILE

    monkeypatch.setattr(_gazbuild, "build", build)
    monkeypatch.setattr(_gazbuild, "build_outlines", build_outlines)
    return cache


def test_the_first_compile_says_so_in_one_line_without_a_terminal(fake_compile: Path) -> None:
    from mapper import _gazbuild

    out = fake_compile / f"gazetteer-{_gazbuild._fingerprint(_gazbuild.sources_dir())}"
    result = CliRunner().invoke(cli, ["gazetteer", "build"])
    assert result.exit_code == 0, result.output
    assert result.stderr == f"compiling the gazetteer once into {out} (about a minute)\n"
    again = CliRunner().invoke(cli, ["gazetteer", "build"])
    assert again.stderr == ""  # compiled already
    quiet = CliRunner().invoke(cli, ["gazetteer", "build", "--force", "-q"])
    assert quiet.exit_code == 0 and quiet.stderr == ""


DEAD_BUILD = """
from mapper import _gazbuild
_gazbuild.ensure_built(quiet=True)
"""


@pytest.mark.slow
def test_a_killed_compile_leaves_no_temporary_file_after_the_next(
    tmp_path: Path, fake_compile: Path
) -> None:
    """Start a real compile in a fresh cache, kill it once its temporary file grows, then compile
    again: the dead compile's temporary file is gone."""
    env = {**os.environ, "MAPPER_CACHE_DIR": str(fake_compile)}
    child = subprocess.Popen([sys.executable, "-c", DEAD_BUILD], env=env)
    deadline = time.monotonic() + 120
    leftovers: list[Path] = []
    while child.poll() is None and time.monotonic() < deadline:
        leftovers = list(fake_compile.glob("gazetteer-*/.gazetteer-*.tmp"))
        if leftovers and leftovers[0].stat().st_size > 0:
            child.send_signal(signal.SIGKILL)
            break
        time.sleep(0.05)
    child.wait()
    assert leftovers and leftovers[0].exists(), "the compile was not caught mid-way"
    result = CliRunner().invoke(cli, ["gazetteer", "build"])  # compiles (in an instant) again
    assert result.exit_code == 0, result.output
    assert list(fake_compile.glob("gazetteer-*/.gazetteer-*")) == []
    assert list(fake_compile.glob("gazetteer-*/.outlines-*")) == []


def test_the_geoparse_table_keeps_one_line_per_row(tmp_path: Path) -> None:
    (tmp_path / "bad\nname\u202e.txt").write_text("A blast in Kabul.", encoding="utf-8")
    result = CliRunner().invoke(cli, ["geoparse", str(tmp_path)])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == f"{tmp_path}/bad\\nname\\u202e.txt: 1 place mention(s)"
    assert len(lines) == 2 and "Kabul" in lines[1]


def test_a_document_path_the_system_calls_unreadable_is_left_to_the_reader(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the command line refused the whole run ("Path ... is not readable"); the reader skips
    # such a file with a one-line warning and keeps the others
    good = tmp_path / "a.txt"
    good.write_text("Gunmen killed two policemen in Quetta on Monday.\n", encoding="utf-8")
    locked = tmp_path / "b.txt"
    locked.write_text("Gunmen killed two soldiers in Zhob on Monday.\n", encoding="utf-8")
    real_access = os.access
    monkeypatch.setattr(
        os,
        "access",
        lambda p, mode, **kw: False if str(p) == str(locked) else real_access(p, mode, **kw),
    )
    out = tmp_path / "out.geojson"
    result = CliRunner().invoke(cli, ["extract", str(locked), str(good), "-o", str(out), "-q"])
    assert result.exit_code == 0, result.output
    assert out.exists()


# --- Ctrl-C: exit 130 and one line saying what was written -------------------------------------


def test_ctrl_c_exits_130_in_one_line_and_leaves_the_previous_map(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from mapper import pipeline

    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(pipeline, "run", interrupted)
    (tmp_path / "a.txt").write_text(
        "Gunmen killed two policemen in Quetta on 3 March 2025.\n", "utf-8"
    )
    out = tmp_path / "map.html"
    out.write_bytes(b"the previous map\n")
    result = CliRunner().invoke(cli, ["build", str(tmp_path / "a.txt"), "-o", str(out)])
    assert result.exit_code == 130
    assert result.stderr == "interrupted; nothing written\n"
    assert out.read_bytes() == b"the previous map\n"


def test_ctrl_c_after_the_first_output_names_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from mapper import export

    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(export, "write_csv", interrupted)
    (tmp_path / "a.txt").write_text(
        "Gunmen killed two policemen in Quetta on 3 March 2025.\n", "utf-8"
    )
    out, table = tmp_path / "o.geojson", tmp_path / "o.csv"
    table.write_bytes(b"the previous table\n")
    args = ["extract", str(tmp_path / "a.txt"), "-o", str(out), "--csv", str(table)]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 130
    assert result.stderr == f"interrupted after writing {out}\n"
    assert b'"kind": "incident"' in out.read_bytes()
    assert table.read_bytes() == b"the previous table\n"
