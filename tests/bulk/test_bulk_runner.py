"""The bulk runner: how many classifying processes a run starts for its input and the machine."""

from __future__ import annotations

import pytest

from glossary_api.bulk import runner
from glossary_api.bulk.formats import Chunk

from .tables import write_rows


def _chunks(sizes: list[int], read: list[int]):
    """Yield chunks of the given numbers of texts, noting in read each one taken."""
    for number, size in enumerate(sizes):
        read.append(number)
        yield Chunk(number, list(range(size)), [f"text {n}" for n in range(size)], {}, 0)


@pytest.mark.parametrize(
    ("jobs", "cores", "sizes", "expected", "read_ahead"),
    [
        (512, 64, [5], 1, 1),  # a tiny input: this process alone, no worker
        (8, 64, [200, 200, 200], 3, 3),  # 600 texts: three batches, three processes
        (4, 64, [runner.BATCH] * 10, 4, 4),  # a batch for each process: the rest is not read ahead
        (512, 2, [5_000] * 3, 2, 1),  # never more processes than cores
        (1, 64, [5_000] * 3, 1, 1),
    ],
)
def test_useful_jobs_are_capped_by_the_cores_and_the_work(jobs, cores, sizes, expected, read_ahead, monkeypatch):
    monkeypatch.setattr(runner, "usable_cores", lambda: cores)
    read: list[int] = []
    useful, chunks = runner.useful_jobs(jobs, _chunks(sizes, read))
    assert (useful, len(read)) == (expected, read_ahead)
    assert [chunk.number for chunk in chunks] == list(range(len(sizes)))  # every chunk, in order


def test_many_jobs_on_a_small_file_start_no_worker(cxo_tag, tmp_path, vendors, monkeypatch):
    started: list[int] = []
    real = runner.Workers

    def workers(spec, encoder, jobs):  # notes the processes asked for, starts none
        started.append(jobs)
        return real(spec, encoder, 1)

    monkeypatch.setattr(runner, "Workers", workers)
    source = write_rows(tmp_path / "v.csv", vendors[:5])
    result = cxo_tag(source, "-t", "description", "-o", tmp_path / "out.csv", "-j", 512)
    assert result.exit_code == 0, result.output
    assert started == [1]
