import { describe, expect, it } from 'vitest';
import { GPO, liveState, LOCAL_HOST, LS } from '../../test/fixtures/engine-fixtures.js';
import { createMemoryProvider } from '../../test/fixtures/memory-provider.js';
import { SharedReads } from './shared-reads.js';

const GPO_REF = { name: GPO, domain: 'corp.contoso.com' };

function counting() {
  const provider = createMemoryProvider(liveState((state) => state.errors.push({ host: 'down.corp.contoso.com', code: 'HOST_UNREACHABLE', message: 'no route' })));
  const requests: string[][] = [];
  const read = provider.read.bind(provider);
  provider.read = (request) => {
    requests.push([...request.hosts, ...request.gpos.map((gpo) => `gpo:${gpo.name}`)]);
    return read(request);
  };
  return { provider, requests };
}

describe('SharedReads', () => {
  it('batches requests made together into one provider read, each host once', async () => {
    const { provider, requests } = counting();
    const reads = new SharedReads(provider, 10);
    const [a, b, c] = await Promise.all([reads.get([LS], []), reads.get([LOCAL_HOST, LS.toUpperCase()], [GPO_REF]), reads.get([LOCAL_HOST], [])]);
    expect(requests).toEqual([[LS, LOCAL_HOST, `gpo:${GPO}`]]);
    expect(a.hosts.map((host) => host.host)).toEqual([LS]);
    expect(b.hosts.map((host) => host.host)).toEqual([LOCAL_HOST, LS]);
    expect(b.gpos.map((gpo) => gpo.name)).toEqual([GPO]);
    expect(c.hosts.map((host) => host.host)).toEqual([LOCAL_HOST]);
    expect(reads.statistics).toEqual({ calls: 1, hostReads: 2, gpoReads: 1 });
  });

  it('serves later requests from what was read, and reads again only on refresh', async () => {
    const { provider, requests } = counting();
    const reads = new SharedReads(provider, 10);
    await reads.get([LS], []);
    provider.state.hosts[0]!.licenseServer!.firewall.ruleGroup = 'disabled';
    expect((await reads.get([LS], [])).hosts[0]?.licenseServer?.firewall.ruleGroup).toBe('enabled');
    expect((await reads.refresh([LS], [])).hosts[0]?.licenseServer?.firewall.ruleGroup).toBe('disabled');
    expect((await reads.get([LS], [])).hosts[0]?.licenseServer?.firewall.ruleGroup).toBe('disabled');
    expect(requests).toEqual([[LS], [LS]]);
  });

  it('keeps a read error as the host\'s answer, and a host nobody returned as absent', async () => {
    const { provider, requests } = counting();
    const reads = new SharedReads(provider, 10);
    const first = await reads.get(['down.corp.contoso.com', 'ghost.corp.contoso.com'], []);
    expect(first).toEqual({ formatVersion: 1, hosts: [], gpos: [], errors: [{ host: 'down.corp.contoso.com', code: 'HOST_UNREACHABLE', message: 'no route' }] });
    await reads.get(['down.corp.contoso.com', 'ghost.corp.contoso.com'], []);
    expect(requests).toHaveLength(1);
  });
});
