#!/usr/bin/env bash
# The prompts.json codec side by side with its anchors (issue 15), in one run:
#   1. JMH PromptCollectionBenchmark: fromJson (bytes and String), toJson (String and UTF-8 bytes),
#      FbJson's generic parse and write, and the anchor, a bare jackson-core token pass over the
#      same bytes (all in one JMH run, so they share the machine's state);
#   2. the Python reference's read (json.loads + from_dict) and write (to_dict + json.dumps) of the
#      same file (benchmarks/python/prompts_codec.py; python3 with pydantic 2);
#   3. a Markdown summary with MB/s, the ratios to the anchor (wall and CPU) and the targets.
#
#   benchmarks/run-codec.sh                     # build the jar, run it all (~15 min on 2 vCPUs)
#   SKIP_BUILD=1 benchmarks/run-codec.sh        # reuse benchmarks/target/benchmarks.jar
#   JMH_RUN="-f 1 -wi 5 -i 5" benchmarks/run-codec.sh      # quicker, noisier
#   benchmarks/run-codec.sh -prof gc            # further JMH options are passed on
#
# The machine's load is sampled every 15 s during the run; a loaded machine stretches wall-clock
# times (the CPU column, the benchmark thread's own CPU time, much less so) and the JIT's warm-up.
# Writes under benchmarks/target/codec/: jmh.json, jmh.txt, python.json, machine.txt, load.txt,
# prompts.json (the corpus) and summary.md.
set -euo pipefail
cd "$(dirname "$0")/.."

jar=benchmarks/target/benchmarks.jar
if [[ "${SKIP_BUILD:-0}" != 1 || ! -f "$jar" ]]; then
  ./mvnw -B -ntp -q -pl benchmarks -am package -DskipTests -Dmaven.javadoc.skip
fi

out=benchmarks/target/codec
mkdir -p "$out"
{
  echo "# date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "# commit: $(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
  echo "# nproc: $(nproc)"
  echo "# cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')"
  echo "# java: $(java -version 2>&1 | head -2 | tr '\n' ' ')"
  echo "# jmh options: ${JMH_RUN:--f 3 -wi 10 -i 10 -w 1s -r 1s} $*"
  echo "# load before: $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee "$out/machine.txt"

(while true; do echo "$(date -u +%H:%M:%S) $(cut -d' ' -f1-3 /proc/loadavg)"; sleep 15; done) \
  > "$out/load.txt" &
sampler=$!
trap 'kill "$sampler" 2>/dev/null || true' EXIT

# shellcheck disable=SC2086 # JMH_RUN is a list of options
java -jar "$jar" PromptCollectionBenchmark ${JMH_RUN:--f 3 -wi 10 -i 10 -w 1s -r 1s} \
  -rf json -rff "$out/jmh.json" "$@" 2>&1 | tee "$out/jmh.txt"

java -cp "$jar" io.github.fbtools.benchmarks.PromptsCorpus "$out/prompts.json"
python3 benchmarks/python/prompts_codec.py "$out/prompts.json" | tee "$out/python.json"

kill "$sampler" 2>/dev/null || true
echo "# load after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out/machine.txt"
awk '{ s += $2; n++; if ($2 > m) m = $2 } END { if (n) printf "# load during (1-min avg, every 15 s): mean %.2f, max %.2f, %d samples\n", s / n, m, n }' \
  "$out/load.txt" | tee -a "$out/machine.txt"

python3 benchmarks/codec_summary.py "$out" | tee "$out/summary.md"
