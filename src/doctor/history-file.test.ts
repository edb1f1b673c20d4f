import { lstatSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LIC01, licenseServer, NOW, readAsLab, sessionHost } from './fixtures/doctor-estate.js';
import { createHistoryEntry, readHistory, recordHistory } from './history-file.js';

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
    await recordHistory(file, { ...entry, time: '2026-11-20T00:00:00.000Z' });
    await recordHistory(file, { ...entry, time: '2026-11-10T00:00:00.000Z' });
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

  it('writes a format version on every line, and reads lines written before it existed as version 1', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'rdsctl-history-'));
    const file = join(directory, 'history.jsonl');
    writeFileSync(file, '{"time":"2026-11-20T00:00:00Z","pools":{"a|perUser|7":{"issued":1,"total":9}}}\n');
    await recordHistory(file, { time: NOW, pools: { 'a|perUser|7': { issued: 2, total: 9 } }, grace: { 'rdsh01.corp.contoso.com': 3 } });
    expect(readFileSync(file, 'utf8')).toBe(
      '{"time":"2026-11-20T00:00:00Z","pools":{"a|perUser|7":{"issued":1,"total":9}}}\n' +
        `{"formatVersion":1,"time":"${NOW}","pools":{"a|perUser|7":{"issued":2,"total":9}},"grace":{"rdsh01.corp.contoso.com":3}}\n`,
    );
    expect((await readHistory(file, NOW)).map((entry) => entry.pools['a|perUser|7']!.issued)).toEqual([1, 2]);
    expect(readdirSync(directory)).toEqual(['history.jsonl']);
  });

  it('skips a line of a newer format with a warning, and keeps it when the file is thinned', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'rdsctl-history-')), 'history.jsonl');
    const newer = '{"formatVersion":2,"time":"2026-11-20T00:00:00Z","counts":[]}';
    writeFileSync(file, `${newer}\n{"formatVersion":1,"time":"2025-01-01T00:00:00Z","pools":{}}\n`);
    const warnings: string[] = [];
    expect(await readHistory(file, NOW, (line) => warnings.push(line))).toEqual([]);
    expect(warnings).toEqual([`warning: ${file}:1: skipped, history format 2 is newer than this rdsctl reads (1); the line is kept`]);
    await recordHistory(file, { time: NOW, pools: {} });
    expect(readFileSync(file, 'utf8')).toBe(`${newer}\n{"formatVersion":1,"time":"${NOW}","pools":{}}\n`);
  });

  it('starts a new line after a torn last line, and drops corrupt lines with a warning when it rewrites', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'rdsctl-history-')), 'history.jsonl');
    writeFileSync(file, '{"formatVersion":1,"time":"2026-11-20T00:00:00Z","pools":{}}\n{"formatVersion":1,"ti');
    await recordHistory(file, { time: NOW, pools: {} });
    expect(readFileSync(file, 'utf8').split('\n')).toEqual(['{"formatVersion":1,"time":"2026-11-20T00:00:00Z","pools":{}}', '{"formatVersion":1,"ti', `{"formatVersion":1,"time":"${NOW}","pools":{}}`, '']);
    const warnings: string[] = [];
    // 403 days after the first sample, it is dropped: the file is rewritten.
    await recordHistory(file, { time: '2027-12-28T00:00:00.000Z', pools: {} }, { warn: (line) => warnings.push(line) });
    expect(warnings).toEqual([`warning: ${file}:2: dropped while thinning the history, not a doctor history line`]);
    expect(readFileSync(file, 'utf8')).toBe(`{"formatVersion":1,"time":"${NOW}","pools":{}}\n{"formatVersion":1,"time":"2027-12-28T00:00:00.000Z","pools":{}}\n`);
  });
});

describe('a doctor history path that is a symbolic link', () => {
  it('is rewritten through the link: the target gets the thinned file atomically, the link stays a link', async () => {
    const shared = mkdtempSync(join(tmpdir(), 'rdsctl-history-target-'));
    const target = join(shared, 'history.jsonl');
    const linkDirectory = mkdtempSync(join(tmpdir(), 'rdsctl-history-link-'));
    const link = join(linkDirectory, 'history.jsonl');
    // A line older than the 400 days kept: the next record thins the file, rewriting it.
    writeFileSync(target, '{"formatVersion":1,"time":"2025-01-01T00:00:00Z","pools":{}}\n');
    symlinkSync(target, link);
    await recordHistory(link, { time: NOW, pools: {} });
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readlinkSync(link)).toBe(target);
    expect(readFileSync(target, 'utf8')).toBe(`{"formatVersion":1,"time":"${NOW}","pools":{}}\n`);
    // The lock and the temporary file were beside the target, and are gone.
    expect(readdirSync(shared)).toEqual(['history.jsonl']);
    expect(readdirSync(linkDirectory)).toEqual(['history.jsonl']);
    // An append goes through the link too.
    await recordHistory(link, { time: '2026-12-02T00:00:00.000Z', pools: {} });
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readFileSync(target, 'utf8').trim().split('\n')).toHaveLength(2);
  });

  it('a dangling link creates its target, and stays a link', async () => {
    const shared = mkdtempSync(join(tmpdir(), 'rdsctl-history-target-'));
    const link = join(mkdtempSync(join(tmpdir(), 'rdsctl-history-link-')), 'history.jsonl');
    symlinkSync(join(shared, 'new', 'history.jsonl'), link);
    await recordHistory(link, { time: NOW, pools: {} });
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(shared, 'new', 'history.jsonl'), 'utf8')).toBe(`{"formatVersion":1,"time":"${NOW}","pools":{}}\n`);
  });
});
