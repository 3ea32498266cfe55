#!/usr/bin/env bash
# Runs every libFuzzer target of a LIANXIN_FUZZ build for a number of executions or a time cap,
# whichever comes first, and prints executions, exec/s and findings per target (a Markdown table).
# Exits 1 when any target found something: the reproducer is kept in OUT/<target>/ for the corpus.
#
# Usage: bench/fuzz-all.sh [--runs N] [--seconds S] [--jobs J] [--build DIR] [--out DIR] [TARGET…]
#   --runs N     executions per target (default 10000000)
#   --seconds S  time cap per target (default 0: none)
#   --jobs J     targets fuzzed at once, each on one core (default 1; the test command uses the
#                machine's cores: the same fuzzing time per target in less wall time)
#   --build DIR  the fuzzing build (default build-fuzz; cmake -DLIANXIN_FUZZ=ON, clang)
#   --out DIR    working corpora, logs and reproducers (default DIR/fuzz-runs)
# The seed corpora in fuzz/corpus/ are read, never written: what a run discovers stays in OUT.
set -euo pipefail
cd "$(dirname "$0")/.."
src=$PWD

runs=10000000
seconds=0
jobs=1
build=build-fuzz
out=""
targets=()
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs=$2; shift 2 ;;
    --seconds) seconds=$2; shift 2 ;;
    --jobs) jobs=$2; shift 2 ;;
    --build) build=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) targets+=("$1"); shift ;;
  esac
done
[ -n "$out" ] || out="$build/fuzz-runs"
if [ ${#targets[@]} -eq 0 ]; then
  # Every target CMake knows (fuzz/CMakeLists.txt), in its order.
  mapfile -t targets < <(sed -n '/^set(LIANXIN_FUZZ_TARGETS/,/)/p' fuzz/CMakeLists.txt |
                         sed 's/set(LIANXIN_FUZZ_TARGETS//; s/)//' | tr ' ' '\n' | grep -v '^$')
fi

# Leaks are findings too; UBSan reports stop the run like a crash (built with -fno-sanitize-recover).
# A 16 MB quarantine instead of ASan's 256 MB: every input is small and freed within its own run,
# so a use after free is still caught, and the targets run about 1.7 times as fast (fresh pages are
# costly on this kind of virtual machine).
export ASAN_OPTIONS="detect_leaks=1:allocator_may_return_null=1:quarantine_size_mb=16:${ASAN_OPTIONS:-}"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1:${UBSAN_OPTIONS:-}"
command -v llvm-symbolizer >/dev/null || export ASAN_SYMBOLIZER_PATH=/usr/bin/llvm-symbolizer-14

mkdir -p "$out"
# One target's run; its table row goes to OUT/<target>/row, "failed" marks a finding.
fuzz_one() {
  local t=$1
  local bin="$build/fuzz/fuzz-$t"
  local work="$out/$t"
  local args dict seeds corpus start status took execs rate found finding
  args=(-runs="$runs" -timeout=30 -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$work/")
  [ "$seconds" -gt 0 ] && args+=(-max_total_time="$seconds")
  # Dictionaries are shared by targets that read one format.
  case "$t" in
    sync_push|sync_reply|admin_messages) dict=sync ;;
    content_sources|manifest|kiosk_config|hub_config) dict=toml ;;
    base45) dict=token_text ;;
    *) dict=$t ;;
  esac
  [ -f "fuzz/dict/$dict.dict" ] && args+=(-dict="fuzz/dict/$dict.dict")
  seeds=()
  corpus=$t
  [ "$t" = manifest ] && corpus=content_sources  # the same inputs: a selector byte, then a file
  [ -d "fuzz/corpus/$corpus" ] && seeds=("fuzz/corpus/$corpus")
  start=$(date +%s)
  status=0
  "$bin" "${args[@]}" "$work/corpus" "${seeds[@]}" >"$work/log.txt" 2>&1 || status=$?
  took=$(( $(date +%s) - start ))
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/log.txt" | tail -1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$work/log.txt" | tail -1)
  found=$(find "$work" -maxdepth 1 -type f \( -name 'crash-*' -o -name 'leak-*' -o -name 'timeout-*' -o -name 'oom-*' \) | wc -l)
  if [ "$status" -ne 0 ] || [ "$found" -gt 0 ]; then
    touch "$work/failed"
    finding="**$found** (exit $status; see $work/log.txt)"
  else
    finding="none"
  fi
  printf '| %s | %s | %s | %s | %s |\n' "$t" "${execs:-?}" "${rate:-?}" "$took" "$finding" >"$work/row"
}

for t in "${targets[@]}"; do
  [ -x "$build/fuzz/fuzz-$t" ] || { echo "fuzz-all: $build/fuzz/fuzz-$t is missing (cmake --build $build --target fuzzers)" >&2; exit 2; }
  rm -rf "${out:?}/$t"
  mkdir -p "$out/$t/corpus"
done
for t in "${targets[@]}"; do
  while [ "$(jobs -rp | wc -l)" -ge "$jobs" ]; do wait -n || true; done
  fuzz_one "$t" &
done
wait
failed=0
printf '| target | executions | exec/s | seconds | findings |\n| --- | ---: | ---: | ---: | --- |\n'
for t in "${targets[@]}"; do
  cat "$out/$t/row" 2>/dev/null || echo "| $t | ? | ? | ? | **did not finish** |"
  if [ -e "$out/$t/failed" ] || [ ! -e "$out/$t/row" ]; then failed=1; fi
done
if [ "$failed" -ne 0 ]; then
  echo "fuzz-all: findings above; each reproducer is in $out/<target>/, its stack in log.txt" >&2
  for log in "$out"/*/log.txt; do
    if grep -q "ERROR: \|runtime error\|==ERROR" "$log"; then echo "--- $log" >&2; grep -m1 -A30 "ERROR: \|runtime error" "$log" >&2 || true; fi
  done
fi
exit "$failed"
