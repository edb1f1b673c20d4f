import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { EXAMPLE_ESTATE_FILE } from './fixtures/lab-test-fixture.js';
import type { LabEstate } from './lab-estate.js';
import { serializeEstate } from './serialize-estate.js';

describe('serializeEstate', () => {
  it('writes the text JSON.stringify gives with two-space indent and a final newline', () => {
    const estate = parse(readFileSync(EXAMPLE_ESTATE_FILE, 'utf8')) as LabEstate;
    expect([...serializeEstate(estate)].join('')).toBe(`${JSON.stringify(estate, null, 2)}\n`);
  });

  it('comes in pieces, none of them the whole of a large estate', () => {
    const estate = parse(readFileSync(EXAMPLE_ESTATE_FILE, 'utf8')) as LabEstate;
    const large: LabEstate = { ...estate, hosts: Array.from({ length: 2_000 }, (_, i) => ({ ...estate.hosts[0]!, host: `rdsh${i}.corp.contoso.com` })) };
    const pieces = [...serializeEstate(large)];
    expect(pieces.join('')).toBe(`${JSON.stringify(large, null, 2)}\n`);
    expect(pieces.length).toBeGreaterThan(1);
  });
});
