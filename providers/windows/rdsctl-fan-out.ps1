# The fan-out runner: ONE local PowerShell process that reads per-host requests (newline-delimited
# JSON, or one JSON document with a "requests" array) from stdin, runs the host script on every
# target with its own input and its own run timeout, a bounded number at a time, and writes one
# framed JSON line per host to stdout as each completes:  RDSCTL-FRAME {"id":...,"status":...}
# Inputs (secrets included) arrive only on stdin and travel to hosts as script arguments (data).

$ProgressPreference = 'SilentlyContinue'
$ErrorActionPreference = 'Stop'
$utf8 = New-Object System.Text.UTF8Encoding $false
[Console]::OutputEncoding = $utf8
$style = Get-Variable -Name PSStyle -ValueOnly -ErrorAction SilentlyContinue
if ($style) { $style.OutputRendering = 'PlainText' }

function Write-RdsFrame {
    param($Frame)
    [Console]::Out.WriteLine('RDSCTL-FRAME ' + (ConvertTo-Json -InputObject $Frame -Depth 6 -Compress))
    [Console]::Out.Flush()
}

function New-RdsFrame {
    param($Request, [string]$Status, [datetime]$Started, [string]$Payload, [string]$Message, [string]$Code)
    $frame = [ordered]@{ id = [string]$Request.id; host = [string]$Request.host; status = $Status }
    $frame.durationMs = [int64]((Get-Date) - $Started).TotalMilliseconds
    if ($Payload) { $frame.payload = $Payload }
    if ($Message) { $frame.error = [ordered]@{ code = $Code; message = $Message } }
    $frame
}

function Read-RdsRequests {
    # Either one JSON document ({ "parallelism": n, "requests": [...] }, or an array of requests)
    # or newline-delimited JSON: an optional { "type": "options" } line, then one request a line.
    $reader = New-Object System.IO.StreamReader ([Console]::OpenStandardInput(), $utf8)
    $text = $reader.ReadToEnd().Trim()
    $options = [ordered]@{ parallelism = 10 }
    $items = @()
    $document = $null
    try { $document = ConvertFrom-Json -InputObject $text } catch { $document = $null }
    if ($null -ne $document -and $null -ne $document.PSObject.Properties['requests']) {
        if ($document.parallelism) { $options.parallelism = [int]$document.parallelism }
        $items = @($document.requests)
    }
    elseif ($null -ne $document) { $items = @($document) }
    else {
        foreach ($line in ($text -split "`n")) {
            if ($line.Trim()) { $items += , (ConvertFrom-Json -InputObject $line) }
        }
    }
    $requests = @()
    foreach ($item in $items) {
        if ($item.type -eq 'options') { $options.parallelism = [int]$item.parallelism }
        elseif ($item) { $requests += , $item }
    }
    if ($options.parallelism -lt 1) { $options.parallelism = 1 }
    [ordered]@{ options = $options; requests = $requests }
}

function New-RdsHostScriptBlock {
    # The host script is the concern scripts beside this file: product code, never input data.
    $files = Get-ChildItem -LiteralPath $PSScriptRoot -Filter '*.ps1' | Where-Object { $_.Name -ne 'rdsctl-fan-out.ps1' } | Sort-Object -Property Name
    $bodies = foreach ($file in $files) { [System.IO.File]::ReadAllText($file.FullName, $utf8) }
    $text = "param([string]`$RequestJson)`n" + ($bodies -join "`n") + "`nInvoke-RdsHostRequest -RequestJson `$RequestJson`n"
    [scriptblock]::Create($text)
}

function Get-RdsConnectingTimeoutMs {
    param($Request)
    [int][Math]::Min(30000, [Math]::Max(1000, [double]$Request.timeoutSeconds * 1000))
}

function Start-RdsSshJob {
    param($Request, $ScriptBlock)
    $target = $Request.target
    $parameters = @{ HostName = [string]$target.address; ScriptBlock = $ScriptBlock; ArgumentList = @([string]$Request.inputJson); AsJob = $true; JobName = [string]$Request.id }
    if ($target.user) { $parameters.UserName = [string]$target.user }
    if ($target.port) { $parameters.Port = [int]$target.port }
    if ($target.keyFile) { $parameters.KeyFilePath = [string]$target.keyFile }
    $command = Get-Command -Name Invoke-Command
    if ($command.Parameters.ContainsKey('ConnectingTimeout')) { $parameters.ConnectingTimeout = Get-RdsConnectingTimeoutMs $Request }
    if ($command.Parameters.ContainsKey('Options')) {
        $sshOptions = @{ BatchMode = 'yes' }
        if ($target.knownHostsFile) {
            $sshOptions.UserKnownHostsFile = [string]$target.knownHostsFile
            $sshOptions.StrictHostKeyChecking = 'yes'
        }
        $parameters.Options = $sshOptions
    }
    Invoke-Command @parameters
}

