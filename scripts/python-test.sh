#!/usr/bin/env bash
# Runs the Python bindings test: the generated module and the debug core library side by side.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bindings.sh --generate-only debug
out=build/python
rm -rf "$out" && mkdir -p "$out"
cp build/bindings/ruhu_core.py target/debug/libruhu_core.so "$out/"
PYTHONPATH="$out" python3 -m unittest discover -s python/tests -v
