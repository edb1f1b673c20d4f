# Key packs (Win32_TSLicenseKeyPack, root\cimv2). ProductType is 0 per device / 1 per user,
# unlike licensing modes (2 / 4). Installs are additive and retail codes single-use, so the
# delta is computed from live counts at apply time and installed once. Every key pack is
# snapshotted before and after the install and the delta attributed to it in the install
# ledger (install-ledger.ps1); an install Windows files other than asked is never repeated.

function Get-RdsKeyPackInstances {
    @(Get-CimInstance -Namespace root/cimv2 -ClassName Win32_TSLicenseKeyPack -ErrorAction Stop)
}

function Get-RdsProductVersionIds {
    # ProductVersionID -> product: the documented table (reference section 2.8), then the ids
    # Get-RdsUndocumentedProductVersionIds adds.
    $products = @{ 2 = 'windowsServer2008'; 3 = 'windowsServer2008R2'; 4 = 'windowsServer2012'; 5 = 'windowsServer2016'; 6 = 'windowsServer2019'; 7 = 'windowsServer2022' }
    $undocumented = Get-RdsUndocumentedProductVersionIds
    foreach ($id in $undocumented.Keys) { $products[[int]$id] = $undocumented[$id] }
    $products
}

function Get-RdsProductByVersionId {
    param([int64]$Id)
    (Get-RdsProductVersionIds)[[int]$Id]
}

function Get-RdsVersionIdOfProduct {
    param([string]$Product)
    $products = Get-RdsProductVersionIds
    foreach ($id in $products.Keys) { if ($products[$id] -eq $Product) { return $id } }
}

function Get-RdsCalType {
    param($ProductType)
    switch ([int64]$ProductType) {
        0 { return 'perDevice' }
        1 { return 'perUser' }
        3 { return 'builtIn' }
    }
    'invalid'
}

function Get-RdsKeyPackChannel {
    param($Pack)
    if ([int64]$Pack.ProductType -eq 3) { return 'builtIn' }
    $channels = @('unknown', 'retail', 'volume', 'concurrent', 'temporary', 'open', 'notSupported')
    $type = [int64]$Pack.KeyPackType
    if ($type -ge 0 -and $type -lt $channels.Count) { return $channels[$type] }
    'unknown'
}

function ConvertTo-RdsKeyPack {
    param($Pack)
    $result = [ordered]@{
        keyPackId = [int64]$Pack.KeyPackId
        productVersionId = [int64]$Pack.ProductVersionID
        type = Get-RdsCalType $Pack.ProductType
        channel = Get-RdsKeyPackChannel $Pack
        total = [int64]$Pack.TotalLicenses
        issued = [int64]$Pack.IssuedLicenses
        available = [int64]$Pack.AvailableLicenses
    }
    $product = Get-RdsProductByVersionId $Pack.ProductVersionID
    if ($product) { $result.product = $product }
    $expires = ConvertTo-RdsIsoTime $Pack.ExpirationDate
    if ($expires) { $result.expiresAt = $expires }
    if ($Pack.Description) { $result.description = [string]$Pack.Description }
    $result
}

function Read-RdsKeyPacks {
    Get-RdsKeyPackInstances | Sort-Object -Property KeyPackId | ForEach-Object { ConvertTo-RdsKeyPack $_ }
}

function Get-RdsGroupPacks {
    param($Group)
    $versionId = Get-RdsVersionIdOfProduct $Group.product
    @(Read-RdsKeyPacks | Where-Object {
            $_.productVersionId -eq $versionId -and $_.type -eq $Group.type -and $_.channel -eq $Group.channel
        })
}

function Get-RdsGroupTotal {
    param($Group)
    $total = [int64]0
    foreach ($pack in (Get-RdsGroupPacks $Group)) { $total += $pack.total }
    $total
}

