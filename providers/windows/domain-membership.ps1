# Domain membership of a host (Win32_ComputerSystem PartOfDomain, Domain, Workgroup): per-user CALs
# cannot be tracked by a licence server outside a domain (windows-reference.md section 7).

function Read-RdsDomainMembership {
    # Optional evidence: a failure leaves membership unknown rather than costing the host's read.
    try { $system = Get-CimInstance -Namespace root/cimv2 -ClassName Win32_ComputerSystem -ErrorAction Stop | Select-Object -First 1 }
    catch { return $null }
    if (-not $system) { return $null }
    $membership = [ordered]@{ partOfDomain = [bool]$system.PartOfDomain }
    if ($membership.partOfDomain -and $system.Domain) { $membership.domain = [string]$system.Domain }
    if (-not $membership.partOfDomain -and $system.Workgroup) { $membership.workgroup = [string]$system.Workgroup }
    $membership
}
