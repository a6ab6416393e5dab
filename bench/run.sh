#!/usr/bin/env bash
# Benchmarks forecast on synthetic notebooks of 1k, 10k and 100k evidence items (10% as many
# updates) against two floors (read every file once; list every folder and stat every file, each
# on one thread and in parallel, the faster counting) and against ledger's `balance` on a journal
# of the same number of records, paired in the same hyperfine run. Warm runs use the validated
# cache (valid after the warm-up), cold runs pass --no-cache. Writes bench/RESULTS.md.
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
if ! command -v ledger >/dev/null 2>&1; then
  apt-get update -qq && apt-get install -y -qq ledger
fi

cargo build --release -q --bin forecast --example gen-notebook --example read-floor --example stat-floor
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
  # The same number of records as a ledger journal: one transaction per evidence item and update,
  # dated by its file name, each with two postings.
  if [ ! -f "$dir.ledger" ]; then
    find "$dir/evidence" "$dir/updates" -name '*.toml' -printf '%f\n' | sort | awk '{
      d = substr($0, 1, 10); id = substr($0, 1, length($0) - 5)
      printf "%s %s\n    Records:%s  1 REC\n    Sources\n\n", d, id, (index($0, "synthetic") ? "Evidence" : "Updates")
    }' > "$dir.ledger"
  fi
  week=$($BIN --notebook "$dir" history --format csv | tail -1 | cut -c1-10)
  week=$(date -d "$week" +%G-W%V)
  # Remove the items evidence add writes (the only ones in their month folder): a find over 100k
  # entries before each run would disturb the timing it prepares.
  cleanup="rm -rf $dir/evidence/2029-12"
  # An item the update can cite: the newest with likelihoods that is not retracted.
  cite=$(cd "$dir/evidence/$(ls "$dir/evidence" | grep -v 2029-12 | tail -1)" && for f in $(ls -r | head -200); do
    if grep -q '^\[likelihood\]' "$f" && ! grep -q '^\[retracted\]' "$f"; then echo "${f%.toml}"; break; fi
  done)
  # Files changed within 2 seconds of the load that caches them are re-read (the racy rule):
  # let a freshly generated notebook settle, then build the cache the warm runs use.
  eval "$cleanup"
  sleep 3
  $BIN --notebook "$dir" status >/dev/null 2>&1 || true
  hyperfine -N --warmup 2 --runs "$RUNS" --export-json "$WORK/n$n.json" --ignore-failure \
    -n read-floor "target/release/examples/read-floor $dir" \
    -n read-floor-parallel "target/release/examples/read-floor $dir --parallel" \
    -n stat-floor "target/release/examples/stat-floor $dir" \
    -n stat-floor-parallel "target/release/examples/stat-floor $dir --parallel" \
    -n ledger-balance "ledger -f $dir.ledger balance" \
    -n status "$BIN --notebook $dir status" \
    -n status-cold "$BIN --notebook $dir --no-cache status" \
    -n report "$BIN --notebook $dir report --week $week" \
    -n report-cold "$BIN --notebook $dir --no-cache report --week $week" \
    -n evidence-list "$BIN --notebook $dir evidence list" \
    -n history-csv "$BIN --notebook $dir history --format csv" \
    -n check "$BIN --notebook $dir check" \
    -n update-bayes-unreflected "$BIN --notebook $dir update --bayes --dry-run" >/dev/null
  # chart recomputes the aggregate at every update (quadratic); timed apart, with few runs.
  hyperfine -N --warmup 1 --runs 3 --export-json "$WORK/n$n-chart.json" --ignore-failure \
    -n chart "timeout 120 $BIN --notebook $dir chart" >/dev/null
  # The append commands take milliseconds, so they get many more runs.
  hyperfine -N --warmup 5 --runs "$APPEND_RUNS" --export-json "$WORK/n$n-append.json" --ignore-failure \
    -n evidence-add --prepare "$cleanup" "$BIN --notebook $dir evidence add --title 'Bench item' --source Bench --date 2029-12-31" \
    -n update-bayes-dry-run "$BIN --notebook $dir update --bayes --evidence $cite --dry-run" >/dev/null
  eval "$cleanup"
  : > "$WORK/n$n.mem"
  for cmd in "read-floor:target/release/examples/read-floor $dir" "status:$BIN --notebook $dir status" \
             "status-cold:$BIN --notebook $dir --no-cache status" "evidence-list:$BIN --notebook $dir evidence list" \
             "ledger-balance:ledger -f $dir.ledger balance" \
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
    results = [r for part in ("", "-append", "-chart") for r in json.load(open(f"{work}/n{n}{part}.json"))["results"]]
    medians[n] = {r["command"]: r["median"] for r in results}
    memory[n] = dict(line.split() for line in open(f"{work}/n{n}.mem"))
