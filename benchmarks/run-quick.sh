#!/usr/bin/env bash
# Runs every JMH benchmark once, quickly (1 fork, 2 x 1 s warm-up, 3 x 1 s measurement: about
# 7 minutes on 2 vCPUs, much of it the collector's 100,000-file folder and the 1 MiB
# StringSubstitutor calls; the session benchmarks' storage=redis runs start a local
# redis-server), then summarises the results against the targets. The warm-up is
# short: on a loaded machine the JIT may still be compiling; use JMH_RUN for steadier numbers.
#
#   benchmarks/run-quick.sh                  # build the jar, run everything
#   SKIP_BUILD=1 benchmarks/run-quick.sh     # reuse benchmarks/target/benchmarks.jar
#   benchmarks/run-quick.sh Substitute       # only benchmarks matching a regex
#   benchmarks/run-quick.sh -prof gc         # any further JMH options are passed on
#   JMH_RUN="-f 1 -wi 5 -i 5 -w 2s -r 2s" benchmarks/run-quick.sh   # other iteration counts
#
# Writes benchmarks/target/jmh-result.json (JMH's JSON), jmh-result.txt (its console output),
# jmh-machine.txt and jmh-load.txt (the machine and its load during the run) and jmh-summary.md (benchmarks/summarize.py: derived MB/s, ratios, met/missed per target).
# For steadier numbers use more iterations and forks through JMH_RUN (docs/performance.md says
# which were used for its table).
set -euo pipefail
cd "$(dirname "$0")/.."

jar=benchmarks/target/benchmarks.jar
if [[ "${SKIP_BUILD:-0}" != 1 || ! -f "$jar" ]]; then
  # package only: no tests, no javadoc; the benchmarks are never run by the build itself.
  ./mvnw -B -ntp -q -pl benchmarks -am package -DskipTests -Dmaven.javadoc.skip
fi

out=benchmarks/target
{
  echo "# date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "# nproc: $(nproc)"
  echo "# cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')"
  echo "# java: $(java -version 2>&1 | head -2 | tr '\n' ' ')"
  echo "# jmh options: ${JMH_RUN:--f 1 -wi 2 -i 3 -w 1s -r 1s} $*"
  echo "# load before: $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee "$out/jmh-machine.txt"

# The 1-minute load average every 15 s during the run, into jmh-load.txt.
(while true; do echo "$(date -u +%H:%M:%S) $(cut -d' ' -f1-3 /proc/loadavg)"; sleep 15; done) \
  > "$out/jmh-load.txt" &
sampler=$!
trap 'kill "$sampler" 2>/dev/null || true' EXIT

# shellcheck disable=SC2086 # JMH_RUN is a list of options
java -jar "$jar" ${JMH_RUN:--f 1 -wi 2 -i 3 -w 1s -r 1s} \
  -rf json -rff "$out/jmh-result.json" "$@" 2>&1 | tee "$out/jmh-result.txt"

kill "$sampler" 2>/dev/null || true
echo "# load after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out/jmh-machine.txt"
awk '{ s += $2; n++; if ($2 > m) m = $2 } END { if (n) printf "# load during (1-min avg, every 15 s): mean %.2f, max %.2f, %d samples\n", s / n, m, n }' \
  "$out/jmh-load.txt" | tee -a "$out/jmh-machine.txt"

if command -v python3 >/dev/null; then
  python3 benchmarks/summarize.py "$out/jmh-result.json" | tee "$out/jmh-summary.md"
fi
