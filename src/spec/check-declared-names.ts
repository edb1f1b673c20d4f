/**
 * Names that address resources must be unique: licence server hosts, pool names, GPO names
 * and key-pack names within a server. A managed server cannot also be listed as external.
 */
import type { Diagnostic } from '../model/diagnostic.js';
import { canonicalHostName } from '../model/host-name.js';
import { findRepeats, type NamedEntry } from './find-repeats.js';
import { formatSpecPath } from './format-spec-path.js';
import { quoteString } from './quote-value.js';
import { makeReferenceError, type ReferenceContext } from './reference-diagnostic.js';

const foldCase = (name: string): string => name.toLowerCase();

export function checkDeclaredNames(context: ReferenceContext): Diagnostic[] {
  const { spec } = context;
  const servers = (spec.licenseServers ?? []).map((server, i): NamedEntry => ({ name: server.host, path: ['licenseServers', i, 'host'] }));
  const pools = (spec.sessionHostPools ?? []).map((pool, i): NamedEntry => ({ name: pool.name, path: ['sessionHostPools', i, 'name'] }));
  const gpos = (spec.gpos ?? []).map((gpo, i): NamedEntry => ({ name: gpo.name, path: ['gpos', i, 'name'] }));

  const diagnostics = [
    ...reportRepeats(context, findRepeats(servers, canonicalHostName), (name) => `licence server ${name} is declared twice`),
    ...reportRepeats(context, findRepeats(pools, foldCase), (name) => `pool ${name} is declared twice`),
    ...reportRepeats(context, findRepeats(gpos, foldCase), (name) => `GPO ${name} is declared twice`),
  ];
  (spec.licenseServers ?? []).forEach((server, i) => {
    const packs = (server.keyPacks ?? []).map((pack, k): NamedEntry => ({ name: pack.name, path: ['licenseServers', i, 'keyPacks', k, 'name'] }));
    const describe = (name: string): string => `key pack ${name} is declared twice on ${server.host}`;
    diagnostics.push(...reportRepeats(context, findRepeats(packs, foldCase), describe));
  });
  diagnostics.push(...checkExternalServersAreNotManaged(context, servers));
  return diagnostics;
}

function reportRepeats(
  context: ReferenceContext,
  repeats: ReturnType<typeof findRepeats>,
  describe: (quotedName: string) => string,
): Diagnostic[] {
  return repeats.map(({ first, repeat }) =>
    makeReferenceError({
      at: context.locate(repeat.path),
      summary: `${describe(quoteString(repeat.name))} (first at ${formatSpecPath(first.path)})`,
      hint: 'names must be unique (compared ignoring case); rename or remove one',
    }),
  );
}

function checkExternalServersAreNotManaged(context: ReferenceContext, servers: readonly NamedEntry[]): Diagnostic[] {
  const managed = new Map([...servers].reverse().map((server) => [canonicalHostName(server.name), server]));
  const diagnostics: Diagnostic[] = [];
  (context.spec.externalLicenseServers ?? []).forEach((name, i) => {
    const server = managed.get(canonicalHostName(name));
    if (server === undefined) return;
    diagnostics.push(
      makeReferenceError({
        at: context.locate(['externalLicenseServers', i]),
        summary: `licence server ${quoteString(name)} is listed as external but is also managed (${formatSpecPath(server.path)})`,
        hint: 'a server is either managed here (licenseServers) or external (externalLicenseServers); remove one',
      }),
    );
  });
  return diagnostics;
}
