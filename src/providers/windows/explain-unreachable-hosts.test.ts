import { describe, expect, it } from 'vitest';
import type { HostError } from '../../model/live-state.js';
import type { HostTarget } from '../../transport/host-target.js';
import { explainUnreachableHosts } from './explain-unreachable-hosts.js';

const ABRUPT = 'cannot reach kiosk01.corp.contoso.com: The SSH client session has ended with error message: The SSH transport process has abruptly terminated causing this remote session to break.';

describe('explainUnreachableHosts', () => {
  const targets: Record<string, HostTarget> = {
    'kiosk01.corp.contoso.com': { transport: 'psrp-ssh', address: '10.0.0.7' },
    'kiosk02.corp.contoso.com': { transport: 'psrp-ssh', address: 'kiosk02.corp.contoso.com' },
  };
  const targetOf = (host: string): HostTarget => targets[host] as HostTarget;

  it('replaces the transport message with the cause and what to set, naming the address used', () => {
    const errors: HostError[] = [
      { host: 'kiosk01.corp.contoso.com', code: 'HOST_UNREACHABLE', step: 'read-host', message: ABRUPT },
      { host: 'kiosk02.corp.contoso.com', code: 'READ_FAILED', step: 'read-host', message: 'WMI said no' },
    ];
    const explained = explainUnreachableHosts(errors, 'ssh: connect to host 10.0.0.7 port 22: Connection timed out', targetOf);
    expect(explained[0]?.message).toBe(
      'cannot reach kiosk01.corp.contoso.com over SSH at 10.0.0.7: no SSH server accepted the connection (ssh: connect to host 10.0.0.7 port 22: Connection timed out). Hint: check that OpenSSH Server runs on the host, that connection.port is its port, and that a firewall lets it through',
    );
    expect(explained[1]).toBe(errors[1]);
  });

  it('keeps the message when the output explains nothing', () => {
    const errors: HostError[] = [{ host: 'kiosk01.corp.contoso.com', code: 'HOST_UNREACHABLE', message: ABRUPT }];
    expect(explainUnreachableHosts(errors, '', targetOf)).toEqual(errors);
  });
});
