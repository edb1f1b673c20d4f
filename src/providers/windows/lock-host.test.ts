import { describe, expect, it } from 'vitest';
import type { ConnectionSpec } from '../../model/spec.js';
import { lockHostOf } from './lock-host.js';

const connection: ConnectionSpec = { provider: 'windows' };
const servers = (...hosts: string[]) => hosts.map((host) => ({ host }) as never);

describe('lockHostOf', () => {
  it('is the first licence server in sorted order, whatever order the spec lists them in', () => {
    expect(lockHostOf({ connection, licenseServers: servers('LIC02.corp.contoso.com', 'lic01.corp.contoso.com.') })).toBe('lic01.corp.contoso.com');
  });

  it('is connection.lockHost when set, and nothing when the spec declares no licence server', () => {
    expect(lockHostOf({ connection: { ...connection, lockHost: 'lic09.corp.contoso.com' }, licenseServers: servers('lic01.corp.contoso.com') })).toBe('lic09.corp.contoso.com');
    expect(lockHostOf({ connection })).toBeUndefined();
  });
});
