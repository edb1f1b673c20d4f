/**
 * Text that would drive a terminal: control characters in a spec are refused with a location,
 * and anything echoed from a file name or a host's answer is shown escaped (`\x1b`, `\r`, `\u202e`) in text, even on
 * a terminal, while JSON carries the raw string. Output is captured as raw bytes.
 */
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, copyExample, runCli } from './support/run-cli.js';

const EVIL = 'evil\u001b[2K\r\u202ex\u001b[8m.yaml';

/** Everything a terminal receives, as bytes (util-linux `script` gives the CLI a pseudo-terminal). */
function runInTerminalRaw(args: readonly string[], cwd: string): Promise<Buffer> {
  const command = [process.execPath, CLI, ...args].map((word) => `'${word.replace(/'/g, "'\\''")}'`).join(' ');
  const child = spawn('script', ['-qec', command, '/dev/null'], { cwd, env: { ...process.env, FORCE_COLOR: '1' }, stdio: ['pipe', 'pipe', 'pipe'] });
  const chunks: Buffer[] = [];
  child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
  child.stdin.end();
  return new Promise((resolve) => child.on('close', () => resolve(Buffer.concat(chunks))));
}

describe('hostile terminal text', () => {
  it('refuses ESC, CR and a bidirectional override in a GPO name, with the location', async () => {
    const cwd = copyExample('contoso');
    const spec = path.join(cwd, 'rds.yaml');
    writeFileSync(spec, readFileSync(spec, 'utf8').replaceAll('"RDS Licensing - Finance"', '"RDS Licensing - Fin\\e[2K\\rance\\u202e"'));
    const result = await runCli(['plan', '-f', 'rds.yaml', '--no-color'], { cwd });
    expect(result.exitCode).toBe(3);
    expect(result.stdout).toBe('');
    const hint = '      hint: names and text in a spec cannot hold terminal escape sequences, carriage returns or bidirectional overrides; remove them';
    expect(result.stderr).toBe(
      [
        'Error: rds.yaml: 2 problems found',
        '  rds.yaml:73:26: sessionHostPools[0].configuredBy.gpo: contains the control character \\x1b',
        hint,
        '  rds.yaml:83:11: gpos[0].name: contains the control character \\x1b',
        hint,
        '',
      ].join('\n'),
    );
  });

  it('shows a file name carrying escape sequences escaped on a terminal, and raw in JSON', { timeout: 10_000 }, async () => {
    const cwd = copyExample('contoso');
    execFileSync('mkfifo', [path.join(cwd, EVIL)]);
    const shown = (await runInTerminalRaw(['validate', '-f', EVIL], cwd)).toString('utf8');
    expect(shown).toContain('spec file evil\\x1b[2K\\r\\u202ex\\x1b[8m.yaml is a named pipe (FIFO), not a regular file');
    expect(shown).not.toContain('\u001b[2K');
    expect(shown).not.toContain('\u001b[8m');
    expect(shown).not.toContain('\u202e');

    const json = await runCli(['validate', '--json', '-f', EVIL], { cwd });
    expect(json.exitCode).toBe(3);
    const document = JSON.parse(json.stdout) as { error: { code: string; message: string } };
    expect(document.error.code).toBe('FILE_REFUSED');
    expect(document.error.message).toBe(`spec file ${EVIL} is a named pipe (FIFO), not a regular file`);
  });

  it('shows a value a host answered with escape sequences escaped in plan text and markdown, and raw in JSON', { timeout: 30_000 }, async () => {
    const cwd = copyExample('contoso');
    const estate = path.join(cwd, 'estate.yaml');
    // The lab stands in for a host: kiosk02 answers with a licence server name that would erase a line.
    writeFileSync(estate, readFileSync(estate, 'utf8').replaceAll('[lic-old.corp.contoso.com,', '["lic-old\\e[2K\\r\\u202e.corp.contoso.com",'));
    const shown = (await runInTerminalRaw(['plan', '-f', 'rds.yaml'], cwd)).toString('utf8');
    expect(shown).toContain('"lic-old\\u001b[2K\\r\\u202e.corp.contoso.com"');
    expect(shown).not.toContain('\u001b[2K');
    expect(shown).not.toContain('\u202e');

    const markdown = await runCli(['plan', '-f', 'rds.yaml', '--format', 'markdown'], { cwd });
    expect(markdown.exitCode).toBe(0);
    expect(markdown.stdout).toContain('-     "lic-old\\u001b[2K\\r\\u202e.corp.contoso.com"');
    expect(markdown.stdout).not.toMatch(/[\u001b\r\u202e]/);

    const json = await runCli(['plan', '-f', 'rds.yaml', '--json'], { cwd });
    type JsonPlan = { changes: { address: string; attributes: { name: string; before: string[] }[] }[] };
    const change = (JSON.parse(json.stdout) as JsonPlan).changes.find((c) => c.address === 'sessionHost[kiosk02.corp.contoso.com]');
    expect(change?.attributes.find((a) => a.name === 'licenseServers')?.before[0]).toBe('lic-old\u001b[2K\r\u202e.corp.contoso.com');
  });
});
