# Revoking one issued per-device CAL (Win32_TSIssuedLicense.Revoke in root\cimv2, windows-reference.md
# section 2.9). The licence is found by both of its keys and revoked only while the device the plan
# saw still holds it. RevokableCals and NextRevokeAllowedOn are Revoke's own out-parameters: a call
# refused because the revoke quota is spent stops the step saying when to try again. The licence is
# read again afterwards; it must report LicenseStatus 4 (revoked).
# A revocation adds up like an install (each counts against the revoke limit, and a revoked CAL
# cannot be given back), so it goes into the install ledger: revokeStarted before the Revoke call,
# revokeFinished after it, whatever its result. A run killed in between leaves a revokeStarted
# that every later runner sees (Get-RdsUnsettledRevocations in install-ledger.ps1).

function Get-RdsIssuedLicenseByKeys {
    param([int64]$KeyPackId, [int64]$LicenseId)
    $filter = 'KeyPackId = {0} AND LicenseId = {1}' -f $KeyPackId, $LicenseId
    @(Get-CimInstance -Namespace root/cimv2 -ClassName Win32_TSIssuedLicense -Filter $filter -ErrorAction Stop) | Select-Object -First 1
}

function Invoke-RdsRevokeLicense {
    param($Operation)
    $step = 'revoke-license'
    $name = '{0}-{1}' -f $Operation.keyPackId, $Operation.licenseId
    $license = Get-RdsIssuedLicenseByKeys -KeyPackId $Operation.keyPackId -LicenseId $Operation.licenseId
    if (-not $license) { Stop-RdsStep (New-RdsFailure -Step $step -Code 'LICENSE_NOT_FOUND' -Message ('{0} has no issued licence {1}' -f $global:RdsctlTargetHost, $name)) }
    if ([int64]$license.LicenseStatus -eq 4) { return New-RdsResult -Kind $Operation.kind -Status noop -Detail ('licence {0} is already revoked' -f $name) }
    $holder = [string]$license.sIssuedToComputer
    # -ne on strings ignores case, as Windows does for computer names.
    if ($holder.TrimEnd('.') -ne ([string]$Operation.issuedToComputer).TrimEnd('.')) {
        $shown = $holder
        if (-not $shown) { $shown = 'no device' }
        Stop-RdsStep (New-RdsFailure -Step $step -Code 'LICENSE_HOLDER_CHANGED' -Message ('licence {0} is now held by {1}, not {2}: nothing revoked; plan again' -f $name, $shown, $Operation.issuedToComputer))
    }
    $started = Add-RdsLedgerEntry -Kind revokeStarted -Fields (New-RdsRevokeLedgerFields $Operation $holder)
    try {
        $result = Invoke-CimMethod -InputObject $license -MethodName Revoke
        if (Test-RdsRevokeQuotaSpent $result) {
            $when = ConvertTo-RdsIssuedLicenseTime $result.NextRevokeAllowedOn
            Stop-RdsStep (New-RdsFailure -Step $step -Code 'REVOKE_LIMIT' -WindowsCode (Format-RdsWindowsCode ([uint32]$result.ReturnValue)) -Message ('Windows refused to revoke licence {0}: the revoke limit for these per-device CALs is used up; try again after {1}' -f $name, $when))
        }
        Assert-RdsReturnValue -Result $result -Step $step -What ('Revoke on licence {0}' -f $name)
        $after = Get-RdsIssuedLicenseByKeys -KeyPackId $Operation.keyPackId -LicenseId $Operation.licenseId
        if (-not $after -or [int64]$after.LicenseStatus -ne 4) {
            Stop-RdsStep (New-RdsFailure -Step $step -Code 'NOT_CONVERGED' -Message ('Revoke on licence {0} reported success, but the licence does not read as revoked' -f $name))
        }
    }
    catch {
        $failure = ConvertTo-RdsFailure $_ $step
        $null = Add-RdsLedgerEntry -Kind revokeFinished -Fields ([ordered]@{ revokeId = $started.id; outcome = 'failed'; reason = [string]$failure.message })
        throw
    }
    $null = Add-RdsLedgerEntry -Kind revokeFinished -Fields ([ordered]@{ revokeId = $started.id; outcome = 'revoked' })
    New-RdsResult -Kind $Operation.kind -Status done -Detail ('revoked licence {0} of {1}; {2} more may be revoked now' -f $name, $holder, [int64]$result.RevokableCals)
}

function New-RdsRevokeLedgerFields {
    # The revocation and the change it belongs to (the runner's intent: id, address, who, plan),
    # so the next runner can report it by its address. No secrets: a revocation needs none.
    param($Operation, [string]$Holder)
    $fields = [ordered]@{ keyPackId = [int64]$Operation.keyPackId; licenseId = [int64]$Operation.licenseId; issuedToComputer = $Holder }
    $intent = $global:RdsctlChangeIntent
    if ($intent) {
        $fields.intent = [ordered]@{
            id = [string]$intent.id; time = (ConvertTo-RdsIntentTime $intent.time); address = [string]$intent.address
            user = [string]$intent.user; machine = [string]$intent.machine; planDigest = [string]$intent.planDigest
        }
        if ($intent.ciRunId) { $fields.intent.ciRunId = [string]$intent.ciRunId }
    }
    $fields
}
