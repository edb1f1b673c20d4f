#!/usr/bin/env bash
# Provisions what the report's browser tests need on a Debian/Ubuntu machine: Debian's chromium
# package (/usr/bin/chromium), driven by playwright-core with executablePath. Idempotent and fast
# when Chromium is already there: apt is not touched then.
set -euo pipefail

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; fi

if [ ! -x /usr/bin/chromium ]; then
  $SUDO apt-get update
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends chromium fonts-dejavu-core
fi

# Debian's wrapper script prints shell noise on stderr on some machines; the version line is what counts.
if ! version=$(/usr/bin/chromium --version 2>/dev/null); then
  echo "provision-browser-tests: /usr/bin/chromium is installed but does not start" >&2
  exit 1
fi
echo "provision-browser-tests: $version"