function Start-RdsWinRmJob {
    # -UseSSL: HTTPS (port 5986 unless the request names one); the host's certificate must be trusted.
    param($Request, $ScriptBlock)
    $target = $Request.target
    $parameters = @{ ComputerName = [string]$target.address; ScriptBlock = $ScriptBlock; ArgumentList = @([string]$Request.inputJson); AsJob = $true; JobName = [string]$Request.id }
    if ($target.port) { $parameters.Port = [int]$target.port }
    if ($target.useSsl -eq $true) { $parameters.UseSSL = $true }
    if ($target.user -and $target.password) {
        $secure = ConvertTo-SecureString -String ([string]$target.password) -AsPlainText -Force
        $parameters.Credential = New-Object System.Management.Automation.PSCredential ([string]$target.user, $secure)
    }
    $timeout = Get-RdsConnectingTimeoutMs $Request
    $parameters.SessionOption = New-PSSessionOption -OpenTimeout $timeout -NoMachineProfile
    Invoke-Command @parameters
}

function Start-RdsHostJob {
    # Returns a job, or $null when the request must run inline (local, without thread jobs).
    param($Request, $ScriptBlock, [int]$Parallelism)
    switch ([string]$Request.target.transport) {
        'ssh' { return Start-RdsSshJob -Request $Request -ScriptBlock $ScriptBlock }
        'winrm' { return Start-RdsWinRmJob -Request $Request -ScriptBlock $ScriptBlock }
        'local' {
            if (-not (Get-Command -Name Start-ThreadJob -ErrorAction SilentlyContinue)) { return $null }
            return Start-ThreadJob -ScriptBlock $ScriptBlock -ArgumentList ([string]$Request.inputJson) -ThrottleLimit $Parallelism -Name ([string]$Request.id)
        }
    }
    throw ('unknown transport "{0}"' -f $Request.target.transport)
}

function Find-RdsPayload {
    param($Output)
    $found = $null
    foreach ($item in @($Output)) {
        if ($item -is [string] -and $item.StartsWith('RDSCTL-PAYLOAD:')) { $found = $item.Substring(15) }
    }
    $found
}

function Get-RdsJobFailure {
    # The reason a job produced no payload, and whether the host could be reached at all.
    param($Job, $Errors, [string]$Transport)
    $reasons = @($Job.JobStateInfo.Reason) + @($Job.ChildJobs | ForEach-Object { $_.JobStateInfo.Reason })
    $reason = $reasons | Where-Object { $_ } | Select-Object -Last 1
    $messages = @($Errors | ForEach-Object { [string]$_ }) + @($reason | ForEach-Object { $_.Message })
    # Remoting prefixes messages with "[address] "; drop it so repeats collapse into one.
    $message = (@($messages | Where-Object { $_ } | ForEach-Object { $_ -replace '^\[[^\]]+\]\s*', '' } | Select-Object -Unique) -join '; ')
    if (-not $message) { $message = 'the host returned no result' }
    $code = 'failed'
    if ($reason -is [System.Management.Automation.Remoting.PSRemotingTransportException]) {
        $code = 'unreachable'
        if ($Transport -eq 'ssh') { $message += ' (check the address, port, user, key file and known_hosts entry for this host)' }
    }
    [ordered]@{ code = $code; message = $message }
}

function Complete-RdsHostJob {
    param($Entry)
    $jobErrors = $null
    $output = Receive-Job -Job $Entry.Job -ErrorAction SilentlyContinue -ErrorVariable jobErrors
    $payload = Find-RdsPayload $output
    if ($payload) { Write-RdsFrame (New-RdsFrame -Request $Entry.Request -Status 'ok' -Started $Entry.Started -Payload $payload) }
    else {
        $failure = Get-RdsJobFailure -Job $Entry.Job -Errors $jobErrors -Transport ([string]$Entry.Request.target.transport)
        Write-RdsFrame (New-RdsFrame -Request $Entry.Request -Status $failure.code -Started $Entry.Started -Message $failure.message -Code $failure.code)
    }
    Remove-Job -Job $Entry.Job -Force -ErrorAction SilentlyContinue
}

function Stop-RdsHostJob {
    param($Entry)
    $seconds = [double]$Entry.Request.timeoutSeconds
    Write-RdsFrame (New-RdsFrame -Request $Entry.Request -Status 'timeout' -Started $Entry.Started -Code 'timeout' -Message ('no answer within {0} s' -f $seconds))
    try { Stop-Job -Job $Entry.Job -ErrorAction SilentlyContinue } catch { $null = $_ }
    Remove-Job -Job $Entry.Job -Force -ErrorAction SilentlyContinue
}

function Invoke-RdsInline {
    param($Request, $ScriptBlock)
    $started = Get-Date
    try {
        $payload = Find-RdsPayload (& $ScriptBlock ([string]$Request.inputJson))
        Write-RdsFrame (New-RdsFrame -Request $Request -Status 'ok' -Started $started -Payload $payload)
    }
    catch { Write-RdsFrame (New-RdsFrame -Request $Request -Status 'failed' -Started $started -Code 'failed' -Message $_.Exception.Message) }
}

