#!/usr/bin/env bash
# npm test: the static checks (tsc, Biome, dependency-cruiser, knip) and the
# whole test suite, side by side rather than one after the other. The suite
# waits on simulated devices, daemons and Chromium more than it computes (a CI
# run used about 57 % of the two cores), so the checks fit in the gaps. Fails
# when either fails; the checks' lines are marked [check].
set -u
cd "$(dirname "$0")/.." || exit 1

npm run --silent check > >(sed -u 's/^/[check] /') 2>&1 &
check_pid=$!

npx vitest run "$@"
tests=$?

wait "$check_pid"
checked=$?

if ((checked != 0)); then echo "[check] failed (exit $checked): see the [check] lines above" >&2; fi
if ((tests != 0 || checked != 0)); then exit 1; fi
