import { describe, expect, it } from 'vitest';
import type { Operation } from '../../model/operation.js';
import { createWindowsProvider } from './create-windows-provider.js';
import { createFakeRunner, type FakeAnswer } from '../../../test/windows/fake-runner.js';

const SECRET = '7654321';
const validHost = JSON.stringify({ kind: 'read', host: { host: 'ok.corp', os: 'windowsServer2022' }, gpos: [] });

async function providerWith(answers: Record<string, FakeAnswer>, extra: Record<string, string> = {}) {
  const fake = await createFakeRunner();
  const provider = createWindowsProvider({
    connection: { provider: 'windows', transport: 'psrp-ssh', user: 'admin', keyFile: 'id_ed25519', addresses: { 'ok.corp': '10.9.9.9' }, timeoutSeconds: 5 },
    specDirectory: '/specs',
    parallelism: 4,
    environment: fake.environment(answers, extra),
    powershell: { file: fake.file, edition: 'core' },
  });
  return { fake, provider };
}

describe('windows provider (with a stand-in for PowerShell)', () => {
  it('sends each host its own request on stdin, with the address and key resolved, and reads valid output', async () => {
    const { fake, provider } = await providerWith({ 'ok.corp': { status: 'ok', payload: validHost } });
    const state = await provider.read({ hosts: ['ok.corp'], gpos: [], parallelism: 3 });
    expect(state.hosts).toEqual([{ host: 'ok.corp', os: 'windowsServer2022' }]);
    expect(state.errors).toEqual([]);
    const lines = (await fake.stdin()).trim().split('\n').map((line) => JSON.parse(line) as unknown);
    expect(lines).toEqual([
      { type: 'options', parallelism: 3 },
      {
        type: 'request',
        id: 'read-1',
        host: 'ok.corp',
        target: { transport: 'ssh', address: '10.9.9.9', user: 'admin', keyFile: '/specs/id_ed25519' },
        timeoutSeconds: 5,
        // A third of the 5 s read timeout, whole seconds: the host's budget for licence-server probes.
        inputJson: JSON.stringify({ host: 'ok.corp', phase: 'read', readHost: true, gpos: [], probeBudgetSeconds: 1 }),
      },
    ]);
    expect((await fake.argv()).slice(0, 6)).toEqual(['-NoLogo', '-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-File']);
  });

  it('turns malformed, partial, missing and failed answers into per-host errors, never an exception', async () => {
    const { provider } = await providerWith(
      {
        'ok.corp': { status: 'ok', payload: validHost },
        'cut.corp': { status: 'ok', payload: '{"kind":"read","host":{"host":"cut.corp","sessionHost":{"roleInst' },
        'bare.corp': { status: 'ok', payload: '{"kind":"read","gpos":[]}' },
        'wrong.corp': { status: 'ok', payload: JSON.stringify({ kind: 'read', host: { host: 'wrong.corp', os: 'windows95' } }) },
        'garbled.corp': 'garbage',
        'gone.corp': { status: 'unreachable', error: { code: 'unreachable', message: 'ssh: connect to host gone.corp port 22: Connection refused' } },
        'slow.corp': { status: 'timeout', error: { code: 'timeout', message: 'no answer within 5 s' } },
      },
      { FAKE_STDERR: '#< CLIXML\n<Objs Version="1.1.0.1"><S S="Error">_x001B_[31mthe runner broke_x000D__x000A_</S></Objs>', FAKE_EXIT: '1' },
    );
    const hosts = ['ok.corp', 'cut.corp', 'bare.corp', 'wrong.corp', 'garbled.corp', 'gone.corp', 'slow.corp'];
    const state = await provider.read({ hosts, gpos: [], parallelism: 4 });
    expect(state.hosts.map((h) => h.host)).toEqual(['ok.corp']);
    expect(state.errors).toEqual([
      { host: 'cut.corp', code: 'INVALID_OUTPUT', step: 'read-host', message: 'the host script returned text that is not JSON: "{\\"kind\\":\\"read\\",\\"host\\":{\\"host\\":\\"cut.corp\\",\\"sessionHost\\":{\\"roleInst"' },
      { host: 'bare.corp', code: 'INVALID_OUTPUT', step: 'read-host', message: 'partial output: the host script returned no host state' },
      { host: 'wrong.corp', code: 'INVALID_OUTPUT', step: 'read-host', message: 'the host state does not match the live-state schema: /os must be equal to one of the allowed values' },
      { host: 'garbled.corp', code: 'READ_FAILED', step: 'read-host', message: 'the PowerShell runner ended without an answer for garbled.corp: the runner broke' },
      { host: 'gone.corp', code: 'HOST_UNREACHABLE', step: 'read-host', message: 'cannot reach gone.corp over SSH: no SSH server accepted the connection (ssh: connect to host gone.corp port 22: Connection refused). Hint: check that OpenSSH Server runs on the host, that connection.port is its port, and that a firewall lets it through' },
      { host: 'slow.corp', code: 'HOST_TIMEOUT', step: 'read-host', message: 'slow.corp did not answer: no answer within 5 s' },
    ]);
  });

  it('passes secrets on stdin only, never in arguments, and scrubs them from what comes back', async () => {
    const install: Operation = {
      kind: 'installLicenses',
      group: { product: 'windowsServer2022', type: 'perUser', channel: 'volume' },
      program: 'enterpriseAgreement',
      targetTotal: 10,
      plannedDelta: 10,
      secrets: { agreementNumber: { env: 'RDS_EA' } },
    };
    const payload = JSON.stringify({
      kind: 'apply',
      ok: false,
      results: [{ kind: 'installLicenses', status: 'failed', detail: `agreement ${SECRET} refused` }],
      error: { code: 'WINDOWS_ERROR', step: 'install-licenses', message: `agreement ${SECRET} refused`, windowsCode: '0x80041001' },
    });
    const { fake, provider } = await providerWith({ 'ok.corp': { status: 'ok', payload } });
    const response = await provider.apply({ target: { kind: 'host', host: 'ok.corp' }, operations: [install], resolveSecret: async () => SECRET });
    expect(response).toEqual({
      ok: false,
      results: [{ kind: 'installLicenses', status: 'failed', detail: 'agreement *** refused' }],
      error: { code: 'WINDOWS_ERROR', step: 'install-licenses', message: 'agreement *** refused', windowsCode: '0x80041001' },
    });
    expect(JSON.stringify(await fake.argv())).not.toContain(SECRET);
    expect(await fake.stdin()).toContain(SECRET);
  });

  it('batches applies that arrive together into one PowerShell run', async () => {
    const done = JSON.stringify({ kind: 'apply', ok: true, results: [{ kind: 'setLicensingMode', status: 'noop' }] });
    const { fake, provider } = await providerWith({ 'a.corp': { status: 'ok', payload: done }, 'b.corp': { status: 'ok', payload: done } });
    const operations: Operation[] = [{ kind: 'setLicensingMode', mode: 'perUser' }];
    const responses = await Promise.all(
      ['a.corp', 'b.corp'].map((host) => provider.apply({ target: { kind: 'host', host }, operations, resolveSecret: async () => '' })),
    );
    expect(responses.map((r) => r.ok)).toEqual([true, true]);
    const requests = (await fake.stdin()).trim().split('\n').slice(1).map((line) => (JSON.parse(line) as { host: string }).host);
    expect(requests).toEqual(['a.corp', 'b.corp']);
  });
});
