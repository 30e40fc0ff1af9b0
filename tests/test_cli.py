"""The command line as a person uses it: exit codes, clear sentences, no tracebacks."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "game", *args], cwd=cwd, capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("args", [["--no-such-flag"], ["simulate", "--games", "zero"], ["simulate", "--games", "-3"], ["frobnicate"]])
def test_bad_flag_gives_usage_and_exit_2(args):
    r = run(*args)
    assert r.returncode == 2
    assert "usage:" in r.stderr and "Traceback" not in r.stderr


def test_simulate_same_seed_gives_identical_output(tmp_path):
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    ra = run("simulate", "--games", "12", "--seed", "4", "--json", str(a))
    rb = run("simulate", "--games", "12", "--seed", "4", "--json", str(b))
    assert ra.returncode == rb.returncode == 0
    assert ra.stdout == rb.stdout
    assert a.read_bytes() == b.read_bytes()
    result = json.loads(a.read_text())
    assert result["games"] == 12
    assert set(result["outcomes"]) == {"balance", "domination", "breakdown"} and sum(result["outcomes"].values()) == 12
    assert set(result["wins"]) == set(result["seats"])  # every faction present, winner or not


def test_simulate_save_dir_writes_saves_that_replay(tmp_path):
    r = run("simulate", "--games", "2", "--seed", "9", "--save-dir", str(tmp_path / "saves"))
    assert r.returncode == 0, r.stderr
    saves = sorted((tmp_path / "saves").glob("*.json"))
    assert len(saves) == 2
    v = run("replay", str(saves[0]), "--verify")
    assert v.returncode == 0 and "replays exactly" in v.stdout
    text = run("replay", str(saves[1]))
    assert text.returncode == 0 and "round 1 of" in text.stdout


def test_simulate_unknown_scenario_is_a_sentence():
    r = run("simulate", "--games", "1", "--scenario", "nope")
    assert r.returncode == 2 and "There is no scenario 'nope'" in r.stderr and "Traceback" not in r.stderr


@pytest.mark.parametrize(
    "content, words",
    [
        (b'{"format": "center-of-gravity-save", "version": 1, "sce', "not complete JSON"),
        (b'{"hello": "world"}', "not a Center of Gravity save"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\xff\xfe", "not text"),
        (b"", "not complete JSON"),
    ],
)
def test_bad_save_file_gives_one_sentence_and_exit_2(tmp_path, content, words):
    path = tmp_path / "broken.json"
    path.write_bytes(content)
    r = run("replay", str(path))
    assert r.returncode == 2
    assert words in r.stderr and "Traceback" not in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1


def test_missing_save_file_is_a_sentence(tmp_path):
    r = run("replay", str(tmp_path / "nothing.json"))
    assert r.returncode == 2 and "There is no file" in r.stderr


def test_tampered_save_fails_verify(tmp_path):
    run("simulate", "--games", "1", "--seed", "3", "--save-dir", str(tmp_path))
    path = next(tmp_path.glob("*.json"))
    data = json.loads(path.read_text())
    data["seed"] += 1  # the same moves on another deal: illegal, or a different game
    path.write_text(json.dumps(data))
    r = run("replay", str(path), "--verify")
    assert r.returncode == 2 and "damaged" in r.stderr


def test_bench_reports_medians():
    r = run("bench", "--runs", "1", "--seconds", "0.3")
    assert r.returncode == 0 and "steps per second" in r.stdout and "median" in r.stdout


def _as_a_shell_starts_it() -> None:
    """In the child before it starts: Ctrl-C at its default and not blocked, as a shell starts a
    command, whatever the test runner's process had: a child inherits an ignored or blocked
    signal. In one CI run of three both cases ran on and printed nothing for 30 s after the
    Ctrl-C (cause not found; this is the likeliest, and the message below would tell)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_ctrl_c_stops_a_long_run_with_one_sentence_and_exit_130(jobs, tmp_path):
    """Ctrl-C in the terminal reaches the whole process group (the command and its worker
    processes): one sentence, exit 130, no traceback from any process, no file half-written,
    no worker left running."""
    out = tmp_path / "odds.json"
    args = ["odds", "docs/example-report/game.json", "--games", "50", "--jobs", jobs, "--json", str(out)]
    p = subprocess.Popen([sys.executable, "-m", "game", *args], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         text=True, start_new_session=True, preexec_fn=_as_a_shell_starts_it)  # fmt: skip
    try:
        time.sleep(3.0)  # the rules read, the continuations under way (the whole run takes minutes)
        assert p.poll() is None
        os.killpg(p.pid, signal.SIGINT)
        try:
            _stdout, stderr = p.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            status = Path(f"/proc/{p.pid}/status").read_text()  # the signals it ignores and blocks, to learn why
            pytest.fail("Ctrl-C did not stop the command: " + " ".join(x for x in status.splitlines() if x.startswith("Sig")))
    finally:
        if p.poll() is None:
            os.killpg(p.pid, signal.SIGKILL)
    assert p.returncode == 130
    assert stderr.strip() == "Stopped (Ctrl-C)."
    assert not out.exists() and not list(tmp_path.iterdir())
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:  # the pool's workers go with the command
        try:
            os.killpg(p.pid, 0)
        except ProcessLookupError:
            break
        time.sleep(0.1)
    else:
        pytest.fail("a worker process outlived the command")


def test_a_bad_flag_and_the_help_read_in_the_readers_language(capsys):
    """argparse's own words (the usage line, "error", required and unknown arguments, the help's
    headings) and the game's answers to a bad value read in the language of --lang."""
    from game.cli import main

    with pytest.raises(SystemExit) as e:
        main(["--lang", "ru", "simulate", "--games", "abc"])
    err = capsys.readouterr().err
    assert e.value.code == 2
    assert err.startswith("использование: python -m game simulate")
    assert "python -m game simulate: ошибка: аргумент --games: ожидается целое число, получено 'abc'" in err
    with pytest.raises(SystemExit):
        main(["--lang", "tr", "report", "save.json"])
    assert "python -m game report: hata: şu argümanlar gerekli: --out" in capsys.readouterr().err
    with pytest.raises(SystemExit) as e:
        main(["--lang", "kk", "simulate", "--help"])
    out = capsys.readouterr().out
    assert e.value.code == 0
    assert "қолданылуы:" in out and "осы анықтаманы көрсетіп, шығу" in out and "қанша ойын ойнау керек" in out


def test_a_room_on_a_taken_port_is_a_sentence_with_a_way_out_not_a_traceback(tmp_path, monkeypatch, capsys, caplog):
    import logging
    import socket
    import threading

    from game.cli import main

    monkeypatch.setenv("COG_DATA_DIR", str(tmp_path))
    taken = socket.socket()
    try:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with caplog.at_level(logging.WARNING):
            assert main(["host", "--headless", "--bind", "127.0.0.1", "--port", str(port), "--seed", "3"]) == 2
            for t in threading.enumerate():
                if t.name == "room-server":
                    t.join(5)  # its last words come after start() has given up
    finally:
        taken.close()
    err = capsys.readouterr().err
    assert err.startswith(f"The room cannot listen on 127.0.0.1:{port}: ")
    assert "choose another with --port (0: any free one)" in err and "Traceback" not in err
    assert [r.getMessage() for r in caplog.records] == []  # nothing logged: the sentence is the answer
