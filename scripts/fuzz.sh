#!/usr/bin/env bash
# Fuzzes the loaders (fuzz/fuzz_loaders.cpp: snapshots, manifests) and the URL policy
# (fuzz/fuzz_url.cpp: ?snapshot= paths, the URL hash) with libFuzzer + ASan + UBSan.
#
#   scripts/fuzz.sh SECONDS          both targets side by side, SECONDS each; the corpus grows
#                                    in build/fuzz/corpus/ and is kept between runs (`make fuzz`)
#   scripts/fuzz.sh --short SECONDS  one bounded run from the committed seeds only, targets one
#                                    after the other, SECONDS in all (`make test`)
#
# Seeds: tests/corpus/good and bad, fuzz/seeds/, a trimmed generated sample snapshot and
# manifest, and the deep-nesting file the CLI test makes. Exits non-zero on any finding;
# the input that broke it is in build/fuzz/artifacts/. Prints executions per target.
set -euo pipefail
cd "$(dirname "$0")/.."
short=0
if [ "${1:-}" = "--short" ]; then short=1; shift; fi
seconds=${1:-300}
build=${FUZZ_BUILD:-build/fuzz}

configure_log=$(CC=clang CXX=clang++ cmake -S . -B "$build" -DDIVBOARD_FUZZ=ON \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo 2>&1) || { echo "$configure_log" >&2; exit 1; }
build_log=$(cmake --build "$build" --target fuzz_loaders fuzz_url divboard -j "$(nproc)" 2>&1) \
  || { echo "$build_log" >&2; exit 1; }

# Seeds made at run time: a generated sample trimmed to a size mutations can work on (the
# full one is ~1.2 MB), and inputs too big to commit.
seeds="$build/seeds"
rm -rf "$seeds" && mkdir -p "$seeds/sample" "$seeds/made"
"$build/divboard" gen --seed 1 --out "$seeds/sample" >/dev/null
/usr/bin/python3 - "$seeds/sample" "$seeds/made" <<'PY'
import json, pathlib, sys
src, out = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
for f in sorted(src.glob("snapshot-*.json")):
    s = json.loads(f.read_text(encoding="utf-8"))
    metrics = {m["id"] for m in s["metrics"][:6]}
    s["metrics"] = [m for m in s["metrics"] if m["id"] in metrics]
    s["series"] = [dict(x, values=x["values"][:21]) for x in s["series"] if x["metric"] in metrics][:24]
    s["hosts"] = s["hosts"][:6]
    s["events"] = s["events"][:8]
    (out / ("trimmed-" + f.name)).write_text(json.dumps(s, ensure_ascii=False, indent=1), encoding="utf-8")
for f in src.glob("manifest.json"):
    (out / "manifest.json").write_bytes(f.read_bytes())
(out / "deep-array.json").write_text("[" * 100000)
(out / "deep-object.json").write_text('{"a":' * 20000)
(out / "wide-array.json").write_text('{"schema":"divboard.snapshot","version":1,"series":[' + ",".join(["0"] * 50000) + "]}")
PY
"$build/divboard" check "$seeds"/made/trimmed-*.json >/dev/null
# Packed twins of the trimmed samples, so mutations start from valid BJData too.
for f in "$seeds"/made/trimmed-*.json; do "$build/divboard" pack "$f" "${f%.json}.bjd" >/dev/null; done

mkdir -p "$build/artifacts"
common=(-timeout=10 -rss_limit_mb=2048 -malloc_limit_mb=1024 -print_final_stats=1
        -artifact_prefix="$build/artifacts/")

# Runs one target; its log goes to $build/TARGET.log. Returns libFuzzer's exit code.
# CORPUS must come first among the folders: libFuzzer writes new inputs into the first one,
# and the seed folders (tests/corpus, fuzz/seeds) are committed and must stay untouched.
run() {
  local target=$1 secs=$2 corpus=$3; shift 3
  local options=() folders=()
  for arg in "$@"; do if [[ $arg == -* ]]; then options+=("$arg"); else folders+=("$arg"); fi; done
  mkdir -p "$corpus"
  "$build/$target" "${common[@]}" -max_total_time="$secs" "${options[@]}" "$corpus" "${folders[@]}" \
    >"$build/$target.log" 2>&1
}

loader_seeds=(tests/corpus/good tests/corpus/bad "$seeds/made")
url_seeds=(fuzz/seeds/url)
status=0
if [ "$short" = 1 ]; then
  # Fresh corpora, so a short run depends only on what is committed.
  tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
  loader_secs=$(( seconds * 2 / 3 )); url_secs=$(( seconds - loader_secs ))
  run fuzz_loaders "$loader_secs" "$tmp/loaders" -max_len=65536 -dict=fuzz/json.dict -seed=1 \
    "${loader_seeds[@]}" || status=1
  run fuzz_url "$url_secs" "$tmp/url" -max_len=4096 -dict=fuzz/url.dict -seed=1 "${url_seeds[@]}" || status=1
else
  run fuzz_loaders "$seconds" "$build/corpus/loaders" -max_len=65536 -dict=fuzz/json.dict \
    "${loader_seeds[@]}" & loaders=$!
  run fuzz_url "$seconds" "$build/corpus/url" -max_len=4096 -dict=fuzz/url.dict "${url_seeds[@]}" & url=$!
  wait "$loaders" || status=1
  wait "$url" || status=1
fi

for target in fuzz_loaders fuzz_url; do
  log="$build/$target.log"
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  cov=$(grep -oE 'cov: [0-9]+ ft: [0-9]+ corp: [0-9]+/[^ ]+' "$log" | tail -1 || true)
  printf 'fuzz: %-13s %10s executions  %7s exec/s  %s\n' "$target" "${runs:-?}" "${rate:-?}" "$cov"
  if grep -qE '^==[0-9]+==ERROR|runtime error:|invariant broken|^SUMMARY: |Test unit written to' "$log"; then
    status=1
    echo "fuzz: $target found a problem; its log: $log" >&2
    grep -E 'ERROR|runtime error|invariant broken|SUMMARY|Test unit written to|^    #[0-9]' "$log" | head -40 >&2
  fi
done
[ "$status" = 0 ] && echo "fuzz: no findings" || echo "fuzz: FAILED (inputs in $build/artifacts/)" >&2
exit "$status"
