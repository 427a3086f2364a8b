#!/usr/bin/env python3
"""Summarises a JMH JSON result of the fbtools benchmarks as Markdown.

Usage: python3 benchmarks/summarize.py benchmarks/target/jmh-result.json

Prints every score (JMH's error is its 99.9 % confidence half-width; "n/a" with one
iteration), the benchmark thread's CPU time per call where the benchmark records it (the
":cpu" secondary result, see CpuTime.java), the derived throughput (input MB/s = input bytes /
microseconds per call, since 1 byte/us = 1 MB/s with MB = 10^6 bytes), the side-by-side ratios,
and met/missed for each target whose benchmarks are in the file, judged on wall-clock time and
on CPU time.
"""
import json
import math
import sys

TENSOR_BYTES = 1 * 1024 * 1024 * 3 * 4
TO_US = {"ns/op": 1e-3, "us/op": 1.0, "ms/op": 1e3, "s/op": 1e6}


def main(path):
    with open(path, encoding="utf-8") as f:
        runs = json.load(f)
    wall, cpu, thrpt = {}, {}, {}
    print("| benchmark | params | score (wall) | ± error | CPU/call | unit | derived (wall; CPU) |")
    print("|---|---|---:|---:|---:|---|---|")
    for r in runs:
        parts = r["benchmark"].rsplit(".", 2)
        name = parts[-2] + "." + parts[-1]
        params = r.get("params") or {}
        m = r["primaryMetric"]
        score, err, unit = m["score"], m["scoreError"], m["scoreUnit"]
        mode = r.get("mode")
        key = (name,) + tuple(sorted(params.items()))
        if mode == "sample":  # its own row beside the same benchmark's throughput row
            key = key + (("mode", "sample"),)
        if unit in TO_US:
            wall[key] = score * TO_US[unit]
        else:  # throughput (ops/s): kept as is
            thrpt[key] = score
        c = (r.get("secondaryMetrics") or {}).get("cpu")
        cpu_s = ""
        if c:
            cpu[key] = c["score"] * TO_US[c["scoreUnit"]]
            cpu_s = fmt(c["score"])
        if key in thrpt:
            per_us = {"ops/s": 1e6, "ops/ms": 1e3, "ops/us": 1.0}.get(unit, 1e6)
            derived = "%.2f us per mutation per thread" % (r.get("threads", 1) / score * per_us)
        elif mode == "sample" and m.get("scorePercentiles"):
            derived = "p50 %s, p99 %s %s" % (
                fmt(m["scorePercentiles"]["50.0"]), fmt(m["scorePercentiles"]["99.0"]), unit)
        else:
            derived = "; ".join(
                d for d in (derive(name, params, us) for us in (wall.get(key), cpu.get(key)) if us)
                if d)
        err_s = "n/a" if not isinstance(err, (int, float)) or math.isnan(err) else fmt(err)
        p = ", ".join("%s=%s" % kv for kv in sorted(params.items()))
        print("| %s | %s | %s | %s | %s | %s | %s |"
              % (name, p, fmt(score), err_s, cpu_s, unit, derived))

    print()
    print("| target | wall clock | CPU time | result (wall; CPU) |")
    print("|---|---|---|---|")
    big, mid = 1048576, 65536

    def both(fn, what, good):
        values = []
        for table in (wall, cpu):
            try:
                values.append(fn(lambda n, **p: table[(n,) + tuple(sorted(
                    (k, str(v)) for k, v in p.items()))]))
            except KeyError:
                values.append(None)
        if values[0] is None:
            return
        shown = [what(v) if v is not None else "-" for v in values]
        if good is None:
            result = "-"
        else:
            result = "; ".join(("**met**" if good(v) else "**missed**") if v is not None else "-"
                               for v in values)
        print("| %s | %s | %s | %s |" % (fn.__doc__, shown[0], shown[1], result))

    def sub_mbs(g):
        """substitution >= 500 MB/s input on 1 MiB (~30x the Python reference's 16.6 MB/s)"""
        return big / g("SubstituteBenchmark.libber", bytes=big)

    both(sub_mbs, lambda v: "%.0f MB/s (%.0fx ref.)" % (v, v / 16.6), lambda v: v >= 500)

    def vs_ss(g):
        """substitution >= 100x StringSubstitutor on 1 MiB"""
        return (g("SubstituteBenchmark.stringSubstitutor", bytes=big)
                / g("SubstituteBenchmark.libber", bytes=big))

    both(vs_ss, lambda v: "%.0fx" % v, lambda v: v >= 100)

    def linear(g):
        """1 MiB throughput >= 0.8x the 64 KiB throughput"""
        return ((big / g("SubstituteBenchmark.libber", bytes=big))
                / (mid / g("SubstituteBenchmark.libber", bytes=mid)))

    both(linear, lambda v: "%.2fx" % v, lambda v: v >= 0.8)

    for size in (1024, mid, big):
        def vs_rx(g, size=size):
            return (g("SubstituteBenchmark.regexPort", bytes=size)
                    / g("SubstituteBenchmark.libber", bytes=size))
        vs_rx.__doc__ = "(no target) Libber vs the regex port, %d B" % size
        both(vs_rx, lambda v: "%.1fx faster" % v, None)

    def refuse(g):
        """doubling attack, max_depth 100: refused in < 5 ms"""
        return g("DoublingAttackBenchmark.refuseAtDepth100")

    both(refuse, lambda v: "%s us" % fmt(v), lambda v: v < 5000)

    def d10(g):
        """(no target) doubling at max_depth 10: regex port / Libber"""
        return (g("DoublingAttackBenchmark.expandAtDepth10RegexPort")
                / g("DoublingAttackBenchmark.expandAtDepth10"))

    both(d10, lambda v: "%.0fx" % v, None)

    def th(g):
        """TensorHash <= 1.25x MessageDigest over the same bytes in a byte[]"""
        return g("TensorHashBenchmark.tensorHash") / g("TensorHashBenchmark.messageDigestBytes")

    both(th, lambda v: "%.2fx" % v, lambda v: v <= 1.25)

    def cp(g):
        """(no target) full float-to-bytes copy + digest vs MessageDigest over the byte[]"""
        return (g("TensorHashBenchmark.fullCopyThenDigest")
                / g("TensorHashBenchmark.messageDigestBytes"))

    both(cp, lambda v: "%.2fx" % v, None)

    def col(g):
        """collector: 100,000 files in < 1 s"""
        return g("StoryImageCollectorBenchmark.collect", files=100000)

    both(col, lambda v: "%.0f ms" % (v / 1e3), lambda v: v < 1e6)

    for st in ("counter", "libber"):
        one = thrpt.get(("SessionStoreBenchmark.oneThread", ("state", st)))
        own = thrpt.get(("SessionStoreBenchmark.twoThreadsOwnSessions", ("state", st)))
        same = thrpt.get(("SessionStoreBenchmark.twoThreadsSameSession", ("state", st)))
        if one and own and same:
            print("| (no target) session store, %s: mutations/s with 1 thread; 2 threads on own"
                  " sessions; 2 threads on one session | %s; %s (%.2fx); %s (%.2fx) | - | - |"
                  % (st, fmt(one), fmt(own), own / one, fmt(same), same / one))

    for jobs in ("OneJob", "DefaultJobs"):
        def mig(g, jobs=jobs):
            return (g("MigrateTreeBenchmark.migrate" + jobs, scenes=1000)
                    / g("MigrateTreeBenchmark.minimalDurableWriter", scenes=1000))
        mig.__doc__ = ("migration of 1,000 scenes (%s) <= the minimal durable writer"
                       " (Java port; the Python one: run-migrate.sh)" % jobs)
        both(mig, lambda v: "%.2fx" % v, lambda v: v <= 1.0)


def derive(name, params, us):
    if name.startswith("SubstituteBenchmark."):
        return "%.0f MB/s in" % (int(params["bytes"]) / us)
    if name.startswith("TensorHashBenchmark."):
        return "%.0f MB/s" % (TENSOR_BYTES / us)
    if name.startswith("StoryImageCollectorBenchmark."):
        return "%.0f k files/s" % (int(params["files"]) / us * 1e3)
    if name.startswith("MigrateTreeBenchmark."):
        return "%.0f scenes/s" % (int(params["scenes"]) / us * 1e6)
    return ""


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
