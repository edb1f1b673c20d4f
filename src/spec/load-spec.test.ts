import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isRdsctlError, type RdsctlError } from '../model/rdsctl-error.js';
import { BASE_SPEC, editSpec } from './fixtures/base-spec.js';
import { catchRdsctlError, collectProblems } from './fixtures/collect-problems.js';
import { loadSpec, parseSpecText } from './load-spec.js';

const EXAMPLE_PATH = fileURLToPath(new URL('../../examples/contoso/rds.yaml', import.meta.url));
const F = 'specs/rds.yaml';
const KIOSK_SERVERS_LINE = '    licenseServers: [lic02.corp.contoso.com, lic01.corp.contoso.com]';
const KIOSK_SERVERS_TYPO = '    licenseServers: [lic02.corp.contoso.com, lic1.corp.contoso.com]';

describe('parseSpecText', () => {
  it('accepts the base spec', () => {
    expect(collectProblems(BASE_SPEC)).toEqual([]);
  });

  it('reports every problem of a spec at once, in line order', () => {
    const text = editSpec(
      ['gpo: "RDS Licensing - Finance" }', 'gpo: "RDS Licensing - Finance", extra: 1 }'],
      ['deployment: contoso', 'deployment: "con toso"'],
      ['quantity: 250', 'quantity: many'],
      ['type: perDevice', 'type: perDevise'],
      ['    licensingMode: perDevice\n', ''],
    );
    expect(collectProblems(text)).toEqual([
      `${F}:2:13: deployment: expected a short identifier (letters, digits, "-", "_", "."), got "con toso"`,
      `${F}:25:19: licenseServers[0].keyPacks[0].quantity: expected an integer, got "many"`,
      `${F}:30:15: licenseServers[0].keyPacks[1].type: expected one of perUser, perDevice, got "perDevise"`,
      `${F}:38:53: sessionHostPools[0].configuredBy.extra: unknown key "extra"`,
      `${F}:39:5: sessionHostPools[1]: missing required key "licensingMode" (needed when configuredBy is local)`,
    ]);
  });

  it('reports cross-reference problems in the same run as schema problems', () => {
    const text = editSpec(['quantity: 250', 'quantity: many'], ['    licenseServers: [lic02.corp.contoso.com, lic01.corp.contoso.com]', '    licenseServers: [lic02.corp.contoso.com, lic1.corp.contoso.com]']);
    expect(collectProblems(text)).toEqual([
      `${F}:25:19: licenseServers[0].keyPacks[0].quantity: expected an integer, got "many"`,
      `${F}:44:46: sessionHostPools[1].licenseServers[1]: licence server "lic1.corp.contoso.com" used by pool "kiosks" is not declared (did you mean "lic01.corp.contoso.com"?)`,
    ]);
  });

  it('leaves out reference conclusions a schema error could have caused', () => {
    // A broken licence-server host makes every reference to that server look undeclared, and
    // a broken key pack would make CAL coverage look short: neither is reported.
    const brokenHost = editSpec(['host: lic02.corp.contoso.com', 'host: "lic02; rm"']);
    expect(collectProblems(brokenHost)).toHaveLength(1);
    const brokenPack = editSpec(['type: perDevice', 'type: perDevise']);
    expect(collectProblems(brokenPack)).toEqual([`${F}:30:15: licenseServers[0].keyPacks[1].type: expected one of perUser, perDevice, got "perDevise"`]);
    // A wrong apiVersion means the file follows other rules: it is reported alone.
    expect(collectProblems(editSpec(['apiVersion: rdsctl/v1', 'apiVersion: rdsctl/v9'], [KIOSK_SERVERS_LINE, KIOSK_SERVERS_TYPO]))).toHaveLength(1);
  });

  it('throws one SPEC_INVALID user error that counts the problems', () => {
    const error = catchRdsctlError(() => parseSpecText(editSpec(['quantity: 250', 'quantity: x'], ['quantity: 50', 'quantity: y']), F, '/work/specs'));
    expect(error.code).toBe('SPEC_INVALID');
    expect(error.kind).toBe('user');
    expect(error.message).toBe('specs/rds.yaml: 2 problems found');
    expect(error.diagnostics.map((d) => [d.severity, d.code])).toEqual([
      ['error', 'SPEC_SCHEMA'],
      ['error', 'SPEC_SCHEMA'],
    ]);
  });

  it('names the file as given, Windows paths included', () => {
    expect(collectProblems(editSpec(['quantity: 250', 'quantity: many']), 'C:\\specs\\rds.yaml')).toEqual([
      'C:\\specs\\rds.yaml:25:19: licenseServers[0].keyPacks[0].quantity: expected an integer, got "many"',
    ]);
  });

  it('keeps backslashes in secret file references', () => {
    const text = editSpec(
      ['{ file: ./secrets/lab-agreement-number.txt }', "{ file: 'C:\\secrets\\ea.txt' }"],
      ['{ env: RDS_EA_NUMBER }', '{ file: .\\secrets\\ea.txt }'],
    );
    const packs = parseSpecText(text, F, '/work/specs').spec.licenseServers?.[0]?.keyPacks ?? [];
    expect(packs.map((pack) => pack.agreementNumber)).toEqual([{ file: 'C:\\secrets\\ea.txt' }, { file: '.\\secrets\\ea.txt' }]);
  });

  it('reads CRLF line endings and a byte-order mark with the same positions', () => {
    const text = `\ufeff${editSpec(['quantity: 250', 'quantity: many']).replace(/\n/g, '\r\n')}`;
    expect(collectProblems(text)).toEqual([`${F}:25:19: licenseServers[0].keyPacks[0].quantity: expected an integer, got "many"`]);
  });

  it('locates values by path, or their nearest parent', () => {
    const loaded = parseSpecText(BASE_SPEC, F, '/work/specs');
    expect(loaded.locate(['sessionHostPools', 1, 'licenseServers', 1])).toEqual({
      file: F,
      line: 44,
      column: 46,
      path: 'sessionHostPools[1].licenseServers[1]',
    });
    expect(loaded.locate(['licenseServers', 1, 'keyPacks'])).toEqual({ file: F, line: 32, column: 5, path: 'licenseServers[1].keyPacks' });
    expect(loaded.directory).toBe('/work/specs');
  });
});


