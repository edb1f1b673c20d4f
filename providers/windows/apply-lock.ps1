# The apply lock of a Windows estate, kept on its lock host (the first licence server the spec
# declares, or connection.lockHost) so that every runner that can apply sees the same lock:
#   $env:ProgramData\rdsctl\locks\<deployment>.lock   one JSON lock record (src/lock/lock-record.ts)
# Never a registry key: StdRegProv.CreateKey opens an existing key and reports success, so it
# cannot tell two contenders apart. Every step is one atomic file-system call, judged by this
# host's clock (the answer carries its "now"), with no check-then-act window:
# - a free lock is created with FileMode.CreateNew, which fails when the file exists; the whole
#   record is written and flushed while the file is open with FileShare.None, and readers retry
#   while it is being written, so nobody takes a half-written lock for a broken one;
# - taking over a lease that ran out, renewing and releasing happen only while holding that
#   lease's takeover marker (<lock>.takeover-<id>, itself a 10 s lease created the same way): of
#   any number of contenders exactly one holds it, re-reads the lock and replaces it (File.Replace)
#   only if it is still the lease it judged. A slow contender never removes or replaces a newer lock.
#
# Request (phase 'lock'): action take | renew | release | inspect | forceRelease, deployment, id,
# and for take: owner { user, machine, ciRunId? }, operation, leaseMs, planDigest?;
# for renew: leaseMs, planDigest?.
# Answer: { kind: 'lock', action, outcome, now, path, record?, holder? } where outcome is
# held | busy (take), renewed | lost (renew), released | notHeld (release, forceRelease), free | taken (inspect).

$script:RdsLockAttempts = 5
$script:RdsLockMarkerLeaseMs = 10000
$script:RdsLockMaxBytes = 65536
$script:RdsLockTimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'"

function Get-RdsLockNow { [datetime]::UtcNow }

function Format-RdsLockTime {
    param([datetime]$Time)
    $Time.ToUniversalTime().ToString($script:RdsLockTimeFormat, [System.Globalization.CultureInfo]::InvariantCulture)
}

function ConvertTo-RdsLockTime {
    # A time read back from a lock file: PowerShell 7's ConvertFrom-Json makes it a DateTime, 5.1 keeps the string.
    param($Value)
    if ($Value -is [datetime]) { return $Value.ToUniversalTime() }
    $parsed = [datetime]::MinValue
    $styles = [System.Globalization.DateTimeStyles]'AdjustToUniversal, AssumeUniversal'
    if ([datetime]::TryParse([string]$Value, [System.Globalization.CultureInfo]::InvariantCulture, $styles, [ref]$parsed)) { return $parsed }
    $null
}

function Stop-RdsLockRequest {
    param([string]$Message)
    Stop-RdsStep (New-RdsFailure -Step 'lock' -Code 'INVALID_REQUEST' -Message $Message)
}

function Get-RdsLockPath {
    param([string]$Deployment)
    if ($Deployment -notmatch '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$') { Stop-RdsLockRequest 'the lock request names no valid deployment' }
    if (-not $env:ProgramData) {
        Stop-RdsStep (New-RdsFailure -Step 'lock' -Code 'LOCK_UNAVAILABLE' -Message 'ProgramData is not set on this host, so the apply lock has no place')
    }
    $directory = Join-Path (Join-Path $env:ProgramData 'rdsctl') 'locks'
    $null = [System.IO.Directory]::CreateDirectory($directory)
    Join-Path $directory ('{0}.lock' -f $Deployment)
}

function New-RdsLockRecord {
    param([string]$Id, [string]$Operation, $Owner, [int64]$LeaseMs, [string]$PlanDigest)
    $now = Get-RdsLockNow
    $owned = [ordered]@{ user = [string]$Owner.user; machine = [string]$Owner.machine }
    if ($Owner.ciRunId) { $owned.ciRunId = [string]$Owner.ciRunId }
    $record = [ordered]@{
        formatVersion = 1; id = $Id; operation = $Operation; owner = $owned
        acquiredAt = (Format-RdsLockTime $now); renewedAt = (Format-RdsLockTime $now)
        expiresAt = (Format-RdsLockTime $now.AddMilliseconds($LeaseMs))
    }
    if ($PlanDigest) { $record.planDigest = $PlanDigest }
    $record
}

