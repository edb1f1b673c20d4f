import { describe, expect, it } from 'vitest';
import { readExampleEstate } from './fixtures/lab-test-fixture.js';
import type { LabEstate, LabHost } from './lab-estate.js';
import { serializeEstateChunks } from './serialize-estate.js';

function manyHosts(estate: LabEstate, count: number): LabEstate {
  const template = estate.hosts.find((host) => host.sessionHost !== undefined) as LabHost;
  const hosts = Array.from({ length: count }, (_, i) => ({ ...template, host: `rdsh${String(i).padStart(5, '0')}.corp.contoso.com` }));
  return { ...estate, hosts: [...estate.hosts, ...hosts] };
}

/** The layout, built line by line: top-level keys indented, each list entry compact on a line of its own. */
function expectedText(estate: LabEstate): string {
  const entries = Object.entries(estate);
  const lines = ['{'];
  entries.forEach(([key, value], index) => {
    const comma = index < entries.length - 1 ? ',' : '';
    const items: Array<[string | undefined, unknown]> | undefined = Array.isArray(value)
      ? value.map((item: unknown) => [undefined, item])
      : typeof value === 'object' && value !== null
        ? Object.entries(value)
        : undefined;
    if (items === undefined || items.length === 0) {
      lines.push(`  ${JSON.stringify(key)}: ${JSON.stringify(value)}${comma}`);
      return;
    }
    const [open, close] = Array.isArray(value) ? ['[', ']'] : ['{', '}'];
    lines.push(`  ${JSON.stringify(key)}: ${open}`);
    items.forEach(([name, item], at) => lines.push(`    ${name === undefined ? '' : `${JSON.stringify(name)}: `}${JSON.stringify(item)}${at < items.length - 1 ? ',' : ''}`));
    lines.push(`  ${close}${comma}`);
  });
  lines.push('}');
  return `${lines.join('\n')}\n`;
}

describe('serializeEstateChunks', () => {
  it('writes the top-level keys indented and each host, GPO and error compact on a line of its own, byte for byte', async () => {
    const estate = await readExampleEstate();
    const text = [...serializeEstateChunks(estate)].join('');
    expect(text).toBe(expectedText(estate));
    expect(text.startsWith('{\n  "formatVersion": 1,\n  "lab": {\n    "policyRefresh": "immediate"\n  },\n  "hosts": [\n    {"host":"lic01.corp.contoso.com",')).toBe(true);
    expect(text.split('\n')).toHaveLength(estate.hosts.length + estate.gpos.length + estate.errors.length + 12);
    expect(JSON.parse(text)).toEqual(estate);
    const large = manyHosts(estate, 500);
    expect([...serializeEstateChunks(large)].join('')).toBe(expectedText(large));
  });

  it('gives a host at a time, never the whole estate in one piece', async () => {
    const estate = manyHosts(await readExampleEstate(), 2000);
    const chunks = [...serializeEstateChunks(estate)];
    const longestHost = Math.max(...estate.hosts.map((host) => JSON.stringify(host).length));
    expect(chunks.length).toBeGreaterThan(estate.hosts.length);
    expect(Math.max(...chunks.map((chunk) => chunk.length))).toBeLessThan(longestHost * 2);
  });

  it('writes the estate as it was when asked, though hosts and GPOs are replaced while it is written', async () => {
    const estate = manyHosts(await readExampleEstate(), 50);
    const before = expectedText(estate);
    const pieces = serializeEstateChunks(estate)[Symbol.iterator]();
    const text = [pieces.next().value as string];
    estate.hosts[estate.hosts.length - 1] = { ...(estate.hosts[0] as LabHost), host: 'replaced.corp.contoso.com' };
    estate.hosts.push({ ...(estate.hosts[0] as LabHost), host: 'added.corp.contoso.com' });
    estate.gpos.splice(0, estate.gpos.length);
    for (let next = pieces.next(); next.done !== true; next = pieces.next()) text.push(next.value);
    expect(text.join('')).toBe(before);
  });
});