describe('loadSpec', () => {
  it('loads the Contoso example with no problems', async () => {
    const loaded = await loadSpec(EXAMPLE_PATH);
    expect(loaded.spec.deployment).toBe('contoso');
    expect(loaded.directory).toBe(dirname(EXAMPLE_PATH));
    expect(loaded.locate(['gpos', 0, 'name']).path).toBe('gpos[0].name');
  });

  it('loads a CRLF copy of the example', async () => {
    const file = writeTemp('rds.yaml', readFileSync(EXAMPLE_PATH, 'utf8').replace(/\n/g, '\r\n'));
    const loaded = await loadSpec(file);
    expect(loaded.spec.sessionHostPools?.map((pool) => pool.name)).toEqual(['finance', 'kiosks']);
  });

  it('says where it looked for a missing file', async () => {
    const error = await catchAsyncError(() => loadSpec(join(tmpdir(), 'no-such-dir-rdsctl', 'rds.yaml')));
    expect(error.code).toBe('SPEC_NOT_FOUND');
    expect(error.kind).toBe('user');
    expect(error.message).toMatch(/no-such-dir-rdsctl\/rds\.yaml: no such file$/);
    expect(error.hint).toBe('rdsctl looks for ./rds.yaml; pass -f PATH');
  });

  it('reads DIR/rds.yaml for a directory', async () => {
    const loaded = await loadSpec(dirname(EXAMPLE_PATH));
    expect(loaded.file).toBe(join(dirname(EXAMPLE_PATH), 'rds.yaml'));
    expect(loaded.spec.deployment).toBe('contoso');
  });

  it('names DIR/rds.yaml when a directory holds no spec', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'rdsctl-empty-'));
    const error = await catchAsyncError(() => loadSpec(directory));
    expect([error.code, error.message]).toEqual(['SPEC_NOT_FOUND', `${join(directory, 'rds.yaml')}: no such file`]);
  });

  it('refuses a binary file, naming the line', async () => {
    const file = writeTemp('binary.yaml', Buffer.from([0x61, 0x3a, 0x20, 0x31, 0x0a, 0x62, 0x3a, 0x20, 0xc3, 0x28, 0x0a]));
    const error = await catchAsyncError(() => loadSpec(file));
    expect(error.message).toBe(`${file}: 1 problem found`);
    expect(error.diagnostics.map((d) => [d.code, d.summary, d.source?.line, d.source?.column])).toEqual([
      ['SPEC_ENCODING', 'the file is not valid UTF-8 text; it looks binary, not a YAML spec', 2, 4],
    ]);
  });

  it('refuses a UTF-16 file with advice', async () => {
    const file = writeTemp('utf16.yaml', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('apiVersion: rdsctl/v1\n', 'utf16le')]));
    const error = await catchAsyncError(() => loadSpec(file));
    expect(error.diagnostics.map((d) => [d.summary, d.hint])).toEqual([
      ['the file is UTF-16 text; expected UTF-8', 'save the file as UTF-8 (in Notepad: Save As, Encoding: UTF-8)'],
    ]);
  });
});


function writeTemp(name: string, content: string | Buffer): string {
  const file = join(mkdtempSync(join(tmpdir(), 'rdsctl-spec-')), name);
  writeFileSync(file, content);
  return file;
}

async function catchAsyncError(run: () => Promise<unknown>): Promise<RdsctlError> {
  try {
    await run();
  } catch (error) {
    if (isRdsctlError(error)) return error;
    throw error;
  }
  throw new Error('expected an RdsctlError');
}

