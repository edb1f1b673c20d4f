# Win32_TSLicenseServer and Win32_TSLicenseKeyPack (root\cimv2). A fixture with
# licenseServer.AccessDenied serves empty data, as Windows does for non-administrators;
# licenseServer.EndpointServers lists the members of the RDS Endpoint Servers group.

function Get-DoubleLicenseServer {
    param([hashtable]$State)
    $server = $State.licenseServer
    if (-not $server) { throw [System.Runtime.InteropServices.COMException]::new('Invalid class Win32_TSLicenseServer', [int]-2147217392) }
    # "MissingProperties" lists properties this Windows build would not have.
    $names = @('FirstName', 'LastName', 'Company', 'CountryRegion', 'eMail', 'ServerRole', 'ProductId', 'Version', 'DatabasePath') | Where-Object { @($server.MissingProperties) -notcontains $_ }
    $properties = @{}
    foreach ($name in $names) {
        $properties[$name] = $null
        if (-not $server.AccessDenied) { $properties[$name] = $server[$name] }
    }
    New-DoubleInstance 'Win32_TSLicenseServer' $properties
}

function Get-DoubleKeyPacks {
    param([hashtable]$State)
    if ($State.licenseServer -and $State.licenseServer.AccessDenied) { return }
    foreach ($pack in @($State.keyPacks)) { if ($pack) { New-DoubleInstance 'Win32_TSLicenseKeyPack' $pack } }
}

function Get-DoubleIssuedLicenses {
    # issuedLicenses: records as Windows serves them; issuedLicenseCount generates that many instead.
    param([hashtable]$State)
    if (-not $State.licenseServer) { throw [System.Runtime.InteropServices.COMException]::new('Invalid class Win32_TSIssuedLicense', [int]-2147217392) }
    if ($State.licenseServer.AccessDenied) { return }
    foreach ($license in @($State.issuedLicenses)) { if ($license) { New-DoubleInstance 'Win32_TSIssuedLicense' $license } }
    # Generated ones carry [datetime] values, as CIM serves DATETIME properties.
    $count = [int]$State.issuedLicenseCount
    $issued = [datetime]::new(2026, 10, 1, 8, 0, 0, [DateTimeKind]::Utc)
    $expires = [datetime]::new(2026, 12, 20, 8, 0, 0, [DateTimeKind]::Utc)
    for ($i = 1; $i -le $count; $i++) {
        [pscustomobject]@{ KeyPackId = 5; LicenseId = $i; sIssuedToComputer = ('PC{0:d5}' -f $i); LicenseStatus = 2; IssueDate = $issued; ExpirationDate = $expires; DoubleClass = 'Win32_TSIssuedLicense' }
    }
}

function Invoke-DoubleLicenseServerMethod {
    param([hashtable]$State, [string]$Method, [System.Collections.IDictionary]$Arguments)
    $server = $State.licenseServer
    $queries = @{
        GetActivationStatus = { @{ ActivationStatus = [uint32]$server.ActivationStatus } }
        IsLSPublished = { @{ Published = [bool]$server.Published } }
        IsLSinTSLSGroup = { @{ IsMember = [bool]$server.InTslsGroup } }
        IsLSSecGrpGPEnabled = { @{ Enabled = [bool]$server.SecGroupEnabled } }
        IsTSinTSCGroup = { @{ IsMember = (Test-DoubleEndpointServer $server ([string]$Arguments.tsname)) } }
    }
    # These query or write Active Directory as the caller: with "NoDomainController" (a workgroup
    # server, or a session that cannot reach a DC), or from a session whose logon holds no
    # credentials for the DC ("secondHop" on the host: key-based SSH, WinRM without delegation),
    # they fail. Which code Windows returns is not documented; the double answers WBEM_E_FAILED.
    $directory = @('IsLSPublished', 'IsLSinTSLSGroup', 'PublishLS', 'UnpublishLS', 'AddLStoTSLSGroup')
    if (($server.NoDomainController -or $State.secondHop) -and $directory -contains $Method) {
        Write-DoubleJournal 'Invoke-CimMethod' @{ class = 'Win32_TSLicenseServer'; method = $Method; arguments = (ConvertTo-DoubleArguments $Arguments); refused = [uint32]2147749889 }
        return New-DoubleMethodResult -ReturnValue 2147749889
    }
    if ($queries.ContainsKey($Method)) { return New-DoubleMethodResult -Out (& $queries[$Method]) }
    $out = @{}
    switch ($Method) {
        'ActivateServerAutomatic' {
            if (-not ($server.FirstName -and $server.LastName -and $server.Company -and $server.CountryRegion)) { return New-DoubleMethodResult -ReturnValue 2147749896 }
            $server.ActivationStatus = 0; $out.ActivationStatus = [uint32]0
        }
        'ChangeRole' { $server.ServerRole = [int]$Arguments.ServerRole }
        'PublishLS' { $server.Published = $true }
        'UnpublishLS' { $server.Published = $false }
        'AddLStoTSLSGroup' { $server.InTslsGroup = $true }
        default { throw "the Windows double has no Win32_TSLicenseServer.$Method" }
    }
    Save-DoubleState $State
    Write-DoubleJournal 'Invoke-CimMethod' @{ class = 'Win32_TSLicenseServer'; method = $Method; arguments = (ConvertTo-DoubleArguments $Arguments) }
    New-DoubleMethodResult -Out $out
}

