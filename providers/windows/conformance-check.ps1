# `rdsctl windows check`: a READ-ONLY probe, on the user's own hosts, of every fact the provider
# assumes. The unverified facts come from Get-RdsUnverifiedFacts (unverified-facts.ps1), each
# named by its function; the documented assumptions the scripts also depend on (PowerShell
# edition, key-pack reporting, directory checks, OpenSSH exec) are listed here. Nothing in this
# file writes to the host: no CIM method that changes state, no registry write, no ledger entry.
#
# Every assumption is reported as
#   { fact, appliesTo ('apply' | 'read'), summary, status, observed }
# status: held; failed (an apply path would break, or a read would misreport); unknown (this
# host cannot settle it; observed says why); notApplicable (the host lacks the role).

function New-RdsCheckResult {
    param($Fact, [ValidateSet('held', 'failed', 'unknown', 'notApplicable')][string]$Status, [string]$Observed)
    [ordered]@{ fact = [string]$Fact.fact; appliesTo = [string]$Fact.appliesTo; summary = [string]$Fact.summary; status = $Status; observed = $Observed }
}

function Get-RdsCheckedAssumptions {
    # The documented assumptions, beside the unverified facts.
    @(
        [ordered]@{ fact = 'powershell'; appliesTo = 'apply'; summary = 'the remote end runs Windows PowerShell 5.1 or PowerShell 7 or later' }
        [ordered]@{ fact = 'keyPackReporting'; appliesTo = 'apply'; summary = 'every key pack reports a known ProductVersionID, ProductType and KeyPackType' }
        [ordered]@{ fact = 'directoryChecks'; appliesTo = 'apply'; summary = 'IsLSPublished and IsLSinTSLSGroup can reach a domain controller from this session' }
        [ordered]@{ fact = 'sshExec'; appliesTo = 'apply'; summary = 'the request reaches PowerShell intact on stdin (UTF-8) through OpenSSH exec' }
    )
}

function Test-RdsPowerShellVersion {
    param($Fact)
    $edition = [string]$PSVersionTable.PSEdition
    if (-not $edition) { $edition = 'Desktop' }
    $version = $PSVersionTable.PSVersion
    $observed = 'PowerShell {0} {1}' -f $edition, $version
    $supported = ($edition -eq 'Desktop' -and $version.Major -eq 5 -and $version.Minor -ge 1) -or ($edition -eq 'Core' -and $version.Major -ge 7)
    if ($supported) { return New-RdsCheckResult $Fact held $observed }
    New-RdsCheckResult $Fact failed ('{0}; rdsctl needs Windows PowerShell 5.1 or PowerShell 7' -f $observed)
}

function Test-RdsKeyPackReporting {
    param($Fact, [bool]$LicenseServer)
    if (-not $LicenseServer) { return New-RdsCheckResult $Fact notApplicable 'not a licence server' }
    $packs = @(Get-RdsKeyPackInstances)
    if ($packs.Count -eq 0) { return New-RdsCheckResult $Fact unknown 'no key packs to inspect (none installed, or Windows withheld them from this user)' }
    $shown = @(); $odd = @()
    foreach ($pack in ($packs | Sort-Object -Property KeyPackId)) {
        $text = 'key pack {0}: ProductVersionID {1}, ProductType {2}, KeyPackType {3}' -f $pack.KeyPackId, $pack.ProductVersionID, $pack.ProductType, $pack.KeyPackType
        $shown += $text
        $builtIn = [int64]$pack.ProductType -eq 3
        $knownVersion = $builtIn -or [bool](Get-RdsProductByVersionId $pack.ProductVersionID)
        $knownType = (Get-RdsCalType $pack.ProductType) -ne 'invalid'
        $knownChannel = (Get-RdsKeyPackChannel $pack) -ne 'unknown'
        if (-not ($knownVersion -and $knownType -and $knownChannel)) { $odd += $text }
    }
    if ($odd.Count -gt 0) { return New-RdsCheckResult $Fact failed ('not in the tables rdsctl counts by: {0}' -f ($odd -join '; ')) }
    New-RdsCheckResult $Fact held ($shown -join '; ')
}

function Test-RdsDirectoryReach {
    param($Fact, [bool]$LicenseServer)
    if (-not $LicenseServer) { return New-RdsCheckResult $Fact notApplicable 'not a licence server' }
    $discovery = [ordered]@{}
    Add-RdsDirectoryChecks $discovery
    if ($discovery.directoryUnknown) { return New-RdsCheckResult $Fact failed ([string]$discovery.directoryUnknown) }
    New-RdsCheckResult $Fact held ('published in AD: {0}; in Terminal Server License Servers: {1}' -f $discovery.publishedInAD, $discovery.inLicenseServersGroup)
}

function Test-RdsSshExec {
    param($Fact, $Request)
    if (-not $env:SSH_CONNECTION) { return New-RdsCheckResult $Fact notApplicable 'not reached through OpenSSH exec' }
    $shell = Get-RdsRegistryValue -Key 'SOFTWARE\OpenSSH' -Name DefaultShell -Type String
    if (-not $shell) { $shell = 'cmd.exe (no DefaultShell set)' }
    $probe = Test-RdsProbeTextArrived $Request
    $expected = $probe.expected
    $arrived = [string]$Request.probeText
    $observed = 'default shell {0}; console input encoding {1}; the script ended by its length, not by EOF' -f $shell, [Console]::InputEncoding.WebName
    if ($probe.intact) { return New-RdsCheckResult $Fact held ('{0}; non-ASCII request text arrived intact' -f $observed) }
    New-RdsCheckResult $Fact failed ('{0}; request text arrived as "{1}", sent as "{2}"' -f $observed, $arrived, $expected)
}

