#!/usr/bin/env bash
# Benchmarks forecast on synthetic notebooks of 1k, 10k and 100k evidence items (10% as many
# updates) against a floor that only reads every file once. Writes bench/RESULTS.md.
# Not part of `cargo test`; no test asserts a time.
#
#   bash bench/run.sh              # all sizes
#   SIZES="1000 10000" bash bench/run.sh
#   REPORT_ONLY=1 bash bench/run.sh   # rewrite RESULTS.md from the last measurements
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v hyperfine >/dev/null 2>&1; then
  apt-get update -qq && apt-get install -y -qq hyperfine
fi
if [ ! -x /usr/bin/time ]; then
  apt-get update -qq && apt-get install -y -qq time
fi

cargo build --release -q --bin forecast --example gen-notebook --example read-floor
BIN=target/release/forecast
WORK=${BENCH_DIR:-/tmp/forecast-bench}
SIZES=${SIZES:-"1000 10000 100000"}
RUNS=${RUNS:-20}
APPEND_RUNS=${APPEND_RUNS:-100}
mkdir -p "$WORK"
export FORECAST_NOW=2030-01-01T00:00:00Z FORECAST_AUTHOR=author-0 NO_COLOR=1

for n in $SIZES; do
  [ -n "${REPORT_ONLY:-}" ] && break
  dir="$WORK/n$n"
  if [ ! -f "$dir/.layout-3" ]; then   # regenerate notebooks made before records were filed by month
    rm -rf "$dir"
    target/release/examples/gen-notebook "$dir" --evidence "$n" --updates $((n / 10)) --authors 8 --seed 42
    touch "$dir/.layout-3"
  fi
  week=$($BIN --notebook "$dir" history --format csv | tail -1 | cut -c1-10)
  week=$(date -d "$week" +%G-W%V)
  # Remove the item evidence add writes, by name: a find over 100k entries before each run would
  # disturb the timing it prepares.
  cleanup="rm -f $dir/evidence/2029-12/2029-12-31-bench-item-author-0.toml"
  # An item the update can cite: the newest with likelihoods that is not retracted.
  cite=$(cd "$dir/evidence/$(ls "$dir/evidence" | grep -v 2029-12 | tail -1)" && for f in $(ls -r | head -200); do
    if grep -q '^\[likelihood\]' "$f" && ! grep -q '^\[retracted\]' "$f"; then echo "${f%.toml}"; break; fi
  done)
  hyperfine -N --warmup 2 --runs "$RUNS" --export-json "$WORK/n$n.json" --ignore-failure \
    -n floor "target/release/examples/read-floor $dir" \
    -n status "$BIN --notebook $dir status" \
    -n report "$BIN --notebook $dir report --week $week" \
    -n check "$BIN --notebook $dir check" \
    -n history-csv "$BIN --notebook $dir history --format csv" \
    -n update-bayes-unreflected "$BIN --notebook $dir update --bayes --dry-run" >/dev/null
  # The append commands take milliseconds, so they get many more runs.
  hyperfine -N --warmup 5 --runs "$APPEND_RUNS" --export-json "$WORK/n$n-append.json" --ignore-failure \
    -n evidence-add --prepare "$cleanup" "$BIN --notebook $dir evidence add --title 'Bench item' --source Bench --date 2029-12-31" \
    -n update-bayes-dry-run "$BIN --notebook $dir update --bayes --evidence $cite --dry-run" >/dev/null
  eval "$cleanup"
  : > "$WORK/n$n.mem"
  for cmd in "floor:target/release/examples/read-floor $dir" "status:$BIN --notebook $dir status" \
             "report:$BIN --notebook $dir report --week $week" "check:$BIN --notebook $dir check" \
             "history-csv:$BIN --notebook $dir history --format csv" \
             "evidence-add:$BIN --notebook $dir evidence add --title 'Bench item' --source Bench --date 2029-12-31" \
             "update-bayes-dry-run:$BIN --notebook $dir update --bayes --evidence $cite --dry-run" \
             "update-bayes-unreflected:$BIN --notebook $dir update --bayes --dry-run"; do
    name=${cmd%%:*}
    /usr/bin/time -v -o "$WORK/peak.tmp" bash -c "${cmd#*:}" >/dev/null 2>&1 || true
    kb=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$WORK/peak.tmp")
    echo "$name $kb" >> "$WORK/n$n.mem"
  done
  eval "$cleanup"
