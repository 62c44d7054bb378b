#!/bin/bash -eu
# Builds the cargo-fuzz targets with the sanitizer flags the base image sets, and hands them over.
cd "$SRC/closure-diff"
cargo fuzz build -O --debug-assertions
for target in differential interpreter roundtrip; do
  cp "fuzz/target/x86_64-unknown-linux-gnu/release/$target" "$OUT/"
done
# Boa keeps some reference cycles until exit; leak reports would drown real findings.
printf '[libfuzzer]\ndetect_leaks=0\n' > "$OUT/differential.options"
# The interpreter target starts from every corpus program (ClusterFuzzLite unpacks <target>_seed_corpus.zip).
(cd corpus && zip -q -r "$OUT/interpreter_seed_corpus.zip" programs regressions -i '*.js')
