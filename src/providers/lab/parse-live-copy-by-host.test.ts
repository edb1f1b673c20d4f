import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createLabFixture, readExampleEstate, type LabFixture } from './fixtures/lab-test-fixture.js';
import type { LabEstate } from './lab-estate.js';
import { loadLiveEstateFile } from './load-estate-file.js';
import { LiveCopyByHostParser } from './parse-live-copy-by-host.js';
import { serializeEstateChunks } from './serialize-estate.js';

function parseInPieces(text: string, size: number): LabEstate | undefined {
  const parser = new LiveCopyByHostParser();
  for (let at = 0; at < text.length; at += size) parser.push(text.slice(at, at + size));
  return parser.end();
}

async function writtenEstate(): Promise<string> {
  const estate = await readExampleEstate();
  // Text that is not ASCII, in a host's own fields.
  const host = estate.hosts[3];
  if (host?.sessionHost) estate.hosts[3] = { ...host, sessionHost: { ...host.sessionHost, ou: 'OU=Zürich – Süd,DC=corp,DC=contoso,DC=com' } };
  return [...serializeEstateChunks(estate)].join('');
}

describe('LiveCopyByHostParser', () => {
  it('gives exactly what JSON.parse gives for the text rdsctl writes, however the text is cut', async () => {
    const text = await writtenEstate();
    for (const size of [1, 5, 64, 4096, text.length]) expect(parseInPieces(text, size)).toEqual(JSON.parse(text));
  });

  it('gives nothing for text laid out otherwise, so the caller parses it whole', async () => {
    const text = await writtenEstate();
    const estate = JSON.parse(text) as LabEstate;
    const cases = {
      compact: JSON.stringify(estate),
      'no hosts': [...serializeEstateChunks({ ...estate, hosts: [] })].join(''),
      truncated: text.slice(0, text.length - 200),
      'a later hosts key': text.replace(/\n}\n$/, ',\n  "hosts": []\n}\n'),
      'hosts indented as JSON.stringify indents them': `${JSON.stringify(estate, null, 2)}\n`,
      'a host over two lines': text.replace(',"os":', ',\n"os":'),
      'a line break before a comma': text.replace('}},\n    {"host"', '}}\n,    {"host"'),
      'a comma after the last host': text.replace('}}\n  ],\n  "gpos"', '}},\n  ],\n  "gpos"'),
      'an empty line between hosts': text.replace('}},\n    {"host"', '}},\n\n    {"host"'),
      'a byte-order mark': `\uFEFF${text}`,
      'an earlier hosts key': text.replace('{\n', '{\n  "hosts": 1,\n'),
      'a hosts key inside the lab settings': text.replace('\n  },\n  "hosts": [\n', ',\n  "hosts": [\n'),
    };
    for (const [name, variant] of Object.entries(cases)) {
      expect([name, variant === text]).toEqual([name, false]);
      expect([name, parseInPieces(variant, 64)]).toEqual([name, undefined]);
    }
  });
});

describe('loadLiveEstateFile', () => {
  let fixture: LabFixture | undefined;
  afterEach(() => fixture?.remove());

  it('reads a live copy written by rdsctl and one reformatted by hand to the same estate, whole or a host at a time', async () => {
    const text = await writtenEstate();
    fixture = await createLabFixture();
    await mkdir(dirname(fixture.paths.live), { recursive: true });
    for (const layout of [text, JSON.stringify(JSON.parse(text), null, 4)]) {
      await writeFile(fixture.paths.live, layout);
      for (const byHostFromBytes of [0, Infinity]) expect(await loadLiveEstateFile(fixture.paths.live, fixture.paths.validated, byHostFromBytes)).toEqual(JSON.parse(text));
    }
  });

  it('validates a copy read a host at a time, and names the host that is wrong', async () => {
    const text = (await writtenEstate()).replace('"os":"windowsServer2022"', '"os":"windows95"');
    fixture = await createLabFixture();
    await mkdir(dirname(fixture.paths.live), { recursive: true });
    await writeFile(fixture.paths.live, text);
    const failure = await loadLiveEstateFile(fixture.paths.live, fixture.paths.validated, 0).catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: 'ESTATE_INVALID' });
    expect((failure as { detail: string }).detail).toMatch(/^.*contoso\.estate\.json: hosts\[0\]\.os must be one of /);
  });
});