function Test-RdsSshShell {
    param($Fact)
    $shell = Get-RdsSshDefaultShell
    if ($shell -eq 'cmd.exe') { return New-RdsCheckResult $Fact held 'DefaultShell is not set: commands run through cmd.exe' }
    if ($shell -match '(?i)(powershell|pwsh)(\.exe)?$') { return New-RdsCheckResult $Fact held ('DefaultShell is {0}: the bootstrap line starts the same from PowerShell' -f $shell) }
    New-RdsCheckResult $Fact failed ('DefaultShell is {0}, neither cmd.exe nor PowerShell' -f $shell)
}

function Invoke-RdsCmdEcho {
    # Starts cmd.exe with the arguments sshd gives it for the line, and feeds the bootstrap the
    # line starts a script that only echoes its input line. stdin stays open until the process
    # ends, as the ssh transport keeps it; past the budget stdin is closed (a PowerShell that read
    # its commands from stdin ends at EOF), and the process is stopped 5 s later.
    param([string]$CmdFile, [string]$Line, [string]$Text, [int]$BudgetSeconds)
    $start = New-Object System.Diagnostics.ProcessStartInfo
    $start.FileName = $CmdFile
    $start.Arguments = Get-RdsSshCmdArguments $Line
    $start.UseShellExecute = $false
    $start.CreateNoWindow = $true
    $start.RedirectStandardInput = $true
    $start.RedirectStandardOutput = $true
    $start.RedirectStandardError = $true
    $process = [System.Diagnostics.Process]::Start($start)
    $output = $process.StandardOutput.ReadToEndAsync()
    $errors = $process.StandardError.ReadToEndAsync()
    $script = "param([string]`$RequestJson)`n'RDSCTL-PAYLOAD:' + `$RequestJson`n"
    try {
        $process.StandardInput.Write(('{0}{1}{2}{1}{3}' -f $Text, "`n", $script.Length, $script))
        $process.StandardInput.Flush()
    }
    catch { $null = $_ }
    $ended = $process.WaitForExit([Math]::Max(1, $BudgetSeconds) * 1000)
    try { $process.StandardInput.Close() } catch { $null = $_ }
    if (-not $ended -and -not $process.WaitForExit(5000)) { try { $process.Kill() } catch { $null = $_ } }
    $process.WaitForExit()
    [ordered]@{ ended = $ended; exitCode = $process.ExitCode; stdout = [string]$output.Result; stderr = [string]$errors.Result }
}

function Test-RdsSshCmdQuoting {
    # The request's cmdEcho.line is the very line rdsctl has this host run, bootstrap and all
    # (only the ssh transport sends one): run through cmd.exe as sshd runs it, with a script that
    # echoes cmdEcho.text, it reached PowerShell as sent only if that text comes back. Read-only.
    param($Fact, $Request)
    if (-not $env:SSH_CONNECTION) { return New-RdsCheckResult $Fact notApplicable 'not reached through OpenSSH exec' }
    $line = [string]$Request.cmdEcho.line
    $text = [string]$Request.cmdEcho.text
    if (-not $line) { return New-RdsCheckResult $Fact notApplicable 'reached through PowerShell remoting, not the ssh transport''s bootstrap line' }
    if ($line -notmatch '^[A-Za-z0-9_.:\\/~+-]+ -NoLogo -NoProfile -NonInteractive -ExecutionPolicy Bypass -EncodedCommand [A-Za-z0-9+/=]+$' -or $text -notmatch '^[A-Za-z0-9-]+$') {
        return New-RdsCheckResult $Fact failed 'the request''s echo line is not an ssh bootstrap line: nothing was run'
    }
    $shell = Get-RdsSshDefaultShell
    if ($shell -ne 'cmd.exe') { return New-RdsCheckResult $Fact notApplicable ('DefaultShell is {0}: cmd.exe does not start the line' -f $shell) }
    $cmd = $null
    if ($env:SystemRoot) { $cmd = Join-Path $env:SystemRoot 'System32\cmd.exe' }
    if (-not $cmd -or -not (Test-Path -LiteralPath $cmd)) { return New-RdsCheckResult $Fact unknown 'no cmd.exe in %SystemRoot%\System32 to run the line through' }
    $budget = [int]$Request.cmdEcho.budgetSeconds
    $echo = Invoke-RdsCmdEcho -CmdFile $cmd -Line $line -Text $text -BudgetSeconds $budget
    $expected = 'RDSCTL-PAYLOAD:' + $text
    $lines = @(([string]$echo.stdout) -split "`r?`n" | Where-Object { $_ -ne '' })
    $ran = 'cmd.exe /c "<the bootstrap line, {0} characters>"' -f $line.Length
    if ($lines.Count -eq 1 -and $lines[0] -ceq $expected) { return New-RdsCheckResult $Fact held ('{0} ran the line as sent: the bootstrap echoed {1}' -f $ran, $text) }
    # At most 160 characters of each: stdout's start, stderr's end (where an error says why).
    $clip = { param($value, [bool]$End) $value = ([string]$value).Trim() -replace '\s+', ' '; if ($value.Length -le 160) { return $value }; if ($End) { return '...' + $value.Substring($value.Length - 160) }; $value.Substring(0, 160) + '...' }
    $why = 'exit code {0}' -f $echo.exitCode
    if (-not $echo.ended) { $why = 'no end within {0} s' -f $budget }
    New-RdsCheckResult $Fact failed ('{0} did not echo {1} ({2}); stdout "{3}"; stderr "{4}"' -f $ran, $text, $why, (& $clip $echo.stdout $false), (& $clip $echo.stderr $true))
}

