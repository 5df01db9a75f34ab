"""An interrupted `cxo tag` resumes from its last completed chunk and writes the same bytes, no row lost or doubled."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from glossary_api.bulk import ClassifierSpec, FileJob, tag_file, work_folder

from .tables import Stop, many_vendors, read_rows, stop_after, write_rows


@pytest.mark.parametrize("fmt", ["csv", "tsv", "jsonl", "xlsx", "parquet"])
def test_a_crashed_run_resumes_to_the_same_output(fmt, tmp_path, vendors):
    source = write_rows(tmp_path / f"v.{fmt}", vendors)
    spec = ClassifierSpec.from_settings()
    whole = FileJob(source, tmp_path / f"whole.{fmt}", ("description",), chunk_size=40)
    tag_file(whole, spec)
    job = FileJob(source, tmp_path / f"resumed.{fmt}", ("description",), chunk_size=40)
    with pytest.raises(Stop):
        tag_file(job, spec, on_chunk=stop_after(3))
    folder = work_folder(job.output)
    state = json.loads((folder / "state.json").read_text(encoding="utf-8"))
    assert (state["chunks"], state["summary"]["rows"]) == (3, 120)
    _tear_the_next_chunk(folder, fmt)
    summary = tag_file(job, spec, resume=True)
    assert summary.rows == len(vendors) and summary.rows_now == len(vendors) - 120
    if fmt == "xlsx":  # a workbook's zip entries carry the time they were written: compare the cells
        assert read_rows(job.output) == read_rows(whole.output)
    else:
        assert job.output.read_bytes() == whole.output.read_bytes()
    assert not folder.exists()


def _tear_the_next_chunk(folder: Path, fmt: str) -> None:
    """Leave what a crash in the middle of the next chunk leaves: bytes or a part past the checkpoint."""
    if fmt in ("xlsx", "parquet"):
        (folder / "parts" / f"00000003.{fmt}").write_bytes(b"half a part")
    else:
        with (folder / f"part.{fmt}").open("ab") as part:
            part.write(b"rows written but never checkpointed\n" * 10_000)  # longer than the rest of the output


@pytest.mark.slow  # three subprocess runs; the in-process crash test above covers the bytes in the fast suite
def test_a_run_killed_mid_way_resumes_to_identical_bytes(tmp_path, vendors):
    source = write_rows(tmp_path / "v.csv", many_vendors(vendors, 6_000))
    output = tmp_path / "out.csv"
    command = [sys.executable, "-m", "glossary_api", "tag", str(source), "-t", "description", "-o", str(output), "--chunk-size", "100", "-q"]
    process = subprocess.Popen([*command, "--jobs", "1"])
    state = work_folder(output) / "state.json"
    deadline = time.monotonic() + 60
    while process.poll() is None and time.monotonic() < deadline:
        if state.exists() and json.loads(state.read_text(encoding="utf-8") or "{}").get("chunks", 0) >= 5:
            process.kill()
            break
        time.sleep(0.005)
    assert process.wait() == -signal.SIGKILL, "the run ended before it could be killed"
    assert not output.exists()
    resumed = subprocess.run([*command, "--jobs", "2", "--resume"], capture_output=True, text=True)
    assert resumed.returncode == 0, resumed.stderr
    whole = subprocess.run([*command, "-o", str(tmp_path / "whole.csv"), "--jobs", "1"], capture_output=True, text=True)
    assert whole.returncode == 0, whole.stderr
    assert output.read_bytes() == (tmp_path / "whole.csv").read_bytes()
    _, rows = read_rows(output)
    assert [row["id"] for row in rows] == [str(n) for n in range(1, 6_001)]


def test_an_unfinished_run_needs_resume_or_force(cxo_tag, tmp_path, vendors):
    source = write_rows(tmp_path / "v.csv", vendors)
    job = FileJob(source, tmp_path / "out.csv", ("description",), chunk_size=40)
    with pytest.raises(Stop):
        tag_file(job, ClassifierSpec.from_settings(), on_chunk=stop_after(1))
    result = cxo_tag(source, "-t", "description", "-o", job.output, "--chunk-size", 40)
    assert result.exit_code == 1
    assert result.output == f"Error: {job.output}.cxo-work holds an unfinished run; add --resume to carry on with it, or --force to start over.\n"
    changed = cxo_tag(source, "-t", "description", "-o", job.output, "--chunk-size", 50, "--resume")
    assert changed.output == f"Error: {job.output}.cxo-work was started with another chunk-size; resume with the same options, or use --force.\n"
    assert cxo_tag(source, "-t", "description", "-o", job.output, "--chunk-size", 50, "--force", "-j", 1).exit_code == 0
    assert not work_folder(job.output).exists()


def test_a_changed_input_is_not_resumed(cxo_tag, tmp_path, vendors):
    source = write_rows(tmp_path / "v.csv", vendors)
    job = FileJob(source, tmp_path / "out.csv", ("description",), chunk_size=40)
    with pytest.raises(Stop):
        tag_file(job, ClassifierSpec.from_settings(), on_chunk=stop_after(1))
    write_rows(source, vendors[:-1])
    result = cxo_tag(source, "-t", "description", "-o", job.output, "--chunk-size", 40, "--resume")
    assert result.output == f"Error: {job.output}.cxo-work was started on another input, or the input changed since; use --force to start over.\n"


def started_as_in_a_terminal(command: list[str]) -> subprocess.Popen:
    """Start command in a session of its own, with Ctrl-C meaning what it means in a terminal.

    A shell without job control starts a background job (`.ci/run &`) with SIGINT ignored, and
    every child inherits that: cxo tag would then rightly ignore the test's Ctrl-C. A handler set
    here (not an ignore) is reset to the default in the child when it starts.
    """
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        return subprocess.Popen(command, stderr=subprocess.PIPE, text=True, start_new_session=True)
    finally:
        signal.signal(signal.SIGINT, previous)


@pytest.mark.slow
def test_ctrl_c_stops_workers_and_leaves_a_resumable_run(tmp_path, vendors):
    source = write_rows(tmp_path / "v.csv", many_vendors(vendors, 8_000))
    output = tmp_path / "out.csv"
    command = [sys.executable, "-m", "glossary_api", "tag", str(source), "-t", "description", "-o", str(output), "--chunk-size", "200", "-j", "2"]
    process = started_as_in_a_terminal(command)
    state = work_folder(output) / "state.json"
    while process.poll() is None and not (state.exists() and json.loads(state.read_text(encoding="utf-8") or "{}").get("chunks", 0) >= 3):
        time.sleep(0.01)
    os.killpg(process.pid, signal.SIGINT)  # what Ctrl-C does: the whole foreground group gets it
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130, stderr
    assert stderr.endswith("Interrupted. Run the same command with --resume to carry on from the last completed chunk.\n")
    assert "Traceback" not in stderr
    assert subprocess.run([*command, "--resume", "-q"]).returncode == 0
    _, rows = read_rows(output)
    assert [row["id"] for row in rows] == [str(n) for n in range(1, 8_001)]



def _children(pid: int) -> list[int]:
    """Return the pids of pid's children (Linux's /proc)."""
    found = []
    for entry in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = entry.read_text().rpartition(")")[2].split()
        except OSError:  # gone meanwhile
            continue
        if int(fields[1]) == pid:
            found.append(int(entry.parent.name))
    return found


def _wait_for_children(process: subprocess.Popen, timeout: float = 60) -> None:
    """Return once process has started a child (its workers are being spawned), whatever the machine's speed."""
    deadline = time.monotonic() + timeout
    while not _children(process.pid):
        assert process.poll() is None and time.monotonic() < deadline, "the run started no worker"
        time.sleep(0.01)


