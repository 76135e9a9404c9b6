#!/bin/sh
# Run one harness: fuzz/run.sh NAME SECONDS [RUNS]   (NAME: dsl json_reader expression evaluator)
# Seeds $FUZZ_CORPUS/NAME (default fuzz/corpus/NAME) if it is missing, keeps new inputs there,
# writes crashes to fuzz/artifacts/ and prints libFuzzer's final stats
# (number_of_executed_units). The DSL harness runs with -max_len=1024: parsing is linear in
# the text and is most of its cost (seed.py also seeds long samples in chunks of that size).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
name=$1
seconds=$2
runs=${3:--1}
corpus=${FUZZ_CORPUS:-$here/corpus}
[ -d "$corpus/$name" ] || python "$here/seed.py" "$corpus"
max_len=0
[ "$name" = dsl ] && max_len=1024
mkdir -p "$here/artifacts"
exec timeout --signal=INT $((seconds + 120)) python "$here/fuzz_$name.py" "$corpus/$name" \
    -max_total_time="$seconds" -runs="$runs" -max_len="$max_len" -rss_limit_mb=2048 -timeout=60 \
    -artifact_prefix="$here/artifacts/$name-" -print_final_stats=1