function Test-RdsSshStreams {
    # The host's half: what its console says it encodes with. Only the client can settle the
    # fact (settle-ssh-streams.ts): it compares the output encoding with the one the ssh
    # transport decodes stdout with, and the probe text echoed in the answer (sshStreams, from
    # Get-RdsSshStreamReport) with the text it sent.
    param($Fact, $Request)
    if (-not $env:SSH_CONNECTION) { return New-RdsCheckResult $Fact notApplicable 'not reached through OpenSSH exec' }
    $observed = 'console input encoding {0}, output encoding {1}' -f [Console]::InputEncoding.WebName, [Console]::OutputEncoding.WebName
    New-RdsCheckResult $Fact unknown ('{0}; only the client can compare the text that came back with the text it sent' -f $observed)
}

function Test-RdsProbeTextArrived {
    # The request carries a probe text and its UTF-16 code units as numbers (ASCII whatever the
    # encoding): the text arrived intact only if stdin was decoded as UTF-8.
    param($Request)
    $codes = @($Request.probeCodes | ForEach-Object { [int]$_ })
    $expected = -join ($codes | ForEach-Object { [char]$_ })
    [ordered]@{ intact = ([string]$Request.probeText -ceq $expected); expected = $expected }
}

function Get-RdsSshStreamReport {
    # What the client compares with what the ssh transport writes and decodes: the encodings
    # this PowerShell's console reports, whether the request's probe text arrived intact on stdin,
    # and that text echoed back: it travels in the payload like every other string of an answer.
    param($Request)
    if (-not $env:SSH_CONNECTION) { return $null }
    [ordered]@{
        inputEncoding = [string][Console]::InputEncoding.WebName
        outputEncoding = [string][Console]::OutputEncoding.WebName
        stdinIntact = [bool](Test-RdsProbeTextArrived $Request).intact
        echo = [string]$Request.probeText
    }
}

function Test-RdsSshDisconnect {
    param($Fact)
    if (-not $env:SSH_CONNECTION) { return New-RdsCheckResult $Fact notApplicable 'not reached through OpenSSH exec' }
    New-RdsCheckResult $Fact unknown 'only a dropped connection shows it: stop rdsctl during a run and look for a powershell.exe left running'
}

function Test-RdsOpenSshVersion {
    # sshd -V prints its version on stderr and exits nonzero; it starts no server.
    param($Fact)
    $expected = Get-RdsShippedOpenSshVersion
    $places = @($env:SystemRoot, $env:ProgramFiles) | Where-Object { $_ }
    $candidates = @(@($places | ForEach-Object { Join-Path $_ 'System32\OpenSSH\sshd.exe' }) + @($env:ProgramFiles | Where-Object { $_ } | ForEach-Object { Join-Path $_ 'OpenSSH\sshd.exe' }))
    $sshd = $candidates | Where-Object { Test-Path -LiteralPath $_ } | Select-Object -First 1
    if (-not $sshd) { return New-RdsCheckResult $Fact unknown 'no sshd.exe in System32\OpenSSH or Program Files\OpenSSH' }
    $text = (@(& $sshd -V 2>&1) | ForEach-Object { [string]$_ }) -join ' '
    if ($text -notmatch 'OpenSSH_for_Windows_(\d+\.\d+)') { return New-RdsCheckResult $Fact unknown ('{0} -V printed no version: {1}' -f $sshd, $text) }
    $version = $Matches[1]
    $observed = '{0} is OpenSSH_for_Windows_{1}' -f $sshd, $version
    if ($version -eq $expected) { return New-RdsCheckResult $Fact held $observed }
    New-RdsCheckResult $Fact failed ('{0}, not {1}' -f $observed, $expected)
}

function Test-RdsInstallFiling {
    # How Windows files an install cannot be read without installing: the install ledger's
    # before/after snapshots settle it, so the check reports what the ledger shows.
    param($Fact, [bool]$LicenseServer)
    if (-not $LicenseServer) { return New-RdsCheckResult $Fact notApplicable 'not a licence server' }
    $entries = @(Read-RdsLedgerEntries)
    $finished = @($entries | Where-Object { $_.kind -eq 'installFinished' -and [string]$_.outcome -ne 'failed' })
    $open = @(Get-RdsUnexplainedInstalls)
    if ($open.Count -gt 0) {
        $first = $open[0]
        return New-RdsCheckResult $Fact failed ('the install ledger holds {0} unexplained install(s); the first, {1}: {2}' -f $open.Count, $first.id, $first.reason)
    }
    if ($finished.Count -eq 0) { return New-RdsCheckResult $Fact unknown 'the install ledger records no install yet: the first install rdsctl makes here settles it' }
    $filed = @($finished | ForEach-Object { [string]$_.reason })
    New-RdsCheckResult $Fact held ('{0} install(s) filed as asked: {1}' -f $finished.Count, ($filed -join '; '))
}