done

python3 - "$WORK" $SIZES <<'PY'
import json, sys, datetime, os, subprocess
work, sizes = sys.argv[1], [int(s) for s in sys.argv[2:]]
medians, memory = {}, {}
for n in sizes:
    results = [r for part in ("", "-append") for r in json.load(open(f"{work}/n{n}{part}.json"))["results"]]
    medians[n] = {r["command"]: r["median"] for r in results}
    memory[n] = dict(line.split() for line in open(f"{work}/n{n}.mem"))
names = [c for c in medians[sizes[0]] if c != "floor"]
cores = os.cpu_count()
mem_gib = int(open("/proc/meminfo").readline().split()[1]) / 1024 / 1024
lines = [
    "# Benchmark results",
    "",
    f"Measured {datetime.date.today()} by `bench/run.sh` on {cores} cores, {mem_gib:.0f} GiB of memory.",
    "Synthetic notebooks from `examples/gen-notebook` (10% as many updates as evidence items, 8 analysts).",
    "Times are hyperfine medians; the floor reads every file of the notebook once and does nothing else.",
    "`update-bayes-dry-run` cites one item (`update --bayes --evidence ID --dry-run`), the append path;",
    "`update-bayes-unreflected` (`update --bayes --dry-run`) must find every item the analyst has not",
    "cited, which means reading them all.",
    "",
]
head = "| command | " + " | ".join(f"{n:,} items" for n in sizes) + " | ratio to floor | peak memory | growth 10k→100k |"
lines += [head, "|---|" + "--:|" * (len(sizes) + 3)]
big = sizes[-1]
def fmt(t): return f"{t*1000:.1f} ms" if t < 0.01 else f"{t*1000:.0f} ms" if t < 10 else f"{t:.1f} s"
for c in ["floor"] + names:
    row = [fmt(medians[n][c]) for n in sizes]
    ratio = medians[big][c] / medians[big]["floor"]
    mem = int(memory[big].get(c, "0")) / 1024
    growth = (medians[100000][c] / medians[10000][c]) if 10000 in medians and 100000 in medians else float("nan")
    shown = f"{ratio:.1f}×" if ratio >= 0.1 else f"{ratio:.3f}×"
    lines.append(f"| {c} | " + " | ".join(row) + f" | {shown} | {mem:.0f} MB | {growth:.1f}× |")
lines += ["", "Targets on the largest notebook: status, report and check at most 2× the floor; peak memory at most",
          "150 MB; evidence add and update within 1.5× of their cost on the smallest; growth 10k→100k at most 11×.", ""]
small = sizes[0]
for c in ["status", "report", "check"]:
    r = medians[big][c] / medians[big]["floor"]
    lines.append(f"- {c}: {r:.1f}× the floor: {'met' if r <= 2 else 'NOT met'}")
r = medians[big]["update-bayes-unreflected"] / medians[big]["floor"]
lines.append(f"- update --bayes without --evidence (reads every item, by definition): {r:.1f}× the floor")
for c in ["evidence-add", "update-bayes-dry-run"]:
    r = medians[big][c] / medians[small][c]
    lines.append(f"- {c}: {r:.1f}× its cost at {small:,} items: {'met' if r <= 1.5 else 'NOT met'}")
worst = max(int(memory[big][c]) for c in names) / 1024
lines.append(f"- peak memory: {worst:.0f} MB: {'met' if worst <= 150 else 'NOT met'}")
if 10000 in medians and 100000 in medians:
    g = max(medians[100000][c] / medians[10000][c] for c in names)
    lines.append(f"- growth 10k→100k: at most {g:.1f}×: {'met' if g <= 11 else 'NOT met'}")
open("bench/RESULTS.md", "w").write("\n".join(lines) + "\n")
print("\n".join(lines))
PY