function ConvertTo-RdsLockRecord {
    # A lock record as read from its file; $null for anything else (hand edited, not a record).
    param($Value)
    if ($null -eq $Value -or $null -eq $Value.PSObject.Properties['id']) { return $null }
    if ([string]$Value.id -notmatch '^[A-Za-z0-9-]{1,64}$' -or -not ($Value.operation -is [string])) { return $null }
    if (-not ($Value.owner.user -is [string]) -or -not ($Value.owner.machine -is [string])) { return $null }
    $times = [ordered]@{}
    foreach ($name in @('acquiredAt', 'renewedAt', 'expiresAt')) {
        $time = ConvertTo-RdsLockTime $Value.$name
        if ($null -eq $time) { return $null }
        $times[$name] = Format-RdsLockTime $time
    }
    $owner = [ordered]@{ user = [string]$Value.owner.user; machine = [string]$Value.owner.machine }
    if ($Value.owner.ciRunId -is [string]) { $owner.ciRunId = [string]$Value.owner.ciRunId }
    $record = [ordered]@{ formatVersion = 1; id = [string]$Value.id; operation = [string]$Value.operation; owner = $owner }
    foreach ($name in $times.Keys) { $record[$name] = $times[$name] }
    if ($Value.planDigest -is [string]) { $record.planDigest = [string]$Value.planDigest }
    $record
}

function Test-RdsLeaseExpired {
    param($Record)
    (ConvertTo-RdsLockTime $Record.expiresAt) -le (Get-RdsLockNow)
}

function Write-RdsLockFile {
    # Creates $Path only if it does not exist (FileMode.CreateNew: an exclusive create, O_EXCL on
    # Linux) and writes the whole record while nobody may open it; $false when it exists.
    param([string]$Path, $Record)
    $bytes = (New-Object System.Text.UTF8Encoding $false).GetBytes((ConvertTo-Json -InputObject $Record -Depth 5 -Compress) + "`n")
    try { $stream = [System.IO.File]::Open($Path, [System.IO.FileMode]::CreateNew, [System.IO.FileAccess]::Write, [System.IO.FileShare]::None) }
    catch {
        $inner = $_.Exception
        while ($inner.InnerException) { $inner = $inner.InnerException }
        if ($inner -is [System.IO.IOException] -and -not ($inner -is [System.IO.DirectoryNotFoundException]) -and [System.IO.File]::Exists($Path)) { return $false }
        throw
    }
    try {
        $stream.Write($bytes, 0, $bytes.Length)
        $stream.Flush($true)
    }
    finally { $stream.Dispose() }
    $true
}

function Read-RdsLockFile {
    # 'missing', 'unreadable', or the record. A file being written (open with FileShare.None, or
    # still empty) is read again for a moment before it counts as unreadable.
    param([string]$Path)
    $text = $null
    for ($attempt = 0; $attempt -lt 40; $attempt++) {
        if (-not [System.IO.File]::Exists($Path)) { return 'missing' }
        try {
            $stream = [System.IO.File]::Open($Path, [System.IO.FileMode]::Open, [System.IO.FileAccess]::Read, ([System.IO.FileShare]'ReadWrite, Delete'))
            try {
                # A record is a few hundred bytes: anything past the cap is not one, and is not read.
                if ($stream.Length -gt $script:RdsLockMaxBytes) { return 'unreadable' }
                $reader = New-Object System.IO.StreamReader ($stream, (New-Object System.Text.UTF8Encoding $false))
                $text = $reader.ReadToEnd()
            }
            finally { $stream.Dispose() }
        }
        catch [System.IO.FileNotFoundException] { return 'missing' }
        catch [System.IO.IOException] { $text = $null }
        catch {
            $inner = $_.Exception
            while ($inner.InnerException) { $inner = $inner.InnerException }
            if ($inner -is [System.IO.FileNotFoundException]) { return 'missing' }
            if (-not ($inner -is [System.IO.IOException])) { throw }
            $text = $null
        }
        if ($null -ne $text -and $text.EndsWith("`n")) { break }
        Start-Sleep -Milliseconds 25
    }
    if ($null -eq $text) { return 'unreadable' }
    $value = $null
    try { $value = ConvertFrom-Json -InputObject $text } catch { return 'unreadable' }
    $record = ConvertTo-RdsLockRecord $value
    if ($null -eq $record) { return 'unreadable' }
    $record
}

function Set-RdsLockFile {
    # Replaces an existing lock file at once (File.Replace, behind Move-RdsFileOver in
    # unverified-facts.ps1: readers see the old or the new record); $false when it is gone (forced open meanwhile).
    param([string]$Path, $Record)
    $temporary = '{0}.tmp-{1}' -f $Path, [guid]::NewGuid().ToString('N')
    $null = Write-RdsLockFile -Path $temporary -Record $Record
    try {
        Move-RdsFileOver -Source $temporary -Destination $Path
        return $true
    }
    catch {
        [System.IO.File]::Delete($temporary)
        if (-not [System.IO.File]::Exists($Path)) { return $false }
        throw
    }
}

