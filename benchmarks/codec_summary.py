#!/usr/bin/env python3
"""Summarises benchmarks/run-codec.sh's results as Markdown: MB/s and ratios to the anchor.

    python3 benchmarks/codec_summary.py benchmarks/target/codec

Reads jmh.json (JMH's JSON), python.json (benchmarks/python/prompts_codec.py) and machine.txt from
the folder. MB is 10^6 bytes; "x anchor" is a benchmark's time over the bare jackson-core token
pass's time in the same run (wall-clock and the benchmark thread's CPU time). Issue 15's target:
fromJson and toJson within 2x the anchor.
"""

import json
import os
import sys

TARGET = 2.0
ROWS = [
    ("jacksonTokens", "anchor: bare jackson-core token pass (bytes)"),
    ("fromJsonBytes", "PromptCollection.fromJson(byte[])"),
    ("fromJsonString", "PromptCollection.fromJson(String)"),
    ("toJson", "PromptCollection.toJson()"),
    ("toJsonBytes", "FbJson.writeBytes(toJsonObject()), a file write"),
    ("fbJsonParse", "FbJson.parse(byte[]), generic tree"),
    ("fbJsonWrite", "FbJson.write(tree)"),
]
TARGETS = {"fromJsonBytes", "fromJsonString", "toJson"}


def fmt(x, digits=3):
    if x >= 100:
        return f"{x:,.0f}"
    return f"{x:.{digits}g}"


def main(folder):
    with open(os.path.join(folder, "jmh.json")) as f:
        runs = json.load(f)
    size = os.path.getsize(os.path.join(folder, "prompts.json"))
    results = {}
    for r in runs:
        name = r["benchmark"].rsplit(".", 1)[1]
        primary = r["primaryMetric"]
        cpu = r.get("secondaryMetrics", {}).get("cpu")
        results[name] = (
            primary["score"],
            primary["scoreError"],
            cpu["score"] if cpu else None,
            cpu["scoreError"] if cpu else None,
            r.get("forks"),
            r.get("measurementIterations"),
        )
    machine = ""
    path = os.path.join(folder, "machine.txt")
    if os.path.exists(path):
        with open(path) as f:
            machine = f.read().strip()
    print("## prompts.json codec, side by side\n")
    print("```")
    print(machine)
    print("```\n")
    print(f"Document: {size:,} bytes. Errors are JMH's 99.9 % half-widths.\n")
    print("| benchmark | µs/op (wall) | ± | CPU µs/op | ± | MB/s (wall; CPU) | x anchor (wall; CPU) | target |")
    print("|---|---:|---:|---:|---:|---|---|---|")
    anchor = results.get("jacksonTokens")
    for name, label in ROWS:
        if name not in results:
            continue
        wall, werr, cpu, cerr, _, _ = results[name]
        mbs = f"{fmt(size / wall)}; {fmt(size / cpu) if cpu else '-'}"
        ratio = "1 (anchor)"
        verdict = ""
        if anchor and name != "jacksonTokens":
            rw = wall / anchor[0]
            rc = cpu / anchor[2] if cpu and anchor[2] else None
            ratio = f"{rw:.2f}x; {rc:.2f}x" if rc else f"{rw:.2f}x"
            if name in TARGETS:
                met_w = rw <= TARGET
                met_c = rc is not None and rc <= TARGET
                verdict = "met" if met_w and met_c else ("met on CPU" if met_c else "missed")
        print(
            f"| {label} | {fmt(wall)} | {fmt(werr)} | {fmt(cpu) if cpu else '-'} | "
            f"{fmt(cerr) if cerr else '-'} | {mbs} | {ratio} | {verdict} |"
        )
    path = os.path.join(folder, "python.json")
    if os.path.exists(path):
        with open(path) as f:
            py = json.load(f)
        print()
        print(
            f"Python reference (python {py['python']}, pydantic {py['pydantic']}, best of "
            f"{py['repeat']} x {py['number']}): read {fmt(py['read_us_best'])} µs "
            f"({fmt(py['read_mb_s_best'])} MB/s, median {fmt(py['read_us_median'])} µs), write "
            f"{fmt(py['write_us_best'])} µs ({fmt(py['write_mb_s_best'])} MB/s, median "
            f"{fmt(py['write_us_median'])} µs); its output is byte-identical to the Java "
            f"writer's: {'yes' if py['write_is_byte_identical'] else 'NO'}."
        )
        for name, key in (("fromJsonBytes", "read_us_best"), ("toJson", "write_us_best")):
            if name in results:
                print(f"- {name}: {py[key] / results[name][0]:.1f}x faster than the Python reference (wall).")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "benchmarks/target/codec")
