#!/usr/bin/env bash
# Provisions what the report's browser tests need on a Debian/Ubuntu machine: Debian's chromium
# package (/usr/bin/chromium), driven by playwright-core with executablePath; and promtool (Debian's
# prometheus package) for the doctor's Prometheus output. Idempotent and fast
# when both are already there: apt is not touched then.
set -euo pipefail

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; fi

if [ ! -x /usr/bin/chromium ]; then
  $SUDO apt-get update
  APT_UPDATED=1
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends chromium fonts-dejavu-core
fi

# Debian's wrapper script prints shell noise on stderr on some machines; the version line is what counts.
if ! version=$(/usr/bin/chromium --version 2>/dev/null); then
  echo "provision-browser-tests: /usr/bin/chromium is installed but does not start" >&2
  exit 1
fi
echo "provision-browser-tests: $version"

# Debian's prometheus package ships promtool, the linter the doctor's Prometheus output is checked with.
if ! command -v promtool >/dev/null 2>&1; then
  if [ -z "${APT_UPDATED:-}" ]; then $SUDO apt-get update; fi
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends prometheus
fi
if ! version=$(promtool --version 2>&1 | head -n 1); then
  echo "provision-browser-tests: promtool is installed but does not start" >&2
  exit 1
fi
echo "provision-browser-tests: $version"
