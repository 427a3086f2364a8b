#!/usr/bin/env bash
# The migration benchmark of issue 15: `fbtools migrate` against a minimal sequential durable
# writer in Python (benchmarks/migrate_min.py), side by side on the same machine and file system.
#
#   benchmarks/run-migrate.sh                   # build the CLI jar, 5 rounds, --jobs 1 and default
#   SKIP_BUILD=1 benchmarks/run-migrate.sh 7 1 4 8   # 7 rounds; --jobs 1, 4 and 8
#   SCENES=1000 WORK=/mnt/disk/bench benchmarks/run-migrate.sh
#
# Arguments: ROUNDS (default 5), then the --jobs values to run (default: 1 and the migrator's
# default, written "default"). Environment: SCENES (default 5000), WORK (the scratch folder,
# default ${TMPDIR:-/tmp}/fbtools-migrate-bench; it is deleted and recreated), JAVA (default java),
# SKIP_BUILD=1 to reuse examples/target/fbtools.jar.
#
# It writes one tree of SCENES version 1 scenes (benchmarks/make_v1_tree.py, seeded, ~2.2 KB per
# file), then per round copies it afresh for every runner, runs `sync` so no runner pays for the
# copy's dirty pages, and times each runner as a whole process (JVM or interpreter start
# included). Rounds alternate the order (Python first in odd rounds, last in even ones) so that
# neither side always runs on a warmer or a busier machine. Every run is checked: all SCENES scenes
# must be migrated, or the script stops. It prints one line per run (the wall time, the runner's
# own timing, the 1-minute load average before the run) and then the median per runner and its
# ratio to the Python writer's median. Time and load are those of a shared machine: look at the
# load column before drawing conclusions.
set -euo pipefail
cd "$(dirname "$0")/.."

rounds=${1:-5}
shift || true
jobs_list=("$@")
if [[ ${#jobs_list[@]} -eq 0 ]]; then
  jobs_list=(1 default)
fi
scenes=${SCENES:-5000}
work=${WORK:-${TMPDIR:-/tmp}/fbtools-migrate-bench}
java=${JAVA:-java}
jar=examples/target/fbtools.jar

if [[ "${SKIP_BUILD:-0}" != 1 || ! -f "$jar" ]]; then
  ./mvnw -B -ntp -q -pl examples -am package -DskipTests -Dmaven.javadoc.skip
fi

rm -rf "$work"
mkdir -p "$work"
python3 benchmarks/make_v1_tree.py "$work/template" "$scenes" 20261204
echo "# date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
echo "# nproc: $(nproc); cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')"
echo "# java: $("$java" -version 2>&1 | head -1); python: $(python3 --version 2>&1)"
echo "# file system of $work: $(df -T "$work" | awk 'NR == 2 { print $2 " on " $1 }')"
echo "# rounds: $rounds; scenes: $scenes; jobs: ${jobs_list[*]}"
printf '%-6s %-16s %9s %9s %6s\n' round runner wall_s own_s load1

results="$work/results.tsv"
: > "$results"

run_python() {
  local tree=$1 start end line
  start=$(date +%s.%N)
  line=$(python3 benchmarks/migrate_min.py "$tree")
  end=$(date +%s.%N)
  [[ "$line" == "$scenes scenes, $scenes migrated, "* ]] || { echo "python: $line" >&2; exit 1; }
  own=$(echo "$line" | awk '{ print $5 }')
  wall=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f", b - a }')
}

run_java() {
  local tree=$1 jobs=$2 start end option=()
  [[ "$jobs" == default ]] || option=(--jobs "$jobs")
  start=$(date +%s.%N)
  "$java" -jar "$jar" migrate "$tree" --json "${option[@]}" > "$work/report.json" 2> /dev/null
  end=$(date +%s.%N)
  own=$(python3 - "$work/report.json" "$scenes" <<'EOF'
import json, sys
report = json.load(open(sys.argv[1]))
if report["counts"]["migrated"] != int(sys.argv[2]):
    sys.exit("java: %s" % report["counts"])
print("%.3f" % (report["duration_ms"] / 1000))
EOF
)
  wall=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f", b - a }')
}

one() {
  local round=$1 runner=$2 tree="$work/run" load
  rm -rf "$tree"
  cp -a "$work/template" "$tree"
  sync
  load=$(cut -d' ' -f1 /proc/loadavg)
  if [[ "$runner" == python ]]; then
    run_python "$tree"
  else
    run_java "$tree" "${runner#java-jobs-}"
  fi
  printf '%-6s %-16s %9.3f %9.3f %6s\n' "$round" "$runner" "$wall" "$own" "$load"
  printf '%s\t%s\t%s\t%s\n' "$runner" "$wall" "$own" "$load" >> "$results"
}

for ((r = 1; r <= rounds; r++)); do
  runners=()
  for j in "${jobs_list[@]}"; do
    runners+=("java-jobs-$j")
  done
  if ((r % 2 == 1)); then
    runners=(python "${runners[@]}")
  else
    runners=("${runners[@]}" python)
  fi
  for runner in "${runners[@]}"; do
    one "$r" "$runner"
  done
done
rm -rf "$work/run"

python3 - "$results" <<'EOF'
import statistics, sys
rows = [line.rstrip("\n").split("\t") for line in open(sys.argv[1])]
runners = []
for row in rows:
    if row[0] not in runners:
        runners.append(row[0])
med = {r: statistics.median(float(x[1]) for x in rows if x[0] == r) for r in runners}
own = {r: statistics.median(float(x[2]) for x in rows if x[0] == r) for r in runners}
loads = [float(x[3]) for x in rows]
print()
print("%-16s %12s %12s %14s" % ("runner", "median wall", "median own", "wall / python"))
for r in runners:
    print("%-16s %11.3fs %11.3fs %13.2fx" % (r, med[r], own[r], med[r] / med["python"]))
print("load (1-min average before each run): mean %.2f, min %.2f, max %.2f"
      % (statistics.mean(loads), min(loads), max(loads)))
EOF
