#!/usr/bin/env python3
"""Summarises a JMH JSON result of the fbtools benchmarks as Markdown.

Usage: python3 benchmarks/summarize.py benchmarks/target/jmh-result.json

Prints every score (JMH's error is its 99.9 % confidence half-width; "n/a" with a single
iteration), the derived throughput (input MB/s = input bytes / microseconds per call, since
1 byte/us = 1 MB/s with MB = 10^6 bytes), the side-by-side ratios, and met/missed for each target
whose benchmarks are in the file.
"""
import json
import math
import sys

TENSOR_BYTES = 1 * 1024 * 1024 * 3 * 4
TO_US = {"ns/op": 1e-3, "us/op": 1.0, "ms/op": 1e3, "s/op": 1e6}


def main(path):
    with open(path, encoding="utf-8") as f:
        runs = json.load(f)
    rows = {}
    print("| benchmark | params | score | ± error | unit | derived |")
    print("|---|---|---:|---:|---|---|")
    for r in runs:
        name = r["benchmark"].rsplit(".", 2)
        name = name[-2] + "." + name[-1]
        params = r.get("params") or {}
        m = r["primaryMetric"]
        score, err, unit = m["score"], m["scoreError"], m["scoreUnit"]
        us = score * TO_US[unit]
        key = (name,) + tuple(sorted(params.items()))
        rows[key] = us
        derived = ""
        if name.startswith("SubstituteBenchmark."):
            derived = "%.1f MB/s input" % (int(params["bytes"]) / us)
        elif name.startswith("TensorHashBenchmark."):
            derived = "%.0f MB/s" % (TENSOR_BYTES / us)
        elif name.startswith("StoryImageCollectorBenchmark."):
            derived = "%.0f files/s" % (int(params["files"]) / us * 1e6)
        err_s = "n/a" if not isinstance(err, (int, float)) or math.isnan(err) else fmt(err)
        p = ", ".join("%s=%s" % kv for kv in sorted(params.items()))
        print("| %s | %s | %s | %s | %s | %s |" % (name, p, fmt(score), err_s, unit, derived))

    def get(name, **params):
        return rows.get((name,) + tuple(sorted((k, str(v)) for k, v in params.items())))

    print()
    print("| target | measured | result |")
    print("|---|---|---|")
    big, mid = 1048576, 65536
    lib1m = get("SubstituteBenchmark.libber", bytes=big)
    lib64k = get("SubstituteBenchmark.libber", bytes=mid)
    ss1m = get("SubstituteBenchmark.stringSubstitutor", bytes=big)
    rx1m = get("SubstituteBenchmark.regexPort", bytes=big)
    if lib1m:
        mbs = big / lib1m
        target("substitution >= 500 MB/s input on 1 MiB", "%.0f MB/s (%.1fx the Python reference's"
               " 16.6 MB/s)" % (mbs, mbs / 16.6), mbs >= 500)
    if lib1m and ss1m:
        target("substitution >= 100x StringSubstitutor on 1 MiB", "%.0fx" % (ss1m / lib1m),
               ss1m / lib1m >= 100)
    if lib1m and rx1m:
        target("(no target) vs the regex port on 1 MiB", "%.1fx" % (rx1m / lib1m), None)
    if lib1m and lib64k:
        ratio = (big / lib1m) / (mid / lib64k)
        target("1 MiB throughput >= 0.8x the 64 KiB throughput", "%.2fx" % ratio, ratio >= 0.8)
    refuse = get("DoublingAttackBenchmark.refuseAtDepth100")
    if refuse is not None:
        target("doubling attack at max_depth 100 refused in < 5 ms", "%s us" % fmt(refuse),
               refuse < 5000)
    d10 = get("DoublingAttackBenchmark.expandAtDepth10")
    d10rx = get("DoublingAttackBenchmark.expandAtDepth10RegexPort")
    if d10 is not None and d10rx is not None:
        target("(no target) doubling at max_depth 10 vs the regex port",
               "%s us vs %s us: %.0fx" % (fmt(d10), fmt(d10rx), d10rx / d10), None)
    th = get("TensorHashBenchmark.tensorHash")
    md = get("TensorHashBenchmark.messageDigestBytes")
    cp = get("TensorHashBenchmark.fullCopyThenDigest")
    if th and md:
        target("TensorHash <= 1.25x MessageDigest over the byte[]",
               "%.2fx (%.2f ms vs %.2f ms)" % (th / md, th / 1e3, md / 1e3), th / md <= 1.25)
    if cp and md:
        target("(no target) full copy + digest vs MessageDigest", "%.2fx" % (cp / md), None)
    col = get("StoryImageCollectorBenchmark.collect", files=100000)
    if col is not None:
        target("collector: 100,000 files in < 1 s", "%.0f ms" % (col / 1e3), col < 1e6)


def target(what, measured, ok):
    result = "-" if ok is None else ("**met**" if ok else "**missed**")
    print("| %s | %s | %s |" % (what, measured, result))


def fmt(x):
    if x >= 100:
        return "{:,.0f}".format(x)
    if x >= 10:
        return "%.1f" % x
    if x >= 1:
        return "%.2f" % x
    return "%.3g" % x


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "benchmarks/target/jmh-result.json")
