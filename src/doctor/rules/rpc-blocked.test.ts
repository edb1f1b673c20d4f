import { describe, expect, it } from 'vitest';
import { doctorInput, LIC01, licenseServer, readAsLab, runRule, sessionHost } from '../fixtures/doctor-estate.js';
import { checkRpcReachable } from './rpc-blocked.js';

describe('RDSL-RPC-BLOCKED', () => {
  it('reports TCP 135 closed between host and server while the server\'s own rule group is enabled', () => {
    const filtered = licenseServer(LIC01, (_server, host) => (host.lab = { rpcOpen: false }));
    const [finding, ...rest] = runRule(checkRpcReachable, doctorInput(readAsLab([filtered, sessionHost('rdsh01.corp.contoso.com')])));
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ key: `RDSL-RPC-BLOCKED:${LIC01}`, severity: 'error', title: `RPC to ${LIC01} is blocked from session hosts` });
    expect(finding?.evidence).toContainEqual({ host: 'rdsh01.corp.contoso.com', item: `TCP 135 to ${LIC01}`, value: 'no answer', source: 'probe' });
    expect(finding?.fix).toMatchObject({ kind: 'manual', summary: `open TCP 135 and TCP 49152–65535 from the session hosts to ${LIC01} on the network firewalls between them` });
  });
});
