# Fixture access: which host this is, its state, persisting changes and the journal.

function Get-DoubleDirectory {
    if (-not $env:RDSCTL_DOUBLE_DIR) { throw 'RDSCTL_DOUBLE_DIR is not set: the Windows double has no fixtures' }
    $env:RDSCTL_DOUBLE_DIR
}

function Get-DoubleHostName {
    $directory = Get-DoubleDirectory
    if ($env:SSH_CONNECTION) {
        $serverAddress = ($env:SSH_CONNECTION -split ' ')[2]
        $map = Get-Content -Raw -LiteralPath (Join-Path $directory 'addresses.json') | ConvertFrom-Json -AsHashtable
        if (-not $map.ContainsKey($serverAddress)) { throw "no fixture host for address $serverAddress" }
        return $map[$serverAddress]
    }
    if ($global:RdsctlTargetHost) { return $global:RdsctlTargetHost }
    throw 'the Windows double cannot tell which host it stands for'
}

function Get-DoubleStatePath { Join-Path (Get-DoubleDirectory) ('hosts/{0}.json' -f (Get-DoubleHostName)) }

function Get-DoubleState {
    $path = Get-DoubleStatePath
    if (-not (Test-Path -LiteralPath $path)) { throw "no fixture for host $(Get-DoubleHostName)" }
    $state = Get-Content -Raw -LiteralPath $path | ConvertFrom-Json -AsHashtable
    Set-DoubleProgramData
    if ($state.hangSeconds) { Start-Sleep -Seconds $state.hangSeconds }
    $state
}

function Save-DoubleState {
    # A fixture's saveDelaySeconds makes every change slow (reads stay fast): a change in flight.
    param([hashtable]$State)
    if ($State.saveDelaySeconds) { Start-Sleep -Seconds $State.saveDelaySeconds }
    $path = Get-DoubleStatePath
    $temporary = "$path.$PID.tmp"
    Set-Content -LiteralPath $temporary -Value (ConvertTo-Json -InputObject $State -Depth 20) -Encoding utf8
    Move-Item -LiteralPath $temporary -Destination $path -Force
}

function Write-DoubleJournal {
    param([string]$Command, [hashtable]$Details = @{})
    $entry = [ordered]@{ command = $Command }
    foreach ($key in ($Details.Keys | Sort-Object)) { $entry[$key] = $Details[$key] }
    $directory = Join-Path (Get-DoubleDirectory) 'journal'
    New-Item -ItemType Directory -Force -Path $directory | Out-Null
    $line = (ConvertTo-Json -InputObject $entry -Depth 10 -Compress) + "`n"
    [System.IO.File]::AppendAllText((Join-Path $directory ('{0}.ndjson' -f (Get-DoubleHostName))), $line)
}

function Invoke-DoubleFailure {
    # A fixture can make a command or method fail: { "failures": { "NAME": { "throw": "...", "hresult": "0x80041004" } } }
    # or return a WMI error: { "failures": { "NAME": { "returnValue": 2147749910 } } }. Returns the return value, if any.
    param([hashtable]$State, [string]$Name)
    $failures = $State.failures
    if (-not $failures -or -not $failures.ContainsKey($Name)) { return $null }
    $failure = $failures[$Name]
    if ($failure.cim) { throw (New-DoubleCimException -Result $failure.cim -Message ([string]$failure.message)) }
    if ($failure.throw) {
        $hresult = [int]0
        if ($failure.hresult) {
            $unsigned = [int64][Convert]::ToUInt32($failure.hresult.Substring(2), 16)
            if ($unsigned -gt [int]::MaxValue) { $unsigned -= 4294967296 }
            $hresult = [int]$unsigned
        }
        throw [System.Runtime.InteropServices.COMException]::new($failure.throw, $hresult)
    }
    [uint32]$failure.returnValue
}

function New-DoubleInstance {
    param([string]$Class, [hashtable]$Properties)
    $instance = [pscustomobject]$Properties
    $instance | Add-Member -NotePropertyName DoubleClass -NotePropertyValue $Class
    $instance
}

function New-DoubleMethodResult {
    param([uint32]$ReturnValue = 0, [hashtable]$Out = @{})
    $result = [ordered]@{ ReturnValue = $ReturnValue }
    foreach ($key in $Out.Keys) { $result[$key] = $Out[$key] }
    [pscustomobject]$result
}

function New-DoubleCimException {
    # A real CimException, as CIM cmdlets throw: NativeErrorCode is the MI result (AccessDenied,
    # NotFound, ...). Its public constructors yield Ok, so the internal (MI_Result, message,
    # MI_Instance) one is called by reflection. ErrorData stays empty (no MI_Instance on Linux).
    param([string]$Result, [string]$Message)
    $type = [Microsoft.Management.Infrastructure.CimException]
    $miResult = $type.Assembly.GetType('Microsoft.Management.Infrastructure.Native.MI_Result')
    $constructor = $type.GetConstructors([System.Reflection.BindingFlags]'NonPublic,Instance') | Where-Object { $_.GetParameters().Count -eq 3 } | Select-Object -First 1
    $code = [int][enum]::Parse([Microsoft.Management.Infrastructure.NativeErrorCode], $Result)
    $constructor.Invoke(@([enum]::ToObject($miResult, $code), $Message, $null))
}

function Set-DoubleProgramData {
    # Each host has its own ProgramData (where rdsctl keeps its install ledger), under the fixtures.
    # Set on every state read: a local run serves several hosts, one after another, in one process.
    # The host name may be any text (the injection tests use PowerShell syntax): only safe characters name the folder.
    $env:ProgramData = Join-Path (Get-DoubleDirectory) ('programdata/{0}' -f ((Get-DoubleHostName) -replace '[^A-Za-z0-9.-]', '_'))
}

function Set-DoubleConsoleEncoding {
    # A fixture's consoleOutputEncoding (a code page name, such as ibm850) stands for a host whose
    # PowerShell writes stdout in that code page, not in the UTF-8 the ssh bootstrap asked for.
    # Over SSH only: a local run's stdout is the runner's own, shared by every host it serves.
    if (-not $env:SSH_CONNECTION) { return }
    $path = Get-DoubleStatePath
    if (-not (Test-Path -LiteralPath $path)) { return }
    $state = Get-Content -Raw -LiteralPath $path | ConvertFrom-Json -AsHashtable
    if ($state.consoleOutputEncoding) { [Console]::OutputEncoding = [System.Text.Encoding]::GetEncoding([string]$state.consoleOutputEncoding) }
}

function Set-DoubleSystemRoot {
    # A fixture's cmdExe names the cmd.exe stand-in %SystemRoot%\System32 holds (system-root/):
    # documented (the /c quote rule as cmd /? gives it) or keepsQuotes (one that keeps the quotes
    # sshd puts around the line). Without it there is no SystemRoot, as on Linux. Over SSH only:
    # a local run serves several hosts from one process.
    if (-not $env:SSH_CONNECTION) { return }
    $path = Get-DoubleStatePath
    if (-not (Test-Path -LiteralPath $path)) { return }
    $state = Get-Content -Raw -LiteralPath $path | ConvertFrom-Json -AsHashtable
    if ($state.cmdExe) { $env:SystemRoot = Join-Path (Split-Path -Parent $PSScriptRoot) ('system-root/{0}' -f $state.cmdExe) }
}