function Test-RdsUndocumentedVersionIds {
    # A key pack of an undocumented id says what it holds in its ProductVersion text.
    param($Fact, [bool]$LicenseServer)
    if (-not $LicenseServer) { return New-RdsCheckResult $Fact notApplicable 'not a licence server' }
    $undocumented = Get-RdsUndocumentedProductVersionIds
    $packs = @(Get-RdsKeyPackInstances | Where-Object { $undocumented.ContainsKey([int]$_.ProductVersionID) } | Sort-Object -Property KeyPackId)
    if ($packs.Count -eq 0) { return New-RdsCheckResult $Fact unknown ('no key pack of ProductVersionID {0} to compare' -f (@($undocumented.Keys) -join ', ')) }
    $shown = @(); $wrong = $false
    foreach ($pack in $packs) {
        $product = $undocumented[[int]$pack.ProductVersionID]
        $year = $product -replace '^windowsServer', ''
        $shown += 'key pack {0}: ProductVersionID {1}, ProductVersion "{2}"' -f $pack.KeyPackId, $pack.ProductVersionID, $pack.ProductVersion
        if (-not ([string]$pack.ProductVersion).Contains($year)) { $wrong = $true }
    }
    if ($wrong) { return New-RdsCheckResult $Fact failed ($shown -join '; ') }
    New-RdsCheckResult $Fact held ($shown -join '; ')
}

function Test-RdsActivationContactProperties {
    param($Fact, [bool]$LicenseServer)
    if (-not $LicenseServer) { return New-RdsCheckResult $Fact notApplicable 'not a licence server' }
    $instance = Get-RdsLicenseServerInstance
    if (Test-RdsEmptyLicenseServer $instance) { return New-RdsCheckResult $Fact unknown 'Windows withheld Win32_TSLicenseServer from this user (not an administrator?)' }
    $names = @('FirstName', 'LastName', 'Company', 'CountryRegion', 'eMail')
    $missing = @($names | Where-Object { -not $instance.PSObject.Properties[$_] })
    if ($missing.Count -gt 0) { return New-RdsCheckResult $Fact failed ('Win32_TSLicenseServer has no {0}' -f ($missing -join ', ')) }
    New-RdsCheckResult $Fact held ('the contact properties exist (country or region now "{0}"); whether Set-CimInstance is accepted shows only at apply, which re-reads them' -f $instance.CountryRegion)
}

function Test-RdsFirewallRuleNames {
    param($Fact, [bool]$LicenseServer)
    if (-not $LicenseServer) { return New-RdsCheckResult $Fact notApplicable 'not a licence server' }
    $pattern = Get-RdsLicensingFirewallRuleNamePattern
    $rules = @(Get-RdsLicensingFirewallRules)
    if ($rules.Count -eq 0) { return New-RdsCheckResult $Fact failed ('no firewall rule is named {0}' -f $pattern) }
    $groups = @($rules | ForEach-Object { [string]$_.Group } | Sort-Object -Unique)
    $names = @($rules | ForEach-Object { [string]$_.Name }) -join ', '
    if ($groups.Count -ne 1) { return New-RdsCheckResult $Fact failed ('{0} span {1} rule groups: {2}' -f $names, $groups.Count, ($groups -join ', ')) }
    New-RdsCheckResult $Fact held ('{0}, group {1}' -f $names, $groups[0])
}

function Test-RdsFirewallPolicyView {
    # Reads the ActiveStore only: the active profiles, each profile's AllowLocalFirewallRules, and
    # how the RD Licensing rules in effect name their store.
    param($Fact, [bool]$LicenseServer)
    if (-not $LicenseServer) { return New-RdsCheckResult $Fact notApplicable 'not a licence server' }
    $raw = [string](Get-NetFirewallSetting -PolicyStore ActiveStore -ErrorAction Stop).ActiveProfile
    $view = Read-RdsActiveFirewallPolicy
    if (@($view.activeProfiles).Count -eq 0) { return New-RdsCheckResult $Fact failed ('ActiveProfile reads "{0}", which names no profile rdsctl knows' -f $raw) }
    $values = @(Get-NetFirewallProfile -PolicyStore ActiveStore -ErrorAction Stop | ForEach-Object { '{0}={1}' -f $_.Name, $_.AllowLocalFirewallRules })
    $odd = @($values | Where-Object { @('True', 'False', 'NotConfigured') -notcontains ($_ -split '=', 2)[1] })
    $sources = @(Get-NetFirewallRule -Name (Get-RdsLicensingFirewallRuleNamePattern) -PolicyStore ActiveStore -ErrorAction SilentlyContinue | ForEach-Object { '{0} from {1} ({2})' -f $_.Name, $_.PolicyStoreSource, $_.PolicyStoreSourceType })
    $observed = 'ActiveProfile "{0}"; AllowLocalFirewallRules {1}; in effect: {2}' -f $raw, ($values -join ', '), ($(if ($sources.Count -gt 0) { $sources -join ', ' } else { 'no RD Licensing rule' }))
    if ($odd.Count -gt 0) { return New-RdsCheckResult $Fact failed $observed }
    $types = @(Get-NetFirewallRule -Name (Get-RdsLicensingFirewallRuleNamePattern) -PolicyStore ActiveStore -ErrorAction SilentlyContinue | ForEach-Object { [string]$_.PolicyStoreSourceType })
    if (@($types | Where-Object { -not $_ }).Count -gt 0) { return New-RdsCheckResult $Fact failed ('{0}: a rule in effect names no PolicyStoreSourceType' -f $observed) }
    if (@($types | Where-Object { $_ -eq 'GroupPolicy' }).Count -eq 0) { return New-RdsCheckResult $Fact unknown ('{0}; no GPO deploys an RD Licensing rule here, so how one is named cannot be seen' -f $observed) }
    New-RdsCheckResult $Fact held $observed
}

