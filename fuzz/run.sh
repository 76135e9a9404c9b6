#!/bin/sh
# Run one harness: fuzz/run.sh NAME SECONDS [RUNS]   (NAME: dsl json_reader expression evaluator)
# Seeds fuzz/corpus/NAME if it is empty, keeps new inputs there, writes crashes to
# fuzz/artifacts/ and prints libFuzzer's final stats (number_of_executed_units).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
name=$1
seconds=$2
runs=${3:--1}
[ -d "$here/corpus/$name" ] || python "$here/seed.py"
mkdir -p "$here/artifacts"
exec timeout --signal=INT $((seconds + 120)) python "$here/fuzz_$name.py" "$here/corpus/$name" \
    -max_total_time="$seconds" -runs="$runs" -rss_limit_mb=2048 -timeout=10 \
    -artifact_prefix="$here/artifacts/$name-" -print_final_stats=1
