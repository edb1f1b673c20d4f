import { execFile } from 'node:child_process';
import { expect, it } from 'vitest';
import { locateWindowsFiles } from '../../src/providers/windows/locate-windows-files.js';
import { describeWindows } from './windows-test-gate.js';
import { createDoubleDirectory, sessionHostState } from './windows-double-fixtures.js';

function runRunner(pwsh: string, stdin: string, env: Record<string, string>): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = execFile(pwsh, ['-NoLogo', '-NoProfile', '-NonInteractive', '-File', locateWindowsFiles().runnerScript], { env: { ...process.env, ...env } }, (error, stdout) =>
      error ? reject(error) : resolve(stdout.split('\n').filter((line) => line.startsWith('RDSCTL-FRAME '))),
    );
    child.stdin?.end(stdin);
  });
}

const request = (host: string, timeoutSeconds: number) => ({
  id: host,
  host,
  target: { transport: 'local' },
  timeoutSeconds,
  inputJson: JSON.stringify({ host, phase: 'read', readHost: true, gpos: [] }),
});

describeWindows('fan-out-runner', ({ pwsh }) => {
  it('accepts one JSON document as well as newline-delimited requests', async () => {
    const double = await createDoubleDirectory({ 'a.corp': sessionHostState(), 'b.corp': sessionHostState() });
    const document = JSON.stringify({ parallelism: 2, requests: [request('a.corp', 60), request('b.corp', 60)] }, null, 2);
    const frames = (await runRunner(pwsh, document, double.environment)).map((line) => JSON.parse(line.slice(13)) as { id: string; status: string });
    expect(frames.map((f) => `${f.id}:${f.status}`).sort()).toEqual(['a.corp:ok', 'b.corp:ok']);
  }, 120_000);

  it('ends a host that does not answer at its own run timeout, inside the one process, while the others answer', async () => {
    const double = await createDoubleDirectory({ 'fast.corp': sessionHostState(), 'stuck.corp': sessionHostState({ extra: { hangSeconds: 300 } }) });
    const lines = [JSON.stringify({ type: 'options', parallelism: 2 }), JSON.stringify(request('stuck.corp', 4)), JSON.stringify(request('fast.corp', 60))];
    const started = Date.now();
    const frames = (await runRunner(pwsh, lines.join('\n'), double.environment)).map((line) => JSON.parse(line.slice(13)) as { id: string; status: string; error?: unknown });
    // Which frame comes first depends on how long the fast host's runspace takes to start on a busy machine.
    expect(frames.map((f) => `${f.id}:${f.status}`).sort()).toEqual(['fast.corp:ok', 'stuck.corp:timeout']);
    expect(frames.find((f) => f.id === 'stuck.corp')?.error).toEqual({ code: 'timeout', message: 'no answer within 4 s' });
    expect(Date.now() - started).toBeLessThan(60_000);
  }, 120_000);
});
