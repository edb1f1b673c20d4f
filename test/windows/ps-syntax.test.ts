import { execFile } from 'node:child_process';
import { mkdtemp, readdir, writeFile } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';
import { describeWindows } from './windows-test-gate.js';

const run = promisify(execFile);
const here = path.dirname(fileURLToPath(import.meta.url));
const scriptsDirectory = path.resolve(here, '../../providers/windows');

interface Finding {
  file: string;
  line: number;
  rule: string;
  text: string;
}

async function checkSyntax(pwsh: string, files: string[]): Promise<Finding[]> {
  const { stdout } = await run(pwsh, ['-NoLogo', '-NoProfile', '-NonInteractive', '-File', path.join(here, 'check-ps-syntax.ps1'), ...files]);
  return JSON.parse(stdout) as Finding[];
}

describeWindows('ps-syntax', ({ pwsh }) => {
  it('finds every provider script free of parse errors and PowerShell-7-only syntax', async () => {
    const files = (await readdir(scriptsDirectory)).filter((name) => name.endsWith('.ps1')).map((name) => path.join(scriptsDirectory, name));
    expect(files.length).toBeGreaterThanOrEqual(9);
    expect(await checkSyntax(pwsh, files)).toEqual([]);
  }, 180_000);

  it('rejects each PowerShell-7-only construct, parse errors, missing -Depth and non-ASCII text', async () => {
    const directory = await mkdtemp(path.join(os.tmpdir(), 'rdsctl-syntax-'));
    const bad = path.join(directory, 'bad.ps1');
    const lines = [
      '$a = $b ?? 1',
      '$a ??= 2',
      '$c = $d ? 1 : 2',
      'Get-Thing && Get-Other',
      '${e}?.Name',
      '${e}?[0]',
      '1..3 | ForEach-Object -Parallel { $_ }',
      "'{}' | ConvertFrom-Json -AsHashtable",
      '@(1) | ConvertTo-Json -AsArray -Depth 2',
      'ConvertTo-Json -InputObject 1 -EnumsAsStrings',
      'Get-Error',
      "$PSStyle.OutputRendering = 'PlainText'",
      'function f { process { 1 } clean { 2 } }',
      '# caf\u00e9',
    ];
    await writeFile(bad, lines.join('\n'));
    const broken = path.join(directory, 'broken.ps1');
    await writeFile(broken, 'function g { if ($x) { }\n');
    const rules = (await checkSyntax(pwsh, [bad, broken])).map((finding) => `${path.basename(finding.file)}:${finding.line}: ${finding.rule}`);
    expect(rules).toEqual([
      'bad.ps1:0: non-ASCII text (Windows PowerShell 5.1 reads BOM-less files as ANSI)',
      'bad.ps1:1: ?? is PowerShell 7 only',
      'bad.ps1:2: ??= is PowerShell 7 only',
      'bad.ps1:3: the ternary operator is PowerShell 7 only',
      'bad.ps1:4: && / || pipeline chains are PowerShell 7 only',
      'bad.ps1:5: ?. is PowerShell 7 only',
      'bad.ps1:6: ?[] is PowerShell 7 only',
      'bad.ps1:7: ForEach-Object -Parallel is PowerShell 7 only',
      'bad.ps1:8: ConvertFrom-Json -AsHashtable is PowerShell 7 only',
      'bad.ps1:9: ConvertTo-Json -AsArray is PowerShell 7 only',
      'bad.ps1:10: ConvertTo-Json -EnumsAsStrings is PowerShell 7 only',
      'bad.ps1:10: ConvertTo-Json without an explicit -Depth',
      'bad.ps1:11: Get-Error is PowerShell 7 only',
      'bad.ps1:12: $PSStyle is PowerShell 7 only',
      'bad.ps1:13: clean blocks are PowerShell 7 only',
      expect.stringMatching(/^broken\.ps1:\d+: parse error: /),
    ]);
  });
});
