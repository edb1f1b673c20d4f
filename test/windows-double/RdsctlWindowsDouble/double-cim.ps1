# CimCmdlets doubles: instances and methods per class, registry through StdRegProv.

function Get-CimInstance {
    [CmdletBinding()]
    param([string]$Namespace = 'root/cimv2', [Parameter(Mandatory)][string]$ClassName, [string]$Filter)
    $state = Get-DoubleState
    $returned = Invoke-DoubleFailure -State $state -Name "Get-CimInstance:$ClassName"
    $instances = @(Get-DoubleInstances -State $state -Class $ClassName -Namespace $Namespace)
    # WQL as the scripts write it: equality tests joined by AND.
    foreach ($clause in @($Filter -split '\s+AND\s+' | Where-Object { $_ })) {
        if ($clause -notmatch '^\s*(\w+)\s*=\s*''?([^'']*)''?\s*$') { throw "the Windows double cannot filter on $clause" }
        $property = $Matches[1]; $value = $Matches[2]
        $instances = @($instances | Where-Object { [string]$_.$property -eq $value })
    }
    $instances
}

function Get-DoubleInstances {
    param([hashtable]$State, [string]$Class, [string]$Namespace)
    $namespaceOf = @{
        Win32_TerminalServiceSetting = 'root/cimv2/TerminalServices'; Win32_TSSessionDirectory = 'root/cimv2/TerminalServices'
        Win32_TSDeploymentLicensing = 'root/cimv2/TerminalServices'; ds_computer = 'root/directory/LDAP'
    }
    $expected = 'root/cimv2'
    if ($namespaceOf.ContainsKey($Class)) { $expected = $namespaceOf[$Class] }
    if ($Namespace.Replace('\', '/') -ne $expected) {
        throw [System.Runtime.InteropServices.COMException]::new("Invalid class $Class in namespace $Namespace", [int]-2147217392)
    }
    switch ($Class) {
        'Win32_TerminalServiceSetting' { return Get-DoubleTerminalServiceSetting $State }
        'Win32_TSLicenseServer' { return Get-DoubleLicenseServer $State }
        'Win32_TSLicenseKeyPack' { return Get-DoubleKeyPacks $State }
        'Win32_TSIssuedLicense' { return Get-DoubleIssuedLicenses $State }
        'Win32_TSLicenseReport' { return Get-DoubleLicenseReports $State }
        'Win32_ComputerSystem' { return Get-DoubleComputerSystem $State }
        'Win32_TSSessionDirectory' { return Get-DoubleSessionDirectory $State }
        'Win32_TSDeploymentLicensing' { return Get-DoubleDeploymentLicensing $State }
        'ds_computer' { return Get-DoubleDirectoryComputers $State }
        'Win32_OperatingSystem' { return New-DoubleInstance $Class @{ BuildNumber = [string]$State.os.BuildNumber; Caption = [string]$State.os.Caption } }
        'Win32_NetworkAdapterConfiguration' { return New-DoubleInstance $Class @{ IPEnabled = 'True'; IPAddress = @($State.addresses) } }
        'Win32_LogonSession' {
            $count = [int]$State.remoteSessions
            for ($i = 0; $i -lt $count; $i++) { New-DoubleInstance $Class @{ LogonType = 10; LogonId = [string](1000 + $i) } }
            return
        }
    }
    # Windows answers a class that does not exist with a CimException (InvalidClass); a fixture
    # with "cimErrorsAsCom" contradicts that, answering a COMException as DCOM-era code expects.
    if ($State.cimErrorsAsCom) { throw [System.Runtime.InteropServices.COMException]::new("Invalid class $Class", [int]-2147217392) }
    throw (New-DoubleCimException -Result InvalidClass -Message "Invalid class $Class")
}

function Invoke-CimMethod {
    [CmdletBinding()]
    param([string]$Namespace = 'root/cimv2', [string]$ClassName, $InputObject, [Parameter(Mandatory)][string]$MethodName, [System.Collections.IDictionary]$Arguments = @{}, [uint32]$OperationTimeoutSec = 0)
    $class = $ClassName
    if ($InputObject) { $class = $InputObject.DoubleClass }
    $state = Get-DoubleState
    $returned = Invoke-DoubleFailure -State $state -Name "$class.$MethodName"
    if ($null -ne $returned) {
        Write-DoubleJournal 'Invoke-CimMethod' @{ class = $class; method = $MethodName; arguments = (ConvertTo-DoubleArguments $Arguments); refused = $returned }
        return New-DoubleMethodResult -ReturnValue $returned
    }
    switch ($class) {
        'StdRegProv' { return Invoke-DoubleRegistryMethod -State $state -Method $MethodName -Arguments $Arguments }
        'Win32_TerminalServiceSetting' { return Invoke-DoubleTerminalServiceMethod -State $state -Method $MethodName -Arguments $Arguments -TimeoutSeconds $OperationTimeoutSec }
        'Win32_TSLicenseServer' { return Invoke-DoubleLicenseServerMethod -State $state -Method $MethodName -Arguments $Arguments }
        'Win32_TSLicenseKeyPack' { return Invoke-DoubleKeyPackMethod -State $state -Method $MethodName -Arguments $Arguments }
        'Win32_TSLicenseReport' { return Invoke-DoubleLicenseReportMethod -State $state -Method $MethodName -InputObject $InputObject }
        'Win32_TSIssuedLicense' { return Invoke-DoubleIssuedLicenseMethod -State $state -Instance $InputObject -Method $MethodName }
    }
    throw "the Windows double has no method $class.$MethodName"
}

function Set-CimInstance {
    [CmdletBinding()]
    param([Parameter(Mandatory)]$InputObject, [System.Collections.IDictionary]$Property = @{}, [switch]$PassThru)
    $state = Get-DoubleState
    if ($InputObject.DoubleClass -ne 'Win32_TSLicenseServer') { throw "the Windows double cannot set $($InputObject.DoubleClass)" }
    foreach ($key in $Property.Keys) { $state.licenseServer[$key] = $Property[$key] }
    Save-DoubleState $state
    Write-DoubleJournal 'Set-CimInstance' @{ class = $InputObject.DoubleClass; properties = (ConvertTo-DoubleArguments $Property) }
}

function ConvertTo-DoubleArguments {
    param([System.Collections.IDictionary]$Arguments)
    $copy = [ordered]@{}
    foreach ($key in ($Arguments.Keys | Sort-Object)) { $copy[$key] = $Arguments[$key] }
    $copy
}

function Invoke-DoubleRegistryMethod {
    param([hashtable]$State, [string]$Method, [System.Collections.IDictionary]$Arguments)
    $registry = $State.registry
    if (-not $registry) { $registry = @{} }
    $key = $registry[[string]$Arguments.sSubKeyName]
    $name = [string]$Arguments.sValueName
    if ($Method -eq 'DeleteValue') {
        if (-not $key -or -not $key.ContainsKey($name)) { return New-DoubleMethodResult -ReturnValue 2 }
        # A key whose ACL denies administrators (the fixture's "deniedKeys", as Windows protects
        # RCM\GracePeriod) refuses the delete with ERROR_ACCESS_DENIED until ownership is taken.
        if (@($State.deniedKeys) -contains [string]$Arguments.sSubKeyName) {
            Write-DoubleJournal 'Invoke-CimMethod' @{ class = 'StdRegProv'; method = $Method; arguments = (ConvertTo-DoubleArguments $Arguments); refused = [uint32]5 }
            return New-DoubleMethodResult -ReturnValue 5
        }
        $key.Remove($name)
        Save-DoubleState $State
        Write-DoubleJournal 'Invoke-CimMethod' @{ class = 'StdRegProv'; method = $Method; arguments = (ConvertTo-DoubleArguments $Arguments) }
        return New-DoubleMethodResult
    }
    if (-not $key -or -not $key.ContainsKey($name)) { return New-DoubleMethodResult -ReturnValue 2 }
    switch ($Method) {
        'GetDWORDValue' { return New-DoubleMethodResult -Out @{ uValue = [uint32]$key[$name] } }
        'GetStringValue' { return New-DoubleMethodResult -Out @{ sValue = [string]$key[$name] } }
        'GetMultiStringValue' { return New-DoubleMethodResult -Out @{ sValue = [string[]]@($key[$name]) } }
    }
    throw "the Windows double has no StdRegProv.$Method"
}

function Get-DoubleComputerSystem {
    # computerSystem: Name, PartOfDomain, Domain, Workgroup; a fixture without one is joined to corp.contoso.com.
    param([hashtable]$State)
    $system = $State.computerSystem
    if (-not $system) { $system = @{ PartOfDomain = $true; Domain = 'corp.contoso.com'; Workgroup = $null } }
    # Name: the computer (NetBIOS) name, by default the host name's first label in capitals.
    $name = [string]$system.Name
    if (-not $name) { $name = ((Get-DoubleHostName) -split '\.')[0].ToUpperInvariant() }
    New-DoubleInstance 'Win32_ComputerSystem' @{ Name = $name; PartOfDomain = [bool]$system.PartOfDomain; Domain = $system.Domain; Workgroup = $system.Workgroup }
}

function Get-DoubleDirectoryComputers {
    # directoryComputers: { NAME: { disabled } } as the WMI directory provider serves them; a fixture
    # without it has no domain controller to ask, and the query fails as Windows' would.
    param([hashtable]$State)
    if ($null -eq $State.directoryComputers) { throw [System.Runtime.InteropServices.COMException]::new('The server is not operational', [int]-2147016646) }
    foreach ($name in $State.directoryComputers.Keys) {
        $control = 4096
        if ($State.directoryComputers[$name].disabled) { $control = 4098 }
        New-DoubleInstance 'ds_computer' @{ DS_sAMAccountName = ('{0}$' -f $name); DS_userAccountControl = $control }
    }
}

function Get-DoubleSessionDirectory {
    # sessionDirectory: { SessionDirectoryActive, SessionDirectoryLocation }; without it the host takes part in no broker.
    param([hashtable]$State)
    $directory = $State.sessionDirectory
    if (-not $directory) { $directory = @{ SessionDirectoryActive = 0; SessionDirectoryLocation = '' } }
    New-DoubleInstance 'Win32_TSSessionDirectory' @{ SessionDirectoryActive = [uint32]$directory.SessionDirectoryActive; SessionDirectoryLocation = [string]$directory.SessionDirectoryLocation }
}

function Get-DoubleDeploymentLicensing {
    # Only a broker (a fixture with connectionBroker) holds the deployment's licensing settings.
    param([hashtable]$State)
    $broker = $State.connectionBroker
    if (-not $broker) { return }
    $types = @{ PerDevice = 2; PerUser = 4; NotConfigured = 5 }
    $central = $true
    if ($null -ne $broker.UseCentralLicensingSettings) { $central = [bool]$broker.UseCentralLicensingSettings }
    New-DoubleInstance 'Win32_TSDeploymentLicensing' @{ LicensingType = [uint32]$types[[string]$broker.Mode]; LicenseServers = [string[]]@($broker.LicenseServer); UseCentralLicensingSettings = $central }
}