function Test-DoubleEndpointServer {
    # The fixture's "EndpointServers" holds the names the group knows, e.g. computer names only.
    param([hashtable]$Server, [string]$Name)
    foreach ($member in @($Server.EndpointServers)) {
        if ([string]::Equals([string]$member, $Name, [System.StringComparison]::OrdinalIgnoreCase)) { return $true }
    }
    $false
}

function Add-DoubleKeyPack {
    # No document ties the install call's ProductVersion to the ProductVersionID Windows files the
    # pack under: a fixture's "installFiling" { productVersionId, keyPackType } files it elsewhere.
    param([hashtable]$State, [int]$VersionId, [int]$ProductType, [int]$KeyPackType, [int]$Count)
    if ($State.installFiling) {
        if ($null -ne $State.installFiling.productVersionId) { $VersionId = [int]$State.installFiling.productVersionId }
        if ($null -ne $State.installFiling.keyPackType) { $KeyPackType = [int]$State.installFiling.keyPackType }
    }
    $ids = @(@($State.keyPacks) | Where-Object { $_ } | ForEach-Object { [int]$_.KeyPackId })
    $id = 1 + (($ids + 0) | Measure-Object -Maximum).Maximum
    $pack = @{ KeyPackId = $id; ProductVersionID = $VersionId; ProductType = $ProductType; KeyPackType = $KeyPackType
        TotalLicenses = $Count; IssuedLicenses = 0; AvailableLicenses = $Count; Description = 'installed by the double' }
    $State.keyPacks = @(@($State.keyPacks) | Where-Object { $_ }) + @($pack)
    $id
}

function Invoke-DoubleKeyPackMethod {
    param([hashtable]$State, [string]$Method, [System.Collections.IDictionary]$Arguments)
    $details = @{ class = 'Win32_TSLicenseKeyPack'; method = $Method; arguments = (ConvertTo-DoubleArguments $Arguments) }
    switch ($Method) {
        'InstallAgreementLicenseKeyPack' { $id = Add-DoubleKeyPack $State $Arguments.ProductVersion $Arguments.ProductType 2 $Arguments.LicenseCount }
        'InstallOpenLicenseKeyPack' { $id = Add-DoubleKeyPack $State $Arguments.ProductVersion $Arguments.ProductType 5 $Arguments.LicenseCount }
        'InstallRetailPurchaseLicenseKeyPack' {
            $code = [string]$Arguments.sLicenseCode
            $known = $State.retailCodes
            if (-not $known -or -not $known.ContainsKey($code) -or @($State.usedRetailCodes) -contains $code) {
                $details.refused = [uint32]2147749889
                Write-DoubleJournal 'Invoke-CimMethod' $details
                return New-DoubleMethodResult -ReturnValue 2147749889
            }
            $retail = $known[$code]
            $id = Add-DoubleKeyPack $State $retail.productVersionId $retail.productType 1 $retail.count
            $State.usedRetailCodes = @(@($State.usedRetailCodes) | Where-Object { $_ }) + @($code)
        }
        'RemoveLicensesWithIdCount' {
            # Removing more than a pack's unissued licences is refused with WBEM_E_INVALID_PARAMETER.
            $pack = @($State.keyPacks) | Where-Object { $_ -and [int]$_.KeyPackId -eq [int]$Arguments.KeyPackId } | Select-Object -First 1
            if (-not $pack -or [int]$Arguments.LicenseCount -gt [int]$pack.AvailableLicenses) {
                $details.refused = [uint32]2147749896
                Write-DoubleJournal 'Invoke-CimMethod' $details
                return New-DoubleMethodResult -ReturnValue 2147749896
            }
            $pack.TotalLicenses = [int]$pack.TotalLicenses - [int]$Arguments.LicenseCount
            $pack.AvailableLicenses = [Math]::Max(0, [int]$pack.AvailableLicenses - [int]$Arguments.LicenseCount)
            $id = $pack.KeyPackId
        }
        default { throw "the Windows double has no Win32_TSLicenseKeyPack.$Method" }
    }
    Save-DoubleState $State
    Write-DoubleJournal 'Invoke-CimMethod' $details
    New-DoubleMethodResult -Out @{ KeyPackId = [uint32]$id }
}

