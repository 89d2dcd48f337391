#!/usr/bin/env python3
"""Start-up time of `congres-numerique serve`: from process start to the first 200 on /health.

Each run spawns the server on 127.0.0.1:PORT, polls /health over a raw socket every 0.5 ms
(a poll costs microseconds, so the figure is within ~1 ms of the real time), records the
elapsed time and the server's resident memory (VmRSS, VmHWM) at that moment, then stops it
with SIGTERM. Bounded: each run gives up after --timeout seconds.

Prints one JSON object: every run in ms, min, median, max, and the RSS of the last run.
"""

import argparse
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import time


def health_ok(port: int, path: str = "/health") -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.2) as s:
            request = f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
            s.sendall(request.encode())
            data = s.recv(64)
            return data.startswith(b"HTTP/1.1 200")
    except OSError:
        return False


def status_kb(pid: int, key: str) -> int | None:
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith(key + ":"):
                    return int(line.split()[1])
    except OSError:
        return None
    return None


def one_run(args) -> dict:
    cmd = [args.bin, "--seeds", args.seeds, "serve", "--bind", f"127.0.0.1:{args.port}"]
    if args.exports:
        cmd += ["--exports", args.exports]
    env = dict(os.environ, RUST_LOG="warn")
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    try:
        deadline = start + args.timeout
        while True:
            if health_ok(args.port, args.ready_path):
                elapsed = (time.perf_counter() - start) * 1000.0
                break
            if proc.poll() is not None:
                raise SystemExit(f"server exited with {proc.returncode}: {' '.join(cmd)}")
            if time.perf_counter() > deadline:
                raise SystemExit(f"no 200 on {args.ready_path} within {args.timeout} s")
            time.sleep(0.0005)
        return {
            "ms": elapsed,
            "vmrss_kb": status_kb(proc.pid, "VmRSS"),
            "vmhwm_kb": status_kb(proc.pid, "VmHWM"),
        }
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=40)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--bin", required=True)
    p.add_argument("--seeds", required=True)
    p.add_argument("--exports", default=None)
    p.add_argument("--port", type=int, default=18099)
    p.add_argument("--runs", type=int, default=10)
    p.add_argument("--timeout", type=float, default=120.0)
    # The SPARQL store is loaded by the first request that needs it: `--ready-path
    # '/sparql?query=ASK%7B%7D'` times start-up with the store, as Virtuoso's is timed.
    p.add_argument("--ready-path", default="/health")
    args = p.parse_args()
    if serve_flags_unknown(args.bin):
        print("warning: serve has no --exports flag", file=sys.stderr)
    runs = [one_run(args) for _ in range(args.runs)]
    ms = [r["ms"] for r in runs]
    print(
        json.dumps(
            {
                "seeds": args.seeds,
                "runs_ms": [round(x, 2) for x in ms],
                "min_ms": round(min(ms), 2),
                "median_ms": round(statistics.median(ms), 2),
                "max_ms": round(max(ms), 2),
                "vmrss_kb": runs[-1]["vmrss_kb"],
                "vmhwm_kb": runs[-1]["vmhwm_kb"],
            }
        )
    )


def serve_flags_unknown(binary: str) -> bool:
    out = subprocess.run([binary, "serve", "--help"], capture_output=True, text=True).stdout
    return "--exports" not in out


if __name__ == "__main__":
    main()
