"""Load benchmark: the service under wrk beside a trivial Flask app in the same gunicorn setup, same run.

    .venv/bin/python benchmarks/serving/load.py                      # 3 rounds, 10 s per run, 16 connections
    .venv/bin/python benchmarks/serving/load.py --rounds 1 --duration 5 -- --threads 1   # extra gunicorn flags

Both servers run as the README deploys the service: gunicorn -c glossary_api/web/gunicorn_conf.py,
2 workers, on 127.0.0.1 (wrk shares the machine's cores). Each endpoint is measured against its
ceiling (GET /ping for GETs, POST /echo of the same body for POSTs) in the same round, in an order
that alternates between rounds; figures are min / median / max over rounds. Needs wrk (Debian:
apt-get install wrk). Targets on 2 cores (issue 11): lookup >= 0.85 of the ceiling, classify >=
0.70, p99 < 25 ms at 16 connections. Both servers run with CXO_MAX_HEAVY_REQUESTS at the number of
connections (unless it is set): beyond it a worker sheds batches with 503 at once (admission.py),
and the figure would measure the shedding, not the work; tests/web/test_load_shedding.py holds that.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent.parent))

from benchmarks.corpus import corpus_texts
from benchmarks.serving.servers import CEILING, SERVICE, gunicorn

ZH = "本公司康瑞泰华是一家位于苏州的合同研发生产组织，为国内外药企提供原料药和中间体的工艺开发、GMP生产及注册申报服务，已通过FDA和NMPA现场检查，年产能达200吨，不承担临床试验与医学推广业务。"
# A Chinese description whose every Han run holds random characters: no segmentation is ever cached.
UNIQUE_ZH = """
local pool = {"康","瑞","泰","华","恒","安","诺","博","睿","昕","明","德","宜","联","信","达","凯","晶","百","济","云","峰","海","川"}
local function name() return pool[math.random(#pool)] .. pool[math.random(#pool)] end
init = function(args) math.randomseed(os.time() + math.floor(os.clock() * 1e6)) end
request = function()
  local text = "本公司" .. name() .. "是一家位于苏州的合同研发生产组织，为" .. name() .. "药企提供原料药和中间体的工艺开发、GMP生产及注册申报"
    .. name() .. "服务，已通过FDA和NMPA现场检查" .. name() .. "，年产能达" .. math.random(1, 999) .. "吨，不承担" .. name() .. "临床试验与医学推广业务。"
  return wrk.format("POST", "/v1/classify", {["Content-Type"] = "application/json"}, '{"text": "' .. text .. '"}')
end
"""


def post_script(path: str, body: str) -> str:
    return f'wrk.method = "POST"\nwrk.path = "{path}"\nwrk.headers["Content-Type"] = "application/json"\nwrk.body = [==[{body}]==]\n'


def batch_body() -> str:
    texts = corpus_texts("dev")[:100]
    return json.dumps({"items": [{"id": n, "text": text} for n, text in enumerate(texts)]}, ensure_ascii=False)


def cases() -> list[tuple[str, tuple[str, str | None], tuple[str, str | None]]]:
    """Return (name, (service path, its wrk script), (ceiling path, its wrk script)) for each endpoint measured."""
    zh = json.dumps({"text": ZH}, ensure_ascii=False)
    batch = batch_body()
    return [
        ("GET /v1/lookup?q=CMO", ("/v1/lookup?q=CMO", None), ("/ping", None)),
        ("POST /v1/classify, same text", ("/", post_script("/v1/classify", zh)), ("/", post_script("/echo", zh))),
        ("POST /v1/classify, unique text", ("/", UNIQUE_ZH), ("/", post_script("/echo", zh))),
        ("POST /v1/classify/batch, 100 items", ("/", post_script("/v1/classify/batch", batch)), ("/", post_script("/echo", batch))),
    ]


def wrk(base: str, path: str, script: str | None, args: argparse.Namespace, folder: Path, warm_up: bool = False) -> dict:
    """Run wrk against base + path; return requests/s, p50 and p99 in ms, and non-2xx responses."""
    command = ["wrk", f"-t{args.threads}", f"-c{args.connections}", f"-d{3 if warm_up else args.duration}s", "--latency"]
    if script:
        file = folder / f"script{abs(hash(script))}.lua"
        file.write_text(script, encoding="utf-8")
        command += ["-s", str(file)]
    output = subprocess.run([*command, base + path], capture_output=True, text=True, check=True).stdout
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    errors = re.search(r"Socket errors: (.*)", output)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50": _ms(re.search(r"50%\s+([\d.]+\w+)", output).group(1)),
        "p99": _ms(re.search(r"99%\s+([\d.]+\w+)", output).group(1)),
        "bad": int(non_2xx.group(1)) if non_2xx else 0,
        "socket_errors": errors.group(1) if errors else "",
    }


def _ms(value: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(\w+)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}[unit]


def spread(values: list[float], digits: int = 0) -> str:
    return f"{statistics.median(values):,.{digits}f} ({min(values):,.{digits}f}-{max(values):,.{digits}f})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--duration", type=int, default=10, help="seconds per measured run")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--only", help="measure only the endpoints whose name contains this")
    parser.add_argument("gunicorn_args", nargs="*", help="extra gunicorn flags, after --")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed: apt-get install wrk")
    os.environ.setdefault("CXO_MAX_HEAVY_REQUESTS", str(args.connections))  # see the module's docstring
    chosen = [case for case in cases() if not args.only or args.only in case[0]]
    extra = ["--workers", str(args.workers), "--access-logfile", "/dev/null" if "--no-access-log" in args.gunicorn_args else "-"]
    extra += [a for a in args.gunicorn_args if a != "--no-access-log"]
    results: dict[str, dict[str, list[dict]]] = {name: {"service": [], "ceiling": []} for name, _, _ in chosen}
    with tempfile.TemporaryDirectory() as folder_name:
        folder = Path(folder_name)
        log = folder / "gunicorn.log"
        with gunicorn(SERVICE, extra, log) as (service, _), gunicorn(CEILING, extra, log, "/ping") as (ceiling, _):
            for round_number in range(args.rounds):
                for name, (path, script), (ceiling_path, ceiling_script) in chosen:
                    pair = [("service", service, path, script), ("ceiling", ceiling, ceiling_path, ceiling_script)]
                    for side, base, where, lua in pair if round_number % 2 == 0 else pair[::-1]:
                        wrk(base, where, lua, args, folder, warm_up=True)
                        results[name][side].append(wrk(base, where, lua, args, folder))
        problems = [line for line in log.read_text(errors="replace").splitlines() if "WORKER TIMEOUT" in line or "Traceback" in line]
    print(f"wrk -t{args.threads} -c{args.connections} -d{args.duration}s, {args.rounds} rounds; gunicorn {' '.join(extra)}")
    print(f"{'endpoint':40} {'req/s median (min-max)':>26} {'p50 ms':>7} {'p99 ms':>7} {'ceiling req/s':>22} {'ratio min/med/max':>18}")
    for name, sides in results.items():
        runs, ceilings = sides["service"], sides["ceiling"]
        ratios = [run["rps"] / top["rps"] for run, top in zip(runs, ceilings)]
        print(
            f"{name:40} {spread([r['rps'] for r in runs]):>26} {statistics.median(r['p50'] for r in runs):7.1f} "
            f"{statistics.median(r['p99'] for r in runs):7.1f} {spread([r['rps'] for r in ceilings]):>22} "
            f"{min(ratios):.2f}/{statistics.median(ratios):.2f}/{max(ratios):.2f}"
        )
        print(f"{'  ceiling p50 / p99 ms':40} {statistics.median(r['p50'] for r in ceilings):34.1f} {statistics.median(r['p99'] for r in ceilings):7.1f}")
        bad = sum(r["bad"] for r in runs + ceilings)
        if bad or any(r["socket_errors"] for r in runs + ceilings):
            print(f"  !! {bad} non-2xx responses; socket errors: {[r['socket_errors'] for r in runs if r['socket_errors']]}")
    if problems:
        print("!! server log:", *problems[:5], sep="\n  ")


if __name__ == "__main__":
    main()
