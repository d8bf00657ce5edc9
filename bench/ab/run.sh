#!/usr/bin/env bash
# A/B timing of `evaluate` on this noisy machine: a base commit against the working tree,
# in one process, evaluations interleaved (see main.rs).
#
#   bench/ab/run.sh BASE [CELLS] [RUNS]        e.g. bench/ab/run.sh HEAD~3 30000 20
#   ONLY=I10,R02 bench/ab/run.sh BASE ...      only those criteria enabled
#   FEATURES=rayon bench/ab/run.sh BASE ...    both versions built with the crate's feature(s)
#                                              besides synth (comma-separated)
#
# Builds the base in a temporary worktree (its version renamed so both can be linked) and a
# scratch crate under target/ab, starting from the repository's Cargo.lock; needs cargo, git and
# GNU sed.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
base=${1:?usage: bench/ab/run.sh BASE [CELLS] [RUNS]}
scratch="$repo/target/ab"
tree="$scratch/base"
mkdir -p "$scratch/src"
git -C "$repo" worktree remove --force "$tree" 2>/dev/null || true
git -C "$repo" worktree add --detach "$tree" "$base" >/dev/null
trap 'git -C "$repo" worktree remove --force "$tree"' EXIT
sed -i '0,/^version = .*/s//version = "0.0.0-base"/' "$tree/Cargo.toml"
extra=${FEATURES:-}
features=$(printf '"%s", ' synth ${extra//,/ })
features=${features%, }
cp "$here/main.rs" "$scratch/src/main.rs"
cp "$repo/Cargo.lock" "$scratch/Cargo.lock"
cat > "$scratch/Cargo.toml" <<TOML
[package]
name = "ab"
version = "0.0.0"
edition = "2024"
publish = false

[dependencies]
new = { package = "chibo", path = "$repo", features = [$features] }
base = { package = "chibo", path = "$tree", features = [$features] }

[workspace]
TOML
cargo run --quiet --release --manifest-path "$scratch/Cargo.toml" -- "${@:2}"