function Stop-RdsRunnerTree {
    # The runner with every process it started (Invoke-Command's ssh clients). On Linux and macOS
    # the runner's process group holds exactly those (rdsctl gave the runner a group of its own).
    param([int]$RunnerId)
    if ($IsWindows) {
        foreach ($child in @(Get-CimInstance -ClassName Win32_Process -Filter "ParentProcessId = $RunnerId")) {
            Stop-Process -Id $child.ProcessId -Force -ErrorAction SilentlyContinue
        }
        [System.Diagnostics.Process]::GetCurrentProcess().Kill()
    }
    if (Test-Path -LiteralPath "/proc/$RunnerId/stat") {
        # pid (comm) state ppid pgrp ...: the command name may hold spaces, so split after ") ".
        $fields = ((Get-Content -Raw -LiteralPath "/proc/$RunnerId/stat") -replace '^.*\) ', '') -split ' '
        $parentId = [int]$fields[1]; $group = [int]$fields[2]
    }
    else {
        $fields = ((& ps -o ppid=,pgid= -p $RunnerId) -join ' ').Trim() -split '\s+'
        $parentId = [int]$fields[0]; $group = [int]$fields[1]
    }
    # Only a group of the runner's own: led by the runner, or by the launcher that runs pwsh.
    if ($group -eq $RunnerId -or $group -eq $parentId) {
        & /bin/sh -c "kill -s KILL -- -$group"
    }
    Start-Sleep -Seconds 1
    [System.Diagnostics.Process]::GetCurrentProcess().Kill()
}

function Start-RdsParentWatchdog {
    # rdsctl starts this runner in a process group of its own, so a terminal's Ctrl-C reaches
    # rdsctl only. In return the runner watches rdsctl (RDSCTL_PARENT_PID): once rdsctl is gone
    # (killed, say), it kills itself and the ssh clients it started, so no orphan goes on
    # changing hosts. The parent is gone once no process has its id and start time (pwsh may run
    # under a launcher, so its direct parent need not be rdsctl).
    $parentId = 0
    if (-not [int]::TryParse([string]$env:RDSCTL_PARENT_PID, [ref]$parentId) -or $parentId -le 0) { return }
    $parent = Get-Process -Id $parentId -ErrorAction SilentlyContinue
    if ($null -eq $parent) { Stop-RdsRunnerTree -RunnerId $PID }
    $watch = [powershell]::Create()
    $watch.Runspace = [runspacefactory]::CreateRunspace()
    $watch.Runspace.Open()
    [void]$watch.AddScript({
        param([int]$ParentId, [datetime]$ParentStarted, [int]$RunnerId, [string]$StopTree)
        while ($true) {
            $parent = Get-Process -Id $ParentId -ErrorAction SilentlyContinue
            if ($null -eq $parent -or $parent.StartTime -ne $ParentStarted) { break }
            Start-Sleep -Milliseconds 250
        }
        # A runspace of its own: the runner's functions are not defined here, so the text comes along.
        & ([scriptblock]::Create($StopTree)) -RunnerId $RunnerId
    }).AddArgument($parentId).AddArgument($parent.StartTime).AddArgument($PID).AddArgument(${function:Stop-RdsRunnerTree}.ToString())
    $script:RdsWatchdog = @{ PowerShell = $watch; Handle = $watch.BeginInvoke() }
}

function Invoke-RdsFanOut {
    $batch = Read-RdsRequests
    $parallelism = [int]$batch.options.parallelism
    $scriptBlock = New-RdsHostScriptBlock
    $pending = New-Object System.Collections.Queue
    foreach ($request in $batch.requests) { $pending.Enqueue($request) }
    $running = New-Object System.Collections.ArrayList
    while ($pending.Count -gt 0 -or $running.Count -gt 0) {
        while ($pending.Count -gt 0 -and $running.Count -lt $parallelism) {
            $request = $pending.Dequeue()
            $started = Get-Date
            try { $job = Start-RdsHostJob -Request $request -ScriptBlock $scriptBlock -Parallelism $parallelism }
            catch {
                Write-RdsFrame (New-RdsFrame -Request $request -Status 'unreachable' -Started $started -Code 'unreachable' -Message $_.Exception.Message)
                continue
            }
            if ($null -eq $job) { Invoke-RdsInline -Request $request -ScriptBlock $scriptBlock; continue }
            $deadline = $started.AddSeconds([double]$request.timeoutSeconds)
            [void]$running.Add(@{ Job = $job; Request = $request; Started = $started; Deadline = $deadline })
        }
        if ($running.Count -eq 0) { continue }
        $null = Wait-Job -Job @($running | ForEach-Object { $_.Job }) -Any -Timeout 1
        $now = Get-Date
        foreach ($entry in @($running)) {
            $state = [string]$entry.Job.State
            if ($state -eq 'Completed' -or $state -eq 'Failed' -or $state -eq 'Stopped') { Complete-RdsHostJob $entry }
            elseif ($now -gt $entry.Deadline) { Stop-RdsHostJob $entry }
            else { continue }
            $running.Remove($entry)
        }
    }
}

Start-RdsParentWatchdog
Invoke-RdsFanOut
