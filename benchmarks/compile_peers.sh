#!/usr/bin/env bash
# Install promptfoo (npm) and Inspect AI (PyPI), then run tests/compile/test_exports.py
# with both: each peer runs Charter's export of examples/shop against the stub
# OpenAI-compatible server in ../shared/bench, and the test checks every case came back.
#   usage: benchmarks/compile_peers.sh            (PEERS_DIR defaults to /tmp/charter-peers)
# An existing install in PEERS_DIR is reused; only the package registries are contacted.
set -euo pipefail
cd "$(dirname "$0")/.."
PEERS_DIR=${PEERS_DIR:-/tmp/charter-peers}
PF="$PEERS_DIR/promptfoo/node_modules/.bin/promptfoo"
INSPECT="$PEERS_DIR/inspect-venv/bin/inspect"
if [[ ! -x $PF ]]; then
  mkdir -p "$PEERS_DIR/promptfoo"
  npm install --silent --prefix "$PEERS_DIR/promptfoo" promptfoo >/dev/null
fi
if [[ ! -x $INSPECT ]]; then
  python3 -m venv "$PEERS_DIR/inspect-venv"
  "$PEERS_DIR/inspect-venv/bin/pip" install --quiet inspect-ai openai
fi
echo "promptfoo $("$PF" --version 2>/dev/null | tail -1); inspect-ai $("$PEERS_DIR/inspect-venv/bin/python" -c 'import inspect_ai; print(inspect_ai.__version__)')"
CHARTER_PROMPTFOO=$PF CHARTER_INSPECT=$INSPECT \
  .venv/bin/python -m pytest tests/compile/test_exports.py -q -p no:cacheprovider "$@"