def _running(pid: int) -> bool:
    """Return whether pid is a live process (an exited one nobody has reaped yet, a zombie, is not)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0] != "Z"
    except OSError:
        return False


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads processes' parents from Linux's /proc")
def test_workers_end_when_the_run_is_killed_while_they_start(tmp_path, vendors):
    source = write_rows(tmp_path / "v.csv", many_vendors(vendors, 2_000))
    command = [sys.executable, "-m", "glossary_api", "tag", str(source), "-t", "description", "-j", "2", "-q", "--force", "-o"]
    orphans = []
    for step in range(8):  # killed 0 to 0.35 s after the workers are spawned: one that asked for its parent then read 1 and waited forever
        process = subprocess.Popen([*command, str(tmp_path / "out.csv")], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _wait_for_children(process)
        time.sleep(0.05 * step)
        children = _children(process.pid)
        process.kill()
        process.wait()
        orphans += children
    deadline = time.monotonic() + 15
    while any(map(_running, orphans)) and time.monotonic() < deadline:
        time.sleep(0.5)
    left = [pid for pid in orphans if _running(pid)]
    for pid in left:
        os.kill(pid, signal.SIGKILL)
    assert orphans and left == []


@pytest.mark.slow
def test_ctrl_c_while_the_workers_start_is_one_line_not_their_tracebacks(tmp_path, vendors):
    source = write_rows(tmp_path / "v.csv", many_vendors(vendors, 6_000))  # seconds of work: the Ctrl-C comes before the end
    command = [sys.executable, "-m", "glossary_api", "tag", str(source), "-t", "description", "-j", "2", "-q", "--force", "-o", str(tmp_path / "out.csv")]
    for step in range(10):  # 0 to 0.45 s after the workers are spawned, a starting worker's interpreter took the Ctrl-C
        process = started_as_in_a_terminal(command)  # ("Fatal Python error: init_import_site")
        _wait_for_children(process)  # the parent is past its imports, where a Ctrl-C is Python's own traceback
        time.sleep(0.05 * step)
        os.killpg(process.pid, signal.SIGINT)
        _, stderr = process.communicate(timeout=60)
        assert (process.returncode, stderr.strip()) == (130, "Interrupted. Run the same command with --resume to carry on from the last completed chunk."), step
