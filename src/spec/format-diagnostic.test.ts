import { describe, expect, it } from 'vitest';
import { formatDiagnosticLine } from './format-diagnostic.js';

describe('formatDiagnosticLine', () => {
  it('prints file, line, column, path and summary', () => {
    const line = formatDiagnosticLine({
      severity: 'error',
      code: 'SPEC_SCHEMA',
      summary: 'expected an integer, got "many"',
      hint: 'not printed here',
      source: { file: 'rds.yaml', line: 3, column: 15, path: 'licenseServers[0].keyPacks[1].quantity' },
    });
    expect(line).toBe('rds.yaml:3:15: licenseServers[0].keyPacks[1].quantity: expected an integer, got "many"');
  });

  it('leaves out a missing path', () => {
    const line = formatDiagnosticLine({ severity: 'error', code: 'SPEC_EMPTY', summary: 'the file is empty', source: { file: 'C:\\specs\\rds.yaml', line: 1, column: 1 } });
    expect(line).toBe('C:\\specs\\rds.yaml:1:1: the file is empty');
  });

  it('prints only the summary without a source', () => {
    expect(formatDiagnosticLine({ severity: 'warning', code: 'X', summary: 'something' })).toBe('something');
  });
});