function Get-RdsLockRecordId {
    param($Current)
    if ($Current -is [string]) { return $null }
    [string]$Current.id
}

function Invoke-RdsWithLockMarker {
    # Runs $Body (with $ArgumentList) holding lease $Id's takeover marker; 'busy' when another
    # contender holds it. The marker is itself a short lease: an expired one is taken over the same
    # way, under a marker of its own. Bodies get what they need as arguments, never from the caller's scope.
    param([string]$Path, [string]$Id, [scriptblock]$Body, [object[]]$ArgumentList = @())
    $markerPath = '{0}.takeover-{1}' -f $Path, $Id
    $ownMarker = Enter-RdsLockMarker $markerPath
    if ($null -eq $ownMarker) { return 'busy' }
    try { & $Body @ArgumentList }
    finally {
        if ((Get-RdsLockRecordId (Read-RdsLockFile $markerPath)) -eq $ownMarker.id) { [System.IO.File]::Delete($markerPath) }
    }
}

function Enter-RdsLockMarker {
    param([string]$Marker)
    $owner = @{ user = [string][Environment]::UserName; machine = [string][Environment]::MachineName }
    $record = New-RdsLockRecord -Id ([guid]::NewGuid().ToString()) -Operation 'takeover' -Owner $owner -LeaseMs $script:RdsLockMarkerLeaseMs
    for ($attempt = 0; $attempt -lt $script:RdsLockAttempts; $attempt++) {
        if (Write-RdsLockFile -Path $Marker -Record $record) { return $record }
        $current = Read-RdsLockFile $Marker
        if ($current -eq 'missing') { continue }
        if ($current -is [string] -or -not (Test-RdsLeaseExpired $current)) { return $null }
        $judged = [string]$current.id
        $taken = Invoke-RdsWithLockMarker -Path $Marker -Id $judged -Body ${function:Set-RdsLockIfStill} -ArgumentList @($Marker, $judged, $record)
        if ($taken -eq $true) { return $record }
        return $null
    }
    $null
}

function Set-RdsLockIfStill {
    # Under lease $Judged's marker: replaces the lock by $Record only if it is still that lease.
    param([string]$LockPath, [string]$Judged, $Record)
    if ((Get-RdsLockRecordId (Read-RdsLockFile $LockPath)) -ne $Judged) { return $false }
    Set-RdsLockFile -Path $LockPath -Record $Record
}

function Request-RdsLock {
    param([string]$Path, $Request)
    $record = New-RdsLockRecord -Id ([string]$Request.id) -Operation ([string]$Request.operation) -Owner $Request.owner -LeaseMs ([int64]$Request.leaseMs) -PlanDigest ([string]$Request.planDigest)
    $current = 'missing'
    for ($attempt = 0; $attempt -lt $script:RdsLockAttempts; $attempt++) {
        if (Write-RdsLockFile -Path $Path -Record $record) { return [ordered]@{ outcome = 'held'; record = $record } }
        $current = Read-RdsLockFile $Path
        if ($current -eq 'missing') { continue }
        if ($current -is [string]) { break }
        # An answer lost on the way back: this run took it already.
        if ($current.id -eq $record.id) { return [ordered]@{ outcome = 'held'; record = $current } }
        if (-not (Test-RdsLeaseExpired $current)) { break }
        $judged = [string]$current.id
        $outcome = Invoke-RdsWithLockMarker -Path $Path -Id $judged -Body ${function:Set-RdsLockIfStill} -ArgumentList @($Path, $judged, $record)
        if ($outcome -eq $true) { return [ordered]@{ outcome = 'held'; record = $record } }
        if ($outcome -eq 'busy') { break }
    }
    $answer = [ordered]@{ outcome = 'busy' }
    if (-not ($current -is [string])) { $answer.holder = $current }
    $answer
}

function Step-RdsLease {
    # Under the lease's own marker: extends lease $Id by $LeaseMs from now, if it is still the lock.
    param([string]$LockPath, [string]$Id, [int64]$LeaseMs, [string]$PlanDigest)
    $current = Read-RdsLockFile $LockPath
    if ((Get-RdsLockRecordId $current) -ne $Id) { return [ordered]@{ outcome = 'lost'; current = $current } }
    $now = Get-RdsLockNow
    $next = [ordered]@{}
    foreach ($key in $current.Keys) { $next[$key] = $current[$key] }
    $next.renewedAt = Format-RdsLockTime $now
    $next.expiresAt = Format-RdsLockTime $now.AddMilliseconds($LeaseMs)
    if ($PlanDigest) { $next.planDigest = $PlanDigest }
    if (-not (Set-RdsLockFile -Path $LockPath -Record $next)) { return [ordered]@{ outcome = 'lost'; current = 'missing' } }
    [ordered]@{ outcome = 'renewed'; record = $next }
}

