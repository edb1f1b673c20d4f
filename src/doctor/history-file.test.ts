import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LIC01, licenseServer, NOW, readAsLab, sessionHost } from './fixtures/doctor-estate.js';
import { appendHistory, createHistoryEntry, readHistory } from './history-file.js';

describe('the doctor history file', () => {
  it('appends one line of counts per run and reads them back oldest first', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'rdsctl-history-')), 'sub', 'history.jsonl');
    expect(await readHistory(file, NOW)).toEqual([]);
    const entry = createHistoryEntry(readAsLab([licenseServer(LIC01), sessionHost('RDSH01.corp.contoso.com', { grace: 12 })]), NOW);
    expect(entry).toEqual({
      time: NOW,
      pools: { [`${LIC01}|perUser|7`]: { issued: 40, total: 100 }, [`${LIC01}|perDevice|7`]: { issued: 10, total: 50 } },
      grace: { 'rdsh01.corp.contoso.com': 12 },
    });
    await appendHistory(file, { ...entry, time: '2026-11-20T00:00:00.000Z' });
    await appendHistory(file, { ...entry, time: '2026-11-10T00:00:00.000Z' });
    expect(readFileSync(file, 'utf8').trim().split('\n')).toHaveLength(2);
    expect((await readHistory(file, NOW)).map((item) => item.time)).toEqual(['2026-11-10T00:00:00.000Z', '2026-11-20T00:00:00.000Z']);
  });

  it('skips a corrupt line with a warning naming file and line, and keeps the others', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'rdsctl-history-')), 'history.jsonl');
    writeFileSync(file, '{"time":"2026-11-20T00:00:00Z","pools":{}}\nnot json\n{"time":"2026-11-21T00:00:00Z"}\n{"time":"2026-11-22T00:00:00Z","pools":{}}\n');
    const warnings: string[] = [];
    expect((await readHistory(file, NOW, (line) => warnings.push(line))).map((entry) => entry.time)).toEqual(['2026-11-20T00:00:00Z', '2026-11-22T00:00:00Z']);
    expect(warnings).toEqual([
      `warning: ${file}:2: skipped, not a doctor history line (expected one JSON object with "time" and "pools")`,
      `warning: ${file}:3: skipped, not a doctor history line (expected one JSON object with "time" and "pools")`,
    ]);
  });
});
