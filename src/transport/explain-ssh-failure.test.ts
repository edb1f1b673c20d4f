import { describe, expect, it } from 'vitest';
import { explainSshFailure } from './explain-ssh-failure.js';

// Lines as the OpenSSH client writes them (the first two captured from a real run).
const RESOLVE = 'ssh: Could not resolve hostname rdsh01.corp.contoso.com: Name or service not known';
const REFUSED = 'ssh: connect to host 10.0.0.7 port 22: Connection refused';
const DENIED = 'rdsadmin@10.0.0.7: Permission denied (publickey,keyboard-interactive).';

describe('explainSshFailure', () => {
  it('names a failed name resolution for the host whose name it is', () => {
    expect(explainSshFailure(`${REFUSED}\n${RESOLVE}\n`, { address: 'rdsh01.corp.contoso.com', failedHosts: 2 })).toEqual({
      cause: 'nameResolution',
      text: `the name did not resolve (${RESOLVE})`,
      hint: 'check the host name, or map it to an address under connection.addresses',
    });
    expect(explainSshFailure(RESOLVE, { address: 'rdsh011.corp.contoso.com', failedHosts: 1 })).toBeUndefined();
  });

  it('names a refused connection by address and port', () => {
    expect(explainSshFailure(`${RESOLVE}\n${REFUSED}`, { address: '10.0.0.7', failedHosts: 2 })?.cause).toBe('connection');
    expect(explainSshFailure(REFUSED, { address: '10.0.0.70', failedHosts: 1 })).toBeUndefined();
  });

  it('attributes a line that names no host only when one host failed to connect', () => {
    expect(explainSshFailure(DENIED, { address: 'kiosk01.corp.contoso.com', failedHosts: 1 })).toMatchObject({ cause: 'authentication', text: `the host refused the login (${DENIED})` });
    expect(explainSshFailure(DENIED, { address: 'kiosk01.corp.contoso.com', failedHosts: 3 })?.text).toBe(
      `the host refused the login, for this host or another of the 3 that could not connect (${DENIED})`,
    );
  });

  it.each([
    ['No ED25519 host key is known for 10.0.0.7 and you have requested strict checking.', 'hostKey'],
    ['Host key verification failed.', 'hostKey'],
    ['subsystem request failed on channel 0', 'subsystem'],
    ['Warning: Identity file /ci/id_ed25519 not accessible: No such file or directory.', 'keyFile'],
    ["Cannot find path '/ci/id_ed25519' because it does not exist.", 'keyFile'],
  ])('recognises %s', (line, cause) => {
    expect(explainSshFailure(line, { address: '10.0.0.7', failedHosts: 1 })?.cause).toBe(cause);
  });

  it('says nothing about output it does not recognise', () => {
    expect(explainSshFailure('The SSH transport process has abruptly terminated causing this remote session to break.', { address: '10.0.0.7', failedHosts: 1 })).toBeUndefined();
  });
});