floors = ["read-floor", "read-floor-parallel", "stat-floor", "stat-floor-parallel", "ledger-balance"]
names = [c for c in medians[sizes[0]] if c not in floors]
for n in sizes:
    medians[n]["read floor"] = min(medians[n]["read-floor"], medians[n]["read-floor-parallel"])
    medians[n]["stat floor"] = min(medians[n]["stat-floor"], medians[n]["stat-floor-parallel"])
cores = os.cpu_count()
mem_gib = int(open("/proc/meminfo").readline().split()[1]) / 1024 / 1024
lines = [
    "# Benchmark results",
    "",
    f"Measured {datetime.date.today()} by `bench/run.sh` on {cores} cores, {mem_gib:.0f} GiB of memory.",
    "Synthetic notebooks from `examples/gen-notebook` (10% as many updates as evidence items, 8 analysts).",
    "Times are hyperfine medians of runs paired in one hyperfine call. The read floor reads every file once",
    "(`examples/read-floor`), the stat floor lists every folder and stats every file (`examples/stat-floor`);",
    "each is the faster of one thread and all cores. `ledger-balance` is `ledger -f J balance` on a journal",
    "with one transaction per record. Plain names are warm (the cache valid); `-cold` runs pass `--no-cache`.",
    "",
]
head = "| command | " + " | ".join(f"{n:,} items" for n in sizes) + " | × read floor | × stat floor | × ledger | peak memory | growth 10k→100k |"
lines += [head, "|---|" + "--:|" * (len(sizes) + 5)]
big = sizes[-1]
def fmt(t): return f"{t*1000:.1f} ms" if t < 0.01 else f"{t*1000:.0f} ms" if t < 10 else f"{t:.1f} s"
def ratio(r): return f"{r:.2f}×" if r >= 0.1 else f"{r:.3f}×"
for c in floors + names:
    row = [fmt(medians[n][c]) for n in sizes]
    m = medians[big]
    mem = int(memory[big].get(c, "0")) / 1024
    mem = f"{mem:.0f} MB" if c in memory[big] else ""
    growth = (medians[100000][c] / medians[10000][c]) if 10000 in medians and 100000 in medians else float("nan")
    lines.append(f"| {c} | " + " | ".join(row) + f" | {ratio(m[c] / m['read floor'])} | {ratio(m[c] / m['stat floor'])} | {ratio(m[c] / m['ledger-balance'])} | {mem} | {growth:.1f}× |")
m = medians[big]
def verdict(ok): return "met" if ok else "NOT met"
lines += ["", "Targets on the largest notebook (issue 18):", ""]
for c in ["status", "report"]:
    lines.append(f"- warm {c}: {m[c] / m['stat floor']:.2f}× the stat floor (target ≤ 2): {verdict(m[c] <= 2 * m['stat floor'])}; {m[c] / m['ledger-balance']:.2f}× ledger (target < 1): {verdict(m[c] < m['ledger-balance'])}")
for c in ["evidence-list", "history-csv"]:
    lines.append(f"- warm {c}: {m[c] / m['ledger-balance']:.2f}× ledger (target < 1): {verdict(m[c] < m['ledger-balance'])}")
for c in ["status-cold", "report-cold"]:
    lines.append(f"- {c}: {m[c] / m['read floor']:.2f}× the read floor (target ≤ 2): {verdict(m[c] <= 2 * m['read floor'])}")
lines.append(f"- chart: {m['chart'] / m['status']:.1f}× status (target ≤ 1.5): {verdict(m['chart'] <= 1.5 * m['status'])}")
small = sizes[0]
for c in ["evidence-add", "update-bayes-dry-run"]:
    r = medians[big][c] / medians[small][c]
    lines.append(f"- {c}: {r:.1f}× its cost at {small:,} items (target ≤ 1.5): {verdict(r <= 1.5)}")
mine = [c for c in memory[big] if c not in floors]
worst = max(int(memory[big][c]) for c in mine) / 1024
lines.append(f"- peak memory: {worst:.0f} MB (target < 150): {verdict(worst < 150)}")
if 10000 in medians and 100000 in medians:
    g = max(medians[100000][c] / medians[10000][c] for c in names)
    lines.append(f"- growth 10k→100k: at most {g:.1f}× (target ≤ 10.5): {verdict(g <= 10.5)}")
open("bench/RESULTS.md", "w").write("\n".join(lines) + "\n")
print("\n".join(lines))
PY
