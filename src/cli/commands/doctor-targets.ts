/**
 * The hosts `rdsctl doctor` examines without a spec: `--hosts a,b` or `--inventory FILE`, both in
 * the spec's host-list syntax (ranges such as `rdsh[01:12].corp.contoso.com` included). An
 * inventory file is a YAML list, a mapping with a `hosts` list, or one entry per line.
 */
import { parse } from 'yaml';
import { readRegularTextFile } from '../../io/read-regular-file.js';
import { isValidHostName } from '../../model/host-name.js';
import { isRdsctlError, RdsctlError } from '../../model/rdsctl-error.js';
import { tryExpandHostPattern } from '../../spec/host-range.js';
import { countHostPattern, formatCount, MAX_HOSTS_PER_LIST } from '../../spec/spec-totals.js';

export async function resolveDoctorHosts(options: { hosts?: string; inventory?: string }): Promise<string[]> {
  const entries: { entry: string; from: string }[] = [];
  if (options.hosts !== undefined) {
    for (const entry of options.hosts.split(',')) entries.push({ entry: entry.trim(), from: '--hosts' });
  }
  if (options.inventory !== undefined) {
    for (const entry of await readInventory(options.inventory)) entries.push({ entry, from: options.inventory });
  }
  refuseOverCap(entries);
  const problems: string[] = [];
  const hosts: string[] = [];
  for (const { entry, from } of entries) {
    if (entry === '') continue;
    const expansion = tryExpandHostPattern(entry);
    if (!expansion.ok) {
      problems.push(`${from}: ${entry}: ${expansion.reason}`);
      continue;
    }
    for (const name of expansion.names) {
      if (isValidHostName(name)) hosts.push(name);
      else problems.push(`${from}: ${JSON.stringify(name)} is not a host name`);
    }
  }
  if (problems.length > 0) {
    throw new RdsctlError({ code: 'USAGE', kind: 'user', message: `invalid host list (${problems.length} problem(s))`, detail: problems.join('\n  ') });
  }
  if (hosts.length === 0) throw new RdsctlError({ code: 'USAGE', kind: 'user', message: 'no hosts to examine', hint: 'give --hosts a,b or --inventory FILE, or a spec with -f' });
  return [...new Set(hosts)];
}

/** Counted from the ranges before one name is made, as for a spec (docs/limits.md). */
function refuseOverCap(entries: readonly { entry: string; from: string }[]): void {
  let total = 0;
  for (const { entry } of entries) total += entry === '' ? 0 : countHostPattern(entry);
  if (total <= MAX_HOSTS_PER_LIST) return;
  const sources = [...new Set(entries.map(({ from }) => (from === '--hosts' ? from : `inventory ${from}`)))];
  throw new RdsctlError({
    code: 'USAGE',
    kind: 'user',
    message: `${sources.join(' and ')} ${sources.length > 1 ? 'name' : 'names'} ${formatCount(total)} hosts, more than the limit of ${formatCount(MAX_HOSTS_PER_LIST)} per run`,
    hint: 'split the hosts into several runs; the limits are in docs/limits.md',
  });
}

async function readInventory(file: string): Promise<string[]> {
  let text: string;
  try {
    text = await readRegularTextFile({ file, kind: 'inventory' });
  } catch (error) {
    if (isRdsctlError(error)) throw error;
    throw new RdsctlError({ code: 'USAGE', kind: 'user', message: `cannot read inventory ${file}: ${(error as Error).message}`, cause: error });
  }
  let value: unknown;
  try {
    value = parse(text);
  } catch {
    value = undefined;
  }
  const list = Array.isArray(value) ? value : isHostsMapping(value) ? value.hosts : undefined;
  if (list) return list.map((item) => String(item));
  return text
    .split(/\r?\n/)
    .map((line) => line.replace(/#.*$/, '').trim())
    .filter((line) => line !== '');
}

function isHostsMapping(value: unknown): value is { hosts: unknown[] } {
  return typeof value === 'object' && value !== null && Array.isArray((value as { hosts?: unknown }).hosts);
}
