#!/usr/bin/env bash
# Provisions what the Windows provider's tests need on a Debian/Ubuntu machine: PowerShell 7
# (a dotnet global tool) and OpenSSH server, then checks that a test sshd configuration like the
# one the tests generate is accepted. Idempotent: what is already there is left alone.
# The tests start their own sshd on loopback; nothing here starts a daemon.
set -euo pipefail

PWSH_VERSION=7.6.9
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; fi

find_pwsh() {
  if command -v pwsh >/dev/null 2>&1; then command -v pwsh; return; fi
  if [ -x "$HOME/.dotnet/tools/pwsh" ]; then echo "$HOME/.dotnet/tools/pwsh"; return; fi
  return 1
}

if ! PWSH=$(find_pwsh); then
  if ! command -v dotnet >/dev/null 2>&1; then
    echo "provision-windows-tests: the .NET SDK (dotnet) is needed to install PowerShell $PWSH_VERSION" >&2
    exit 1
  fi
  dotnet tool install --global PowerShell --version "$PWSH_VERSION"
  PWSH=$(find_pwsh)
fi

if [ ! -x /usr/sbin/sshd ]; then
  # Keep the package's maintainer scripts from starting a system sshd on port 22.
  created_policy=no
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' | $SUDO tee /usr/sbin/policy-rc.d >/dev/null
    $SUDO chmod +x /usr/sbin/policy-rc.d
    created_policy=yes
  fi
  $SUDO apt-get update
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y openssh-server
  if [ "$created_policy" = yes ]; then $SUDO rm -f /usr/sbin/policy-rc.d; fi
fi

# sshd needs its privilege-separation directory; there is no systemd to create it here.
$SUDO mkdir -p /run/sshd
$SUDO chmod 0755 /run/sshd

# Check a test configuration the way the tests write it.
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
ssh-keygen -q -t ed25519 -N '' -f "$scratch/host_key"
cat >"$scratch/sshd_config" <<CONFIG
Port 22022
ListenAddress 127.0.0.1
HostKey $scratch/host_key
PidFile $scratch/sshd.pid
StrictModes no
UsePAM no
PasswordAuthentication no
PubkeyAuthentication yes
MaxStartups 100:30:200
Subsystem powershell $PWSH -sshs -NoLogo -NoProfile
CONFIG
$SUDO /usr/sbin/sshd -t -f "$scratch/sshd_config"

echo "provision-windows-tests: ready (pwsh: $PWSH, $("$PWSH" -NoLogo -NoProfile -Command '$PSVersionTable.PSVersion.ToString()'); sshd: /usr/sbin/sshd)"