function Get-RdsAgreementType {
    param([string]$Program)
    $types = @{ select = 0; enterpriseAgreement = 1; campus = 2; school = 3; serviceProvider = 4; otherAgreement = 5 }
    if (-not $types.ContainsKey($Program)) { return $null }
    [uint32]$types[$Program]
}

function Get-RdsSecretValue {
    param($Operation, [string]$Name)
    $value = [string]$Operation.secretValues.$Name
    if (-not $value) {
        Stop-RdsStep (New-RdsFailure -Step 'install-licenses' -Code 'SECRET_MISSING' -Message ('the {0} for this key pack was not provided' -f $Name))
    }
    $value
}

function Get-RdsInstallCall {
    # The install method and its arguments for the operation's programme; secrets stay in here.
    param($Operation, [int64]$Delta)
    $version = Get-RdsInstallProductVersion $Operation.group.product
    $type = [uint32]0
    if ($Operation.group.type -eq 'perUser') { $type = [uint32]1 }
    $agreement = Get-RdsAgreementType $Operation.program
    if ($null -ne $agreement) {
        return @{ Method = 'InstallAgreementLicenseKeyPack'; Arguments = @{
                AgreementType = $agreement; sAgreementNumber = (Get-RdsSecretValue $Operation 'agreementNumber')
                ProductVersion = $version; ProductType = $type; LicenseCount = [uint32]$Delta } }
    }
    if ($Operation.program -eq 'open') {
        return @{ Method = 'InstallOpenLicenseKeyPack'; Arguments = @{
                sLicenseNumber = (Get-RdsSecretValue $Operation 'licenseNumber'); sAuthorizationNumber = (Get-RdsSecretValue $Operation 'authorizationNumber')
                ProductVersion = $version; ProductType = $type; LicenseCount = [uint32]$Delta } }
    }
    @{ Method = 'InstallRetailPurchaseLicenseKeyPack'; Arguments = @{ sLicenseCode = (Get-RdsSecretValue $Operation 'retailKey') } }
}

function Hide-RdsSecrets {
    param([string]$Text, $Operation)
    foreach ($property in @($Operation.secretValues.PSObject.Properties)) {
        $secret = [string]$property.Value
        if ($secret) { $Text = $Text.Replace($secret, '***') }
    }
    $Text
}

function Get-RdsKeyPackSnapshot {
    # Every key pack, not only the group's: an install Windows files elsewhere must still be seen.
    @(Read-RdsKeyPacks | ForEach-Object {
            [ordered]@{ keyPackId = $_.keyPackId; productVersionId = $_.productVersionId; type = $_.type; channel = $_.channel; total = $_.total }
        })
}

function Get-RdsSnapshotDelta {
    # The packs that grew between two snapshots, with how many licences each gained.
    param($Before, $After)
    $was = @{}
    foreach ($pack in @($Before)) { $was[[int64]$pack.keyPackId] = [int64]$pack.total }
    foreach ($pack in @($After)) {
        $old = [int64]0
        if ($was.ContainsKey([int64]$pack.keyPackId)) { $old = $was[[int64]$pack.keyPackId] }
        $added = [int64]$pack.total - $old
        if ($added -gt 0) {
            [ordered]@{ keyPackId = $pack.keyPackId; productVersionId = $pack.productVersionId; type = $pack.type; channel = $pack.channel; added = $added }
        }
    }
}

function Format-RdsFiledPacks {
    param($Packs)
    $parts = @($Packs | ForEach-Object { '{0} as ProductVersionID {1} {2} {3} (key pack {4})' -f $_.added, $_.productVersionId, $_.type, $_.channel, $_.keyPackId })
    if ($parts.Count -eq 0) { return 'no key pack grew' }
    $parts -join ', '
}

