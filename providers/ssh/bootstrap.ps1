# The fixed bootstrap the ssh transport passes to the host's PowerShell as -EncodedCommand.
# Its stdin (UTF-8): line 1 the request JSON, line 2 the script's length in characters, then the
# script. It runs the script with the request as its one argument (data, never script text) and
# writes the payload line to stdout. A length, not EOF, ends the script, so it never waits on a
# shell that does not pass EOF on. rdsctl keeps stdin open until the command ends, so EOF after
# the script means the client is gone (stopped at its budget, or rdsctl killed): a watcher then
# ends this PowerShell, so nothing goes on changing the host unwatched. Keep it short: it travels on the command line (cmd.exe 8,191).
$ProgressPreference = 'SilentlyContinue'
$ErrorActionPreference = 'Stop'
$u = New-Object System.Text.UTF8Encoding $false
[Console]::OutputEncoding = $u
$r = New-Object System.IO.StreamReader ([Console]::OpenStandardInput(), $u)
$i = $r.ReadLine()
$n = [int]$r.ReadLine()
$b = New-Object char[] $n
$null = $r.ReadBlock($b, 0, $n)
$w = [powershell]::Create().AddScript({ param($s) while ($s.Read() -ge 0) {}; [Environment]::Exit(4) }).AddArgument($r)
$null = $w.BeginInvoke()
try { $o = & ([scriptblock]::Create((New-Object string (, $b)))) $i }
catch { [Console]::Out.WriteLine('RDSCTL-ERROR:' + $_.Exception.Message); [Console]::Out.Flush(); [Environment]::Exit(3) }
foreach ($l in @($o)) { if ($l -is [string] -and $l.StartsWith('RDSCTL-PAYLOAD:')) { [Console]::Out.WriteLine($l) } }
[Console]::Out.Flush()
# The watcher's thread would keep PowerShell waiting on stdin: end the process itself.
[Environment]::Exit(0)