function Update-RdsLock {
    param([string]$Path, $Request)
    $id = [string]$Request.id
    $outcome = Invoke-RdsWithLockMarker -Path $Path -Id $id -Body ${function:Step-RdsLease} -ArgumentList @($Path, $id, [int64]$Request.leaseMs, [string]$Request.planDigest)
    # A contender holds the marker only after judging this lease expired: it is taking over.
    if ($outcome -eq 'busy') { $outcome = [ordered]@{ outcome = 'lost'; current = (Read-RdsLockFile $Path) } }
    Complete-RdsLockAnswer $outcome
}

function Remove-RdsLockIfStill {
    param([string]$LockPath, [string]$Id)
    $current = Read-RdsLockFile $LockPath
    if ((Get-RdsLockRecordId $current) -ne $Id) { return [ordered]@{ outcome = 'notHeld'; current = $current } }
    [System.IO.File]::Delete($LockPath)
    [ordered]@{ outcome = 'released'; record = $current }
}

function Remove-RdsLock {
    # Removes lock $Request.id if it is still the lock; anyone else's is left alone.
    param([string]$Path, $Request)
    $id = [string]$Request.id
    $outcome = Invoke-RdsWithLockMarker -Path $Path -Id $id -Body ${function:Remove-RdsLockIfStill} -ArgumentList @($Path, $id)
    if ($outcome -eq 'busy') { $outcome = [ordered]@{ outcome = 'notHeld'; current = (Read-RdsLockFile $Path) } }
    Complete-RdsLockAnswer $outcome
}

function Complete-RdsLockAnswer {
    param($Outcome)
    $answer = [ordered]@{ outcome = $Outcome.outcome }
    if ($Outcome.record) { $answer.record = $Outcome.record }
    if ($Outcome.Contains('current') -and -not ($Outcome.current -is [string])) { $answer.holder = $Outcome.current }
    $answer
}

function Get-RdsLockState {
    param([string]$Path)
    $current = Read-RdsLockFile $Path
    if ($current -eq 'missing') { return [ordered]@{ outcome = 'free' } }
    $answer = [ordered]@{ outcome = 'taken' }
    if (-not ($current -is [string])) { $answer.holder = $current }
    $answer
}

function Assert-RdsLockRequest {
    param($Request)
    $action = [string]$Request.action
    if ($action -notin @('take', 'renew', 'release', 'inspect', 'forceRelease')) { Stop-RdsLockRequest ('unknown lock action "{0}"' -f $action) }
    if ($action -ne 'inspect' -and [string]$Request.id -notmatch '^[A-Za-z0-9-]{1,64}$') { Stop-RdsLockRequest 'the lock request names no valid lock id' }
    if ($action -eq 'take' -or $action -eq 'renew') {
        $lease = [int64]0
        if (-not [int64]::TryParse([string]$Request.leaseMs, [ref]$lease) -or $lease -lt 1000 -or $lease -gt 86400000) { Stop-RdsLockRequest 'the lock request names no lease between 1 s and 1 day' }
    }
    if ($action -eq 'take') {
        if (-not ([string]$Request.operation) -or -not ([string]$Request.owner.user) -or -not ([string]$Request.owner.machine)) { Stop-RdsLockRequest 'the lock request names no owner or operation' }
    }
}

function Invoke-RdsLockRequest {
    param($Request)
    $payload = [ordered]@{ kind = 'lock'; action = [string]$Request.action }
    try {
        Assert-RdsLockRequest $Request
        $path = Get-RdsLockPath ([string]$Request.deployment)
        switch ([string]$Request.action) {
            'take' { $answer = Request-RdsLock -Path $path -Request $Request }
            'renew' { $answer = Update-RdsLock -Path $path -Request $Request }
            'release' { $answer = Remove-RdsLock -Path $path -Request $Request }
            'forceRelease' {
                # The person forcing it says that run is gone: a marker it left behind (killed while
                # holding it) goes first, then the lock, under a marker of this command's own.
                [System.IO.File]::Delete(('{0}.takeover-{1}' -f $path, [string]$Request.id))
                $answer = Remove-RdsLock -Path $path -Request $Request
            }
            default { $answer = Get-RdsLockState -Path $path }
        }
        foreach ($key in $answer.Keys) { $payload[$key] = $answer[$key] }
        $payload.path = $path
    }
    catch { $payload.error = ConvertTo-RdsFailure $_ 'lock' }
    $payload.now = Format-RdsLockTime (Get-RdsLockNow)
    $payload
}
