# Same-named doubles of the Windows-only commands rdsctl's host scripts call. Each serves the
# state of one host from a JSON fixture and appends every change it is asked to make to that
# host's journal. Which host: over SSH on loopback the server address of the connection
# ($env:SSH_CONNECTION, 127.0.0.x) mapped through addresses.json; in a local run the host the
# request named ($global:RdsctlTargetHost).
Set-StrictMode -Off
foreach ($part in @('double-state', 'double-cim', 'double-terminal-services', 'double-license-server', 'double-per-user-report', 'double-services', 'double-firewall', 'double-group-policy', 'double-probes', 'double-directory')) {
    . (Join-Path $PSScriptRoot "$part.ps1")
}
try { Set-DoubleProgramData } catch { }
try { Set-DoubleConsoleEncoding } catch { }
try { Set-DoubleSystemRoot } catch { }
