/**
 * Large plans are written as they are rendered (src/cli/write-chunks.ts); what a reader gets
 * through the pipe is still the one document it was: every format of a plan with a thousand
 * changes that do not group, many times the 64 KiB a batch holds.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateEstate } from '../bench/generate-estate.js';
import { runCli } from './support/run-cli.js';

const DISTINCT = 1000;
let cwd = '';

beforeAll(async () => {
  cwd = mkdtempSync(path.join(os.tmpdir(), 'rdsctl-streamed-'));
  await generateEstate(cwd, { hosts: 4000, pools: 4, servers: 2, distinctDrifts: DISTINCT });
});
afterAll(() => rmSync(cwd, { recursive: true, force: true }));

async function succeed(args: string[]): Promise<string> {
  const result = await runCli(args, { cwd });
  expect(result.exitCode, result.stderr).toBe(0);
  return result.stdout;
}

describe('streamed output', () => {
  it('plan --json is one JSON document, byte for byte what JSON.stringify gives, and show FILE --json the same', { timeout: 120_000 }, async () => {
    const json = await succeed(['plan', '--json']);
    expect(json.length).toBeGreaterThan(8 * 64 * 1024);
    const plan = JSON.parse(json) as { changes: Array<{ attributes: Array<{ before: unknown }> }> };
    expect(json).toBe(`${JSON.stringify(plan, null, 2)}\n`);
    expect(plan.changes.filter((change) => JSON.stringify(change.attributes).includes('retired'))).toHaveLength(DISTINCT);
    await succeed(['plan', '--out', 'plan.json']);
    expect(await succeed(['show', 'plan.json', '--json'])).toBe(json);
    const saved = readFileSync(path.join(cwd, 'plan.json'), 'utf8');
    expect(saved).toBe(`${JSON.stringify(JSON.parse(saved), null, 2)}\n`);
  });

  it('plan text holds each distinct change once, and show FILE prints the same plan between its own lines', { timeout: 120_000 }, async () => {
    const text = await succeed(['plan', '--out', 'plan.json']);
    expect(text.length).toBeGreaterThan(3 * 64 * 1024);
    expect(text.match(/^ {10}- "retired\d+\.bench\.example\.com"$/gm)).toHaveLength(DISTINCT);
    expect(text.split('\n\n').at(-1)).toBe('Plan: 0 to create, 1053 to update, 0 to delete, 0 refused. 100 hosts pending policy refresh.\n');
    const shown = await succeed(['show', 'plan.json']);
    expect(shown).toMatch(/^Saved plan plan\.json: made .*\n\n/);
    expect(shown.slice(shown.indexOf('\n\n') + 2)).toBe(`${text}\nNot checked against the estate: rdsctl show plan.json --check re-reads the estate and checks it.\n`);
  });
});
