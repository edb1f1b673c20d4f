import { describe, expect, it } from 'vitest';
import { readExampleEstate } from './fixtures/lab-test-fixture.js';
import type { LabEstate, LabHost } from './lab-estate.js';
import { serializeEstateChunks } from './serialize-estate.js';

function manyHosts(estate: LabEstate, count: number): LabEstate {
  const template = estate.hosts.find((host) => host.sessionHost !== undefined) as LabHost;
  const hosts = Array.from({ length: count }, (_, i) => ({ ...template, host: `rdsh${String(i).padStart(5, '0')}.corp.contoso.com` }));
  return { ...estate, hosts: [...estate.hosts, ...hosts] };
}

describe('serializeEstateChunks', () => {
  it('writes the indented JSON of the estate and a line break, byte for byte', async () => {
    const estate = await readExampleEstate();
    expect([...serializeEstateChunks(estate)].join('')).toBe(`${JSON.stringify(estate, null, 2)}\n`);
    const large = manyHosts(estate, 500);
    expect([...serializeEstateChunks(large)].join('')).toBe(`${JSON.stringify(large, null, 2)}\n`);
  });

  it('gives a host at a time, never the whole estate in one piece', async () => {
    const estate = manyHosts(await readExampleEstate(), 2000);
    const chunks = [...serializeEstateChunks(estate)];
    const longestHost = Math.max(...estate.hosts.map((host) => JSON.stringify(host, null, 2).length));
    expect(chunks.length).toBeGreaterThan(estate.hosts.length);
    expect(Math.max(...chunks.map((chunk) => chunk.length))).toBeLessThan(longestHost * 2);
  });

  it('writes the estate as it was when asked, though hosts and GPOs are replaced while it is written', async () => {
    const estate = manyHosts(await readExampleEstate(), 50);
    const before = `${JSON.stringify(estate, null, 2)}\n`;
    const pieces = serializeEstateChunks(estate)[Symbol.iterator]();
    const text = [pieces.next().value as string];
    estate.hosts[estate.hosts.length - 1] = { ...(estate.hosts[0] as LabHost), host: 'replaced.corp.contoso.com' };
    estate.hosts.push({ ...(estate.hosts[0] as LabHost), host: 'added.corp.contoso.com' });
    estate.gpos.splice(0, estate.gpos.length);
    for (let next = pieces.next(); next.done !== true; next = pieces.next()) text.push(next.value);
    expect(text.join('')).toBe(before);
  });
});