function Test-RdsGpoPermissionShape {
    # Reads the permissions of the first of the spec's GPOs that exists.
    param($Fact, $Request)
    $gpos = @($Request.gpos | Where-Object { $_ })
    if ($gpos.Count -eq 0) { return New-RdsCheckResult $Fact notApplicable 'not the Group Policy management host of a spec with GPOs' }
    Import-RdsGroupPolicyModule
    $existing = $gpos | Where-Object { Find-RdsGpo -Name ([string]$_.name) -Domain ([string]$_.domain) } | Select-Object -First 1
    if (-not $existing) { return New-RdsCheckResult $Fact unknown 'none of the spec''s GPOs exists yet, so its permissions cannot be read' }
    $entries = @(Get-GPPermission -Name ([string]$existing.name) -DomainName ([string]$existing.domain) -All -ErrorAction Stop)
    $shown = @($entries | ForEach-Object { '{0} ({1}): {2}' -f $_.Trustee.Name, $_.Trustee.SidType, $_.Permission })
    $observed = 'GPO "{0}": {1}' -f $existing.name, ($shown -join ', ')
    $knownTypes = @('User', 'Computer', 'Group', 'Alias', 'WellKnownGroup', 'Domain', 'DeletedAccount', 'Invalid', 'Unknown')
    if (@($entries | Where-Object { $knownTypes -notcontains [string]$_.Trustee.SidType }).Count -gt 0) { return New-RdsCheckResult $Fact failed ('{0}: a SidType rdsctl does not know' -f $observed) }
    if (@(Read-RdsGpoApplyTrustees -Name ([string]$existing.name) -Domain ([string]$existing.domain)).Count -eq 0) { return New-RdsCheckResult $Fact unknown ('{0}: nobody holds GpoApply, so how Apply is named cannot be seen' -f $observed) }
    New-RdsCheckResult $Fact held $observed
}

function Test-RdsGpoCmdletBehaviour {
    # A value no GPO sets (a name rdsctl never writes) in the first of the spec's GPOs that
    # exists; a GPO name that cannot exist. Both are reads.
    param($Fact, $Request)
    $gpos = @($Request.gpos | Where-Object { $_ })
    if ($gpos.Count -eq 0) { return New-RdsCheckResult $Fact notApplicable 'not the Group Policy management host of a spec with GPOs' }
    Import-RdsGroupPolicyModule
    $domain = [string]$gpos[0].domain
    $missingName = 'rdsctl conformance check {0}' -f ([guid]::NewGuid())
    $observed = @()
    try {
        $null = Get-GPO -Name $missingName -Domain $domain -ErrorAction Stop
        return New-RdsCheckResult $Fact failed ('Get-GPO found a GPO named "{0}"' -f $missingName)
    }
    catch {
        if (-not (Test-RdsGpoNotFound $_)) { return New-RdsCheckResult $Fact failed ('a missing GPO raised {0} ({1}), not GpoWithNameNotFound' -f $_.FullyQualifiedErrorId, $_.CategoryInfo.Category) }
        $observed += 'a missing GPO raised {0}' -f $_.FullyQualifiedErrorId
    }
    $existing = $gpos | Where-Object { Find-RdsGpo -Name ([string]$_.name) -Domain ([string]$_.domain) } | Select-Object -First 1
    if (-not $existing) { return New-RdsCheckResult $Fact unknown (($observed + 'none of the spec''s GPOs exists yet, so an unset value cannot be read') -join '; ') }
    try {
        $value = Get-GPRegistryValue -Name ([string]$existing.name) -Domain ([string]$existing.domain) -Key (Get-RdsGpoPolicyKey) -ValueName 'RdsctlConformanceCheck' -ErrorAction Stop
        $observed += 'an unset value returned {0} instead of throwing' -f (@($value).Count)
        return New-RdsCheckResult $Fact failed ($observed -join '; ')
    }
    catch {
        $category = [string]$_.CategoryInfo.Category
        $observed += 'an unset value raised {0} ({1})' -f $_.FullyQualifiedErrorId, $category
        if ($category -ne 'ObjectNotFound') { return New-RdsCheckResult $Fact failed ($observed -join '; ') }
    }
    New-RdsCheckResult $Fact held ($observed -join '; ')
}

function Test-RdsSessionHostEventSources {
    param($Fact, [bool]$SessionHost)
    if (-not $SessionHost) { return New-RdsCheckResult $Fact notApplicable 'not a session host' }
    try { $events = @(Get-WinEvent -FilterHashtable @{ LogName = 'System'; Id = @(1128, 1129, 1130, 1131) } -MaxEvents 50 -ErrorAction Stop) }
    catch {
        if (Test-RdsNoEventsError $_) { return New-RdsCheckResult $Fact unknown 'the System log holds no event 1128-1131 to compare' }
        return New-RdsCheckResult $Fact unknown ('the System log cannot be read: {0}' -f $_.Exception.Message)
    }
    $sources = @($events | ForEach-Object { [string]$_.ProviderName } | Sort-Object -Unique)
    $expected = @('Microsoft-Windows-TerminalServices-RemoteConnectionManager') + @(Get-RdsClassicSessionHostEventSources)
    $unknown = @($sources | Where-Object { $expected -notcontains $_ })
    $observed = 'events 1128-1131 in the System log come from {0}' -f ($sources -join ', ')
    # Group Policy logs 1129 too; only an unknown source besides the expected ones is news.
    if (@($sources | Where-Object { $expected -contains $_ }).Count -gt 0 -or $unknown.Count -eq 0) { return New-RdsCheckResult $Fact held $observed }
    New-RdsCheckResult $Fact failed $observed
}

