#!/usr/bin/env bash
# npm test: the static checks (tsc, Biome, dependency-cruiser, knip) and the
# whole test suite, side by side rather than one after the other. The suite
# waits on simulated devices, daemons and Chromium more than it computes (a CI
# run used about 57 % of the two cores), so the checks fit in the gaps. Fails
# when either fails; the checks' lines are marked [check].
set -u
cd "$(dirname "$0")/.." || exit 1

# The tests' data dirs (databases, logs, configs, browser profiles) go to a
# tmpfs when the machine has one, in a dir of this run removed at its end. The
# daemon fsyncs every commit (synchronous=FULL, durable files); an fsync takes
# ~2.4 ms on this VM's disk and nothing on tmpfs, and the tests check what is
# written and in which order, not the disk under it (a test that needs a full or
# read-only disk mounts a small tmpfs of its own). KIOSK_TEST_TMPDIR=keep uses
# $TMPDIR (or /tmp) as it is.
if [[ "${KIOSK_TEST_TMPDIR:-}" != keep && -d /dev/shm && -w /dev/shm ]]; then
  run_tmp=$(mktemp -d /dev/shm/kiosk-tests.XXXXXX) && export TMPDIR="$run_tmp"
  trap 'rm -rf "$run_tmp"' EXIT
fi

npm run --silent check > >(sed -u 's/^/[check] /') 2>&1 &
check_pid=$!

npx vitest run "$@"
tests=$?

wait "$check_pid"
checked=$?

if ((checked != 0)); then echo "[check] failed (exit $checked): see the [check] lines above" >&2; fi
if ((tests != 0 || checked != 0)); then exit 1; fi