function Measure-RdsInstallOutcome {
    # asExpected when every licence that appeared sits in the asked group (and, when the count was
    # asked, exactly that many); anything else is unexplained and blocks further installs.
    param($Group, $Filed, [int64]$Asked)
    $versionId = Get-RdsVersionIdOfProduct $Group.product
    $inGroup = [int64]0; $elsewhere = [int64]0
    foreach ($pack in @($Filed)) {
        if ($pack.productVersionId -eq $versionId -and $pack.type -eq $Group.type -and $pack.channel -eq $Group.channel) { $inGroup += $pack.added }
        else { $elsewhere += $pack.added }
    }
    $shown = Format-RdsFiledPacks $Filed
    if ($inGroup + $elsewhere -eq 0) { return @{ outcome = 'unexplained'; reason = ('the install reported success but {0}' -f $shown) } }
    if ($elsewhere -gt 0) { return @{ outcome = 'unexplained'; reason = ('asked for ProductVersionID {0} {1} {2}; Windows filed {3}' -f $versionId, $Group.type, $Group.channel, $shown) } }
    if ($Asked -gt 0 -and $inGroup -ne $Asked) { return @{ outcome = 'unexplained'; reason = ('asked for {0} licences; Windows filed {1}' -f $Asked, $shown) } }
    @{ outcome = 'asExpected'; reason = ('Windows filed {0}' -f $shown) }
}

function Assert-RdsNoUnexplainedInstall {
    param([string]$Step)
    $open = @(Get-RdsUnexplainedInstalls)
    if ($open.Count -eq 0) { return }
    $first = $open[0]
    Stop-RdsStep (New-RdsFailure -Step $Step -Code 'INSTALL_BLOCKED' -Message ('not installing: the install ledger on this server holds {0} unexplained install(s); the first, {1} at {2}: {3}. Check the key packs in RD Licensing Manager, then acknowledge it (docs/windows.md, "Install ledger")' -f $open.Count, $first.id, $first.at, $first.reason))
}

function Install-RdsLicenses {
    param($Operation)
    $step = 'install-licenses'
    $before = Get-RdsGroupTotal $Operation.group
    $delta = [int64]$Operation.targetTotal - $before
    if ($delta -le 0) {
        return New-RdsResult -Kind $Operation.kind -Status noop -Detail ('{0} licences installed, target {1}: nothing to install' -f $before, $Operation.targetTotal)
    }
    Assert-RdsNoUnexplainedInstall $step
    $call = Get-RdsInstallCall -Operation $Operation -Delta $delta
    $asked = [ordered]@{}
    foreach ($name in @('ProductVersion', 'ProductType', 'LicenseCount', 'AgreementType')) { if ($call.Arguments.ContainsKey($name)) { $asked[$name] = [int64]$call.Arguments[$name] } }
    $snapshot = Get-RdsKeyPackSnapshot
    $group = [ordered]@{ product = [string]$Operation.group.product; type = [string]$Operation.group.type; channel = [string]$Operation.group.channel }
    $started = Add-RdsLedgerEntry -Kind installStarted -Fields ([ordered]@{ group = $group; method = $call.Method; asked = $asked; before = $snapshot })
    $failure = $null
    try {
        $result = Invoke-CimMethod -Namespace root/cimv2 -ClassName Win32_TSLicenseKeyPack -MethodName $call.Method -Arguments $call.Arguments
        Assert-RdsReturnValue -Result $result -Step $step -What $call.Method
    }
    catch {
        $failure = ConvertTo-RdsFailure $_ $step
        $failure.message = Hide-RdsSecrets ('{0} failed: {1}' -f $call.Method, $failure.message) $Operation
    }
    $afterSnapshot = Get-RdsKeyPackSnapshot
    $filed = @(Get-RdsSnapshotDelta -Before $snapshot -After $afterSnapshot)
    $count = [int64]0
    if ($asked.Contains('LicenseCount')) { $count = $asked.LicenseCount }
    $measured = Measure-RdsInstallOutcome -Group $Operation.group -Filed $filed -Asked $count
    if ($failure -and $filed.Count -eq 0) { $measured = @{ outcome = 'failed'; reason = [string]$failure.message } }
    elseif ($failure) { $measured = @{ outcome = 'unexplained'; reason = ('{0}, yet Windows filed {1}' -f $failure.message, (Format-RdsFiledPacks $filed)) } }
    $null = Add-RdsLedgerEntry -Kind installFinished -Fields ([ordered]@{ installId = $started.id; outcome = $measured.outcome; reason = $measured.reason; after = $afterSnapshot; filedAs = $filed })
    if ($measured.outcome -eq 'failed') { Stop-RdsStep $failure }
    if ($measured.outcome -eq 'unexplained') {
        Stop-RdsStep (New-RdsFailure -Step $step -Code 'INSTALL_UNEXPLAINED' -Message ('{0}: {1}. Recorded as {2} in the install ledger; rdsctl installs nothing more on this server until it is acknowledged' -f $call.Method, $measured.reason, $started.id))
    }
    $after = Get-RdsGroupTotal $Operation.group
    if ($after -lt [int64]$Operation.targetTotal) {
        Stop-RdsStep (New-RdsFailure -Step $step -Code 'NOT_CONVERGED' -Message ('installed {0} licences; the total is {1}, short of the target {2}' -f ($after - $before), $after, $Operation.targetTotal))
    }
    New-RdsResult -Kind $Operation.kind -Status done -Detail ('installed {0} licences (total {1} -> {2})' -f ($after - $before), $before, $after)
}