function Test-RdsEndpointMethod {
    param($Fact, [bool]$LicenseServer)
    if (-not $LicenseServer) { return New-RdsCheckResult $Fact notApplicable 'not a licence server' }
    $result = Invoke-CimMethod -Namespace root/cimv2 -ClassName Win32_TSLicenseServer -MethodName IsTSinTSCGroup -Arguments @{ tsname = [string]$env:COMPUTERNAME }
    $code = [uint32]$result.ReturnValue
    if ($code -ne 0) { return New-RdsCheckResult $Fact failed ('IsTSinTSCGroup failed with {0}' -f (Format-RdsWindowsCode $code)) }
    New-RdsCheckResult $Fact unknown 'IsTSinTSCGroup answers; compare its answers with the members of RDS Endpoint Servers in Active Directory to settle which group it reads'
}

function Test-RdsCimErrorShape {
    # A class that does not exist: a harmless way to make a CIM cmdlet fail.
    param($Fact)
    try {
        $null = Get-CimInstance -Namespace root/cimv2 -ClassName RdsctlConformanceCheck -ErrorAction Stop
        return New-RdsCheckResult $Fact unknown 'querying a class that does not exist did not fail'
    }
    catch {
        $exception = $_.Exception
        $type = $exception.GetType().FullName
        if ($type -ne 'Microsoft.Management.Infrastructure.CimException') { return New-RdsCheckResult $Fact failed ('a CIM error arrived as {0}, not CimException' -f $type) }
        $data = 'no ErrorData'
        if ($exception.ErrorData -and $exception.ErrorData.CimInstanceProperties['error_Code']) { $data = 'ErrorData.error_Code {0}' -f $exception.ErrorData.CimInstanceProperties['error_Code'].Value }
        $code = Get-RdsCimExceptionCode $exception
        $observed = 'CimException, NativeErrorCode {0}, {1}' -f $exception.NativeErrorCode, $data
        if (-not $code) { return New-RdsCheckResult $Fact failed ('{0}: rdsctl finds no Windows code in it' -f $observed) }
        New-RdsCheckResult $Fact held ('{0}: read as {1}' -f $observed, $code)
    }
}

function Test-RdsRevokeCounting {
    # Read-only: revoking to see the refusal would give up a CAL. What can be seen is whether more
    # revoked CALs are still before their expiry than 20% of a version's per-device CALs, which
    # the model (a revoked CAL counts until its original expiry) says cannot happen.
    param($Fact, [bool]$LicenseServer)
    if (-not $LicenseServer) { return New-RdsCheckResult $Fact notApplicable 'not a licence server' }
    $packs = @(Get-RdsKeyPackInstances | Where-Object { [int64]$_.ProductType -eq 0 -and @(4, 6, 7) -notcontains [int64]$_.KeyPackType })
    if ($packs.Count -eq 0) { return New-RdsCheckResult $Fact unknown 'no purchased per-device key packs to compare with' }
    $now = [datetime]::UtcNow
    $revoked = @(Get-CimInstance -Namespace root/cimv2 -ClassName Win32_TSIssuedLicense -Filter 'LicenseStatus = 4' -ErrorAction Stop | Where-Object { $_.ExpirationDate -and ([datetime]$_.ExpirationDate).ToUniversalTime() -gt $now })
    $shown = @(); $over = @()
    foreach ($version in @($packs | ForEach-Object { [int64]$_.ProductVersionID } | Sort-Object -Unique)) {
        $ofVersion = @($packs | Where-Object { [int64]$_.ProductVersionID -eq $version })
        $ids = @($ofVersion | ForEach-Object { [int64]$_.KeyPackId })
        $limit = [Math]::Floor(((@($ofVersion | ForEach-Object { [int64]$_.TotalLicenses }) + 0 | Measure-Object -Sum).Sum) * 20 / 100)
        $counting = @($revoked | Where-Object { $ids -contains [int64]$_.KeyPackId }).Count
        $text = 'ProductVersionID {0}: {1} revoked CALs before their expiry, 20% is {2}' -f $version, $counting, $limit
        $shown += $text
        if ($counting -gt $limit) { $over += $text }
    }
    if ($over.Count -gt 0) { return New-RdsCheckResult $Fact failed ('more revoked CALs count than the model allows: {0}' -f ($over -join '; ')) }
    New-RdsCheckResult $Fact unknown ('{0}; the refusal itself shows only when Revoke is called with the quota spent' -f ($shown -join '; '))
}

function Test-RdsComputerAccountLookup {
    # Read-only: the host's own computer account must be found, and enabled.
    param($Fact)
    try { $state = Get-RdsComputerAccountState -Name ([string]$env:COMPUTERNAME) }
    catch { return New-RdsCheckResult $Fact unknown ('the directory could not be asked from this session: {0}' -f (ConvertTo-RdsFailure $_ 'check').message) }
    if (-not $state) { return New-RdsCheckResult $Fact unknown ('this computer''s name ({0}) is not a NetBIOS name rdsctl asks about' -f $env:COMPUTERNAME) }
    if ($state -eq 'enabled') { return New-RdsCheckResult $Fact held ('this computer ({0}) reads as an enabled account' -f $env:COMPUTERNAME) }
    New-RdsCheckResult $Fact failed ('this computer ({0}) reads as {1}, not as an enabled account' -f $env:COMPUTERNAME, $state)
}