function Invoke-DoubleIssuedLicenseMethod {
    # Revoke, as documented: per-device CALs only, at most 20% of a version's installed per-device
    # CALs at a time. A revoked licence counts until its ExpirationDate (the lab's model of the
    # undocumented wait). A spent quota answers WBEM_E_FAILED with NextRevokeAllowedOn set; which
    # code Windows returns then is not documented.
    param([hashtable]$State, $Instance, [string]$Method)
    if ($Method -ne 'Revoke') { throw "the Windows double has no Win32_TSIssuedLicense.$Method" }
    $details = @{ class = 'Win32_TSIssuedLicense'; method = $Method; arguments = [ordered]@{ KeyPackId = [int64]$Instance.KeyPackId; LicenseId = [int64]$Instance.LicenseId } }
    $license = @($State.issuedLicenses) | Where-Object { $_ -and [int64]$_.KeyPackId -eq [int64]$Instance.KeyPackId -and [int64]$_.LicenseId -eq [int64]$Instance.LicenseId } | Select-Object -First 1
    $pack = @($State.keyPacks) | Where-Object { $_ -and $license -and [int64]$_.KeyPackId -eq [int64]$license.KeyPackId } | Select-Object -First 1
    if (-not $license -or -not $pack -or [int]$pack.ProductType -ne 0) {
        $details.refused = [uint32]2147749896
        Write-DoubleJournal 'Invoke-CimMethod' $details
        return New-DoubleMethodResult -ReturnValue 2147749896
    }
    $packs = @(@($State.keyPacks) | Where-Object { $_ -and [int]$_.ProductType -eq 0 -and [int]$_.ProductVersionID -eq [int]$pack.ProductVersionID -and @(4, 6, 7) -notcontains [int]$_.KeyPackType })
    $ids = @($packs | ForEach-Object { [int64]$_.KeyPackId })
    $limit = [Math]::Floor(((@($packs | ForEach-Object { [int64]$_.TotalLicenses }) + 0 | Measure-Object -Sum).Sum) * 20 / 100)
    $now = [datetime]::UtcNow
    $counting = @(@($State.issuedLicenses) | Where-Object { $_ -and [int]$_.LicenseStatus -eq 4 -and $ids -contains [int64]$_.KeyPackId -and ([datetime]$_.ExpirationDate).ToUniversalTime() -gt $now })
    if ($counting.Count -ge $limit) {
        $next = ($counting | ForEach-Object { ([datetime]$_.ExpirationDate).ToUniversalTime() } | Measure-Object -Minimum).Minimum
        $details.refused = [uint32]2147749889
        Write-DoubleJournal 'Invoke-CimMethod' $details
        return New-DoubleMethodResult -ReturnValue 2147749889 -Out @{ RevokableCals = [uint32]0; NextRevokeAllowedOn = $next }
    }
    $license.LicenseStatus = 4
    $pack.IssuedLicenses = [Math]::Max(0, [int]$pack.IssuedLicenses - 1)
    $pack.AvailableLicenses = [int]$pack.AvailableLicenses + 1
    Save-DoubleState $State
    Write-DoubleJournal 'Invoke-CimMethod' $details
    New-DoubleMethodResult -Out @{ RevokableCals = [uint32]($limit - $counting.Count - 1); NextRevokeAllowedOn = $null }
}
