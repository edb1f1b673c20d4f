# Shared helpers for the rdsctl host scripts: structured failures, Windows error codes, and
# registry reads through StdRegProv (CIM), so every touch of the OS goes through CIM cmdlets.
# Windows PowerShell 5.1 and PowerShell 7 compatible; functions only, no side effects on load.

function Get-RdsHklm {
    # HKEY_LOCAL_MACHINE for StdRegProv's hDefKey.
    [uint32]2147483650
}

function New-RdsFailure {
    param([string]$Step, [string]$Message, [string]$Code = 'WINDOWS_ERROR', [string]$WindowsCode)
    $failure = [ordered]@{ code = $Code; step = $Step; message = $Message }
    if ($WindowsCode) { $failure.windowsCode = $WindowsCode }
    $failure
}

function Stop-RdsStep {
    # Throws an exception that carries a structured failure up to the entry point.
    param($Failure)
    $exception = New-Object System.Exception ([string]$Failure.message)
    $exception.Data['rdsctl'] = $Failure
    throw $exception
}

function Get-RdsWbemName {
    param([uint32]$Code)
    $names = @{
        2147749889 = 'WBEM_E_FAILED'; 2147749890 = 'WBEM_E_NOT_FOUND'; 2147749891 = 'WBEM_E_ACCESS_DENIED'
        2147749892 = 'WBEM_E_PROVIDER_FAILURE'; 2147749893 = 'WBEM_E_TYPE_MISMATCH'
        2147749896 = 'WBEM_E_INVALID_PARAMETER'; 2147749897 = 'WBEM_E_NOT_AVAILABLE'
        2147749900 = 'WBEM_E_NOT_SUPPORTED'; 2147749902 = 'WBEM_E_INVALID_NAMESPACE'
        2147749910 = 'WBEM_E_INVALID_OPERATION'; 2147749923 = 'WBEM_E_READ_ONLY'
        2147749931 = 'WBEM_E_VALUE_OUT_OF_RANGE'; 2147749934 = 'WBEM_E_INVALID_METHOD'
        2147749935 = 'WBEM_E_INVALID_METHOD_PARAMETERS'
    }
    $names[[int64]$Code]
}

function Format-RdsWbemCode {
    # A WMI code as shown to people: hex, with its WBEM name when it has one.
    param([uint32]$Code)
    $shown = Format-RdsWindowsCode $Code
    $name = Get-RdsWbemName $Code
    if ($name) { $shown = '{0} ({1})' -f $shown, $name }
    $shown
}

function Format-RdsWindowsCode {
    param([uint32]$Code)
    '0x{0:X8}' -f $Code
}

function Get-RdsWindowsCode {
    # The Windows error code behind an error record, when there is one.
    param($ErrorRecord)
    $exception = $ErrorRecord.Exception
    while ($exception) {
        if ($exception.GetType().FullName -eq 'Microsoft.Management.Infrastructure.CimException') {
            $cimCode = Get-RdsCimExceptionCode $exception
            if ($cimCode) { return $cimCode }
        }
        $hresult = [uint32]([int64]$exception.HResult -band 0xFFFFFFFFL)
        $text = Format-RdsWindowsCode $hresult
        if (($hresult -band 0x80000000L) -and -not $text.StartsWith('0x8013')) { return $text }
        if ($exception.Message -match '0x[0-9A-Fa-f]{8}') { return $Matches[0].ToUpper().Replace('0X', '0x') }
        $exception = $exception.InnerException
    }
    $null
}

function ConvertTo-RdsFailure {
    # Any error record as a structured failure; failures raised by Stop-RdsStep keep their shape.
    param($ErrorRecord, [string]$Step)
    $carried = $ErrorRecord.Exception.Data['rdsctl']
    if ($carried) { return $carried }
    $message = [string]$ErrorRecord.Exception.Message
    $command = $ErrorRecord.InvocationInfo.MyCommand
    if ($command -and $command.Name -and -not $message.StartsWith($command.Name)) { $message = '{0}: {1}' -f $command.Name, $message }
    New-RdsFailure -Step $Step -Message $message -Code 'WINDOWS_ERROR' -WindowsCode (Get-RdsWindowsCode $ErrorRecord)
}

function Assert-RdsReturnValue {
    # WMI methods report failure through ReturnValue; 0 is success.
    param($Result, [string]$Step, [string]$What)
    $code = [uint32]$Result.ReturnValue
    if ($code -eq 0) { return }
    $shown = Format-RdsWbemCode $code
    Stop-RdsStep (New-RdsFailure -Step $Step -Message ('{0} failed with {1}' -f $What, $shown) -WindowsCode (Format-RdsWindowsCode $code))
}

function Get-RdsRegistryValue {
    # One HKLM value through StdRegProv; no output when the key or value does not exist, and a
    # multi-string comes out unrolled (callers wrap it in @()).
    param([string]$Key, [string]$Name, [ValidateSet('DWord', 'String', 'MultiString')][string]$Type)
    $methods = @{ DWord = 'GetDWORDValue'; String = 'GetStringValue'; MultiString = 'GetMultiStringValue' }
    $arguments = @{ hDefKey = (Get-RdsHklm); sSubKeyName = $Key; sValueName = $Name }
    $result = Invoke-CimMethod -Namespace root/cimv2 -ClassName StdRegProv -MethodName $methods[$Type] -Arguments $arguments
    $code = [uint32]$result.ReturnValue
    if ($code -eq 1 -or $code -eq 2) { return }
    if ($code -ne 0) {
        Stop-RdsStep (New-RdsFailure -Step 'read-registry' -Message ('reading HKLM\{0}\{1} failed with Win32 error {2}' -f $Key, $Name, $code))
    }
    if ($Type -eq 'DWord') { return [int64]$result.uValue }
    if ($Type -eq 'MultiString') { return $result.sValue | Where-Object { $_ } }
    [string]$result.sValue
}

function ConvertTo-RdsIsoTime {
    # CIM datetimes (DateTime objects or strings) as ISO-8601 UTC, identical on 5.1 and 7.
    param($Value)
    if ($null -eq $Value -or [string]$Value -eq '') { return $null }
    if ($Value -is [datetime]) { $time = $Value.ToUniversalTime() }
    else {
        $styles = [System.Globalization.DateTimeStyles]'AdjustToUniversal, AssumeUniversal'
        $time = [datetime]::Parse([string]$Value, [System.Globalization.CultureInfo]::InvariantCulture, $styles)
    }
    $time.ToString('yyyy-MM-ddTHH:mm:ssZ', [System.Globalization.CultureInfo]::InvariantCulture)
}

function Test-RdsSameList {
    # Ordered, case-insensitive comparison: a licence-server list is a failover order.
    param([string[]]$Left, [string[]]$Right)
    $a = @($Left | Where-Object { $_ })
    $b = @($Right | Where-Object { $_ })
    if ($a.Count -ne $b.Count) { return $false }
    for ($i = 0; $i -lt $a.Count; $i++) {
        if ($a[$i].ToLowerInvariant() -ne $b[$i].ToLowerInvariant()) { return $false }
    }
    $true
}

function New-RdsResult {
    param([string]$Kind, [ValidateSet('done', 'noop')][string]$Status, [string]$Detail)
    [ordered]@{ kind = $Kind; status = $Status; detail = $Detail }
}
