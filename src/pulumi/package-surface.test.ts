/**
 * The package as a Pulumi project installs it: `rdsctl/pulumi` with types, `@pulumi/pulumi` an
 * optional peer, the CLI entry and `bin` unchanged, and no other module of rdsctl importing the
 * Pulumi integration.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../test/support/run-cli.js';

const manifest = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));

function sourceFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(directory, entry.name);
    return entry.isDirectory() ? sourceFiles(full) : entry.name.endsWith('.ts') ? [full] : [];
  });
}

describe('package surface', () => {
  it('declares rdsctl/pulumi with types, an optional peer, and a dev dependency that supports Node 20', () => {
    expect(manifest.bin).toEqual({ rdsctl: 'bin/rdsctl.js' });
    // `default` lets a CommonJS Pulumi program (the usual template) require it on Node 20.19+.
    expect(manifest.exports['./pulumi']).toEqual({ types: './dist/pulumi/index.d.ts', import: './dist/pulumi/index.js', default: './dist/pulumi/index.js' });
    expect(manifest.exports['./pulumi/runtime']).toEqual({ types: './dist/pulumi/provider-runtime.d.ts', import: './dist/pulumi/provider-runtime.js', default: './dist/pulumi/provider-runtime.js' });
    expect(manifest.peerDependencies).toEqual({ '@pulumi/pulumi': '^3.220.0' });
    expect(manifest.peerDependenciesMeta).toEqual({ '@pulumi/pulumi': { optional: true } });
    expect(manifest.devDependencies['@pulumi/pulumi']).toBe('3.248.0');
    expect(manifest.dependencies['@pulumi/pulumi']).toBeUndefined();
    const installed = JSON.parse(readFileSync(path.join(REPO_ROOT, 'node_modules', '@pulumi', 'pulumi', 'package.json'), 'utf8'));
    expect(installed.version).toBe('3.248.0');
    expect(installed.engines.node).toBe('>=20');
  });

  it('resolves rdsctl/pulumi, its runtime and the CLI entry from a project that installed rdsctl', () => {
    for (const file of ['dist/pulumi/index.js', 'dist/pulumi/index.d.ts', 'dist/pulumi/provider-runtime.js', 'dist/pulumi/provider-runtime.d.ts']) {
      expect(existsSync(path.join(REPO_ROOT, file)), `${file} is built`).toBe(true);
    }
    const project = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'rdsctl-consumer-')));
    mkdirSync(path.join(project, 'node_modules'));
    symlinkSync(REPO_ROOT, path.join(project, 'node_modules', 'rdsctl'));
    writeFileSync(path.join(project, 'package.json'), '{ "type": "module" }\n');
    const script = `const pulumi = await import('rdsctl/pulumi');
const runtime = await import('rdsctl/pulumi/runtime');
const cli = await import('rdsctl');
console.log(JSON.stringify({ estate: typeof pulumi.Estate, provider: Object.keys(pulumi.estateResourceProvider).sort(), runtime: ['check', 'diff', 'create', 'read', 'update', 'delete'].map((name) => typeof runtime[name]), main: typeof cli.main }));`;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: project, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual({
      estate: 'function',
      provider: ['check', 'create', 'delete', 'diff', 'read', 'update'],
      runtime: Array(6).fill('function'),
      main: 'function',
    });
    const required = spawnSync(process.execPath, ['--no-warnings', '-e', "console.log(typeof require('rdsctl/pulumi').Estate)"], { cwd: project, encoding: 'utf8' });
    expect(required.stdout.trim()).toBe('function');
  });

  it('keeps the Pulumi integration to src/pulumi: no other module imports it or @pulumi/pulumi', () => {
    const offenders = sourceFiles(path.join(REPO_ROOT, 'src'))
      .filter((file) => !file.startsWith(path.join(REPO_ROOT, 'src', 'pulumi') + path.sep))
      .filter((file) => /from '(@pulumi\/|(\.\.\/)+pulumi\/)/.test(readFileSync(file, 'utf8')));
    expect(offenders).toEqual([]);
  });
});