function Remove-RdsLicenses {
    # Removes only unissued licences (a pack's available count), newest pack first, then re-reads:
    # the total must fall by exactly what was removed. Issued licences are never removed; when
    # the target needs that, the step fails saying how many are left.
    param($Operation)
    $step = 'remove-licenses'
    $before = Get-RdsGroupTotal $Operation.group
    $excess = $before - [int64]$Operation.targetTotal
    if ($excess -le 0) {
        return New-RdsResult -Kind $Operation.kind -Status noop -Detail ('{0} licences installed, target {1}: nothing to remove' -f $before, $Operation.targetTotal)
    }
    $removed = [int64]0
    foreach ($pack in @(Get-RdsGroupPacks $Operation.group | Sort-Object -Property { $_.keyPackId } -Descending)) {
        if ($excess -le 0) { break }
        $count = [Math]::Min([Math]::Min([int64]$pack.total, [int64]$pack.available), $excess)
        if ($count -le 0) { continue }
        $arguments = @{ KeyPackId = [uint32]$pack.keyPackId; LicenseCount = [uint32]$count }
        $result = Invoke-CimMethod -Namespace root/cimv2 -ClassName Win32_TSLicenseKeyPack -MethodName RemoveLicensesWithIdCount -Arguments $arguments
        Assert-RdsReturnValue -Result $result -Step $step -What ('RemoveLicensesWithIdCount on key pack {0}' -f $pack.keyPackId)
        $excess -= $count
        $removed += $count
    }
    $after = Get-RdsGroupTotal $Operation.group
    if ($after -ne $before - $removed) {
        Stop-RdsStep (New-RdsFailure -Step $step -Code 'NOT_CONVERGED' -Message ('removed {0} licences, but the total went {1} -> {2} instead of {3}' -f $removed, $before, $after, ($before - $removed)))
    }
    if ($excess -gt 0) {
        Stop-RdsStep (New-RdsFailure -Step $step -Code 'ISSUED_LICENSES' -Message ('removed {0} unissued licences (total {1} -> {2}); reaching {3} would remove {4} issued licences, which rdsctl never does: revoke or let them expire first' -f $removed, $before, $after, $Operation.targetTotal, $excess))
    }
    New-RdsResult -Kind $Operation.kind -Status done -Detail ('removed {0} unissued licences (total {1} -> {2})' -f $removed, $before, $after)
}

function Invoke-RdsKeyPackOperation {
    param($Operation)
    switch ([string]$Operation.kind) {
        'installLicenses' { return Install-RdsLicenses $Operation }
        'removeLicenses' { return Remove-RdsLicenses $Operation }
    }
}