function Test-RdsFileReplace {
    # Two files in this session's temp directory, removed again: the lock file's replacement,
    # while another handle has it open for reading as the lock's readers do.
    param($Fact)
    $directory = Join-Path ([System.IO.Path]::GetTempPath()) ('rdsctl-check-{0}' -f [guid]::NewGuid().ToString('N'))
    $null = [System.IO.Directory]::CreateDirectory($directory)
    try {
        $target = Join-Path $directory 'probe.lock'
        $source = Join-Path $directory 'probe.next'
        [System.IO.File]::WriteAllText($target, 'old')
        [System.IO.File]::WriteAllText($source, 'new')
        $reader = [System.IO.File]::Open($target, [System.IO.FileMode]::Open, [System.IO.FileAccess]::Read, ([System.IO.FileShare]'ReadWrite, Delete'))
        try { Move-RdsFileOver -Source $source -Destination $target }
        catch { return New-RdsCheckResult $Fact failed ('File.Replace failed while the file was open for reading: {0}' -f (ConvertTo-RdsFailure $_ 'check').message) }
        finally { $reader.Dispose() }
        $text = [System.IO.File]::ReadAllText($target)
        if ($text -eq 'new' -and -not [System.IO.File]::Exists($source)) {
            return New-RdsCheckResult $Fact held ('replaced a file open for reading in {0}; that no reader can find it missing meanwhile is not observable here' -f [System.IO.Path]::GetTempPath())
        }
        New-RdsCheckResult $Fact failed ('after File.Replace the file holds "{0}" and the replacement is {1}' -f $text, $(if ([System.IO.File]::Exists($source)) { 'still there' } else { 'gone' }))
    }
    finally { Remove-Item -LiteralPath $directory -Recurse -Force -ErrorAction SilentlyContinue }
}

function Test-RdsPublicationObject {
    # Read-only: binds with this session's own identity, which from a remote session holds no
    # credentials for a domain controller (the second hop): then the object stays unknown.
    param($Fact, [bool]$LicenseServer)
    if (-not $LicenseServer) { return New-RdsCheckResult $Fact notApplicable 'not a licence server' }
    $site = Get-RdsRegistryValue -Key 'SYSTEM\CurrentControlSet\Services\Netlogon\Parameters' -Name DynamicSiteName -Type String
    if (-not $site) { return New-RdsCheckResult $Fact unknown 'this host reports no Active Directory site (Netlogon DynamicSiteName is not set)' }
    $name = [string](Get-CimInstance -Namespace root/cimv2 -ClassName Win32_ComputerSystem -ErrorAction Stop | Select-Object -First 1).Name
    try {
        $rootDse = Open-RdsDirectoryEntry -Path 'LDAP://RootDSE'
        $path = Get-RdsPublicationObjectPath -Site $site -ConfigurationNamingContext ([string]@($rootDse.Properties['configurationNamingContext'])[0])
        $object = Open-RdsDirectoryEntry -Path (ConvertTo-RdsAdsPath $path)
        $object.RefreshCache(@('siteServer'))
        $servers = @($object.Properties['siteServer'] | ForEach-Object { [string]$_ })
    }
    catch {
        $failure = ConvertTo-RdsFailure $_ 'check'
        if ($failure.windowsCode -eq '0x80072030') { $servers = $null }
        else { return New-RdsCheckResult $Fact unknown ('the directory could not be read from this session (a remote session holds no credentials for a domain controller): {0}' -f $failure.message) }
    }
    try { $published = [bool](Invoke-RdsLicenseServerMethod -Method IsLSPublished -Step 'check').Published }
    catch { return New-RdsCheckResult $Fact unknown ('IsLSPublished failed from this session: {0}' -f (ConvertTo-RdsFailure $_ 'check').message) }
    if ($null -eq $servers) { $seen = ('{0} does not exist' -f $path) }
    else { $seen = ('{0} lists {1}' -f $path, (@($servers | ForEach-Object { '"' + $_ + '"' }) -join ', ')) }
    $listed = @($servers | Where-Object { $_ -match ('^CN={0},' -f [regex]::Escape($name)) }).Count -gt 0
    if (-not $published) { return New-RdsCheckResult $Fact unknown ('IsLSPublished is false, so there is nothing to compare; {0}' -f $seen) }
    if ($listed) { return New-RdsCheckResult $Fact held ('IsLSPublished is true and {0}' -f $seen) }
    New-RdsCheckResult $Fact failed ('IsLSPublished is true, but {0}, not {1}' -f $seen, $name)
}

function Test-RdsBrokerModule {
    # Read-only: the module loads only on a broker (or a host with RSAT-RDS-Tools).
    try { Import-RdsRemoteDesktopModule 'check'; return $true }
    catch { return $false }
}

function Test-RdsDeploymentModeNames {
    param($Fact)
    if (-not (Test-RdsBrokerModule)) { return New-RdsCheckResult $Fact notApplicable 'the RemoteDesktop module is not available: not an RD Connection Broker' }
    try { $config = Get-RDLicenseConfiguration -ErrorAction Stop }
    catch { return New-RdsCheckResult $Fact unknown ('Get-RDLicenseConfiguration failed on this host: {0}' -f $_.Exception.Message) }
    $observed = 'Get-RDLicenseConfiguration reports Mode "{0}"' -f $config.Mode
    if (@('PerUser', 'PerDevice', 'NotConfigured') -contains [string]$config.Mode) { return New-RdsCheckResult $Fact held $observed }
    New-RdsCheckResult $Fact failed ('{0}, which rdsctl does not read' -f $observed)
}

function Test-RdsSessionDirectory {
    param($Fact, [bool]$SessionHost)
    if (-not $SessionHost) { return New-RdsCheckResult $Fact notApplicable 'not a session host' }
    try { $directory = Get-CimInstance -Namespace root/cimv2/TerminalServices -ClassName Win32_TSSessionDirectory -ErrorAction Stop | Select-Object -First 1 }
    catch { return New-RdsCheckResult $Fact failed ('Win32_TSSessionDirectory could not be read: {0}' -f $_.Exception.Message) }
    if (-not $directory) { return New-RdsCheckResult $Fact failed 'Win32_TSSessionDirectory has no instance' }
    New-RdsCheckResult $Fact unknown ('SessionDirectoryActive {0}, SessionDirectoryLocation "{1}": compare with Get-RDServer -Role RDS-RD-SERVER on the broker' -f $directory.SessionDirectoryActive, $directory.SessionDirectoryLocation)
}

function Test-RdsDeploymentWrite {
    param($Fact)
    if (-not (Test-RdsBrokerModule)) { return New-RdsCheckResult $Fact notApplicable 'the RemoteDesktop module is not available: not an RD Connection Broker' }
    New-RdsCheckResult $Fact unknown 'a write shows it only at apply, which re-reads the broker and fails NOT_CONVERGED when the list did not come back as sent; compare the session hosts'' local list afterwards'
}

function Invoke-RdsCheckProbe {
    param($Fact, $Request, [bool]$LicenseServer, [bool]$SessionHost)
    switch ([string]$Fact.fact) {
        'powershell' { return Test-RdsPowerShellVersion $Fact }
        'keyPackReporting' { return Test-RdsKeyPackReporting $Fact $LicenseServer }
        'directoryChecks' { return Test-RdsDirectoryReach $Fact $LicenseServer }
        'sshExec' { return Test-RdsSshExec $Fact $Request }
        'Get-RdsInstallProductVersion' { return Test-RdsInstallFiling $Fact $LicenseServer }
        'Get-RdsUndocumentedProductVersionIds' { return Test-RdsUndocumentedVersionIds $Fact $LicenseServer }
        'Set-RdsActivationContact' { return Test-RdsActivationContactProperties $Fact $LicenseServer }
        'Get-RdsLicensingFirewallRuleNamePattern' { return Test-RdsFirewallRuleNames $Fact $LicenseServer }
        'Get-RdsGpoRegistryValue' { return Test-RdsGpoCmdletBehaviour $Fact $Request }
        'Read-RdsActiveFirewallPolicy' { return Test-RdsFirewallPolicyView $Fact $LicenseServer }
        'Read-RdsGpoApplyTrustees' { return Test-RdsGpoPermissionShape $Fact $Request }
        'Get-RdsClassicSessionHostEventSources' { return Test-RdsSessionHostEventSources $Fact $SessionHost }
        'Test-RdsEndpointServerMember' { return Test-RdsEndpointMethod $Fact $LicenseServer }
        'Get-RdsCimExceptionCode' { return Test-RdsCimErrorShape $Fact }
        'Test-RdsRevokeQuotaSpent' { return Test-RdsRevokeCounting $Fact $LicenseServer }
        'Get-RdsComputerAccountState' { return Test-RdsComputerAccountLookup $Fact }
        'Get-RdsSshDefaultShell' { return Test-RdsSshShell $Fact }
        'Get-RdsSshCmdArguments' { return Test-RdsSshCmdQuoting $Fact $Request }
        'Get-RdsSshStreamEncoding' { return Test-RdsSshStreams $Fact $Request }
        'Get-RdsSshStdinEndsOnDisconnect' { return Test-RdsSshDisconnect $Fact }
        'Get-RdsShippedOpenSshVersion' { return Test-RdsOpenSshVersion $Fact }
        'Move-RdsFileOver' { return Test-RdsFileReplace $Fact }
        'Get-RdsPublicationObjectPath' { return Test-RdsPublicationObject $Fact $LicenseServer }
        'Get-RdsDeploymentLicensingMode' { return Test-RdsDeploymentModeNames $Fact }
        'Get-RdsSessionHostBroker' { return Test-RdsSessionDirectory $Fact $SessionHost }
        'Set-RdsDeploymentLicensing' { return Test-RdsDeploymentWrite $Fact }
    }
    New-RdsCheckResult $Fact unknown 'this version of the check has no probe for it'
}

function Invoke-RdsConformanceCheck {
    # A host that cannot even say what it is fails as a whole: the check has nothing to report.
    param($Request)
    $os = Get-CimInstance -Namespace root/cimv2 -ClassName Win32_OperatingSystem -ErrorAction Stop | Select-Object -First 1
    $licenseServer = (Read-RdsServiceState -Name TermServLicensing) -ne 'missing'
    $sessionHost = $false
    try { $setting = Get-RdsTerminalServiceSetting; $sessionHost = [bool]($setting -and [int64]$setting.TerminalServerMode -eq 1) }
    catch { $sessionHost = $false }
    $results = @()
    foreach ($fact in @(Get-RdsCheckedAssumptions) + @(Get-RdsUnverifiedFacts)) {
        try { $results += , (Invoke-RdsCheckProbe -Fact $fact -Request $Request -LicenseServer $licenseServer -SessionHost $sessionHost) }
        catch { $results += , (New-RdsCheckResult $fact failed ('the probe failed: {0}' -f (ConvertTo-RdsFailure $_ 'check').message)) }
    }
    $roles = @()
    if ($licenseServer) { $roles += 'licenseServer' }
    if ($sessionHost) { $roles += 'sessionHost' }
    if (@($Request.gpos | Where-Object { $_ }).Count -gt 0) { $roles += 'gpoManagementHost' }
    $answer = [ordered]@{ kind = 'check'; windows = ('{0}, build {1}' -f $os.Caption, $os.BuildNumber); roles = $roles; assumptions = $results }
    $streams = Get-RdsSshStreamReport $Request
    if ($streams) { $answer.sshStreams = $streams }
    $answer
}
