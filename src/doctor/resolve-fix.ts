/**
 * Turns what a rule knows about a fix into a `Fix`: when the plan for the spec already carries a
 * change at one of the finding's addresses, `rdsctl apply` converges it; a change a guard rail
 * refuses says which policy key would allow it; otherwise the spec change to make or, without a
 * spec or when nothing can be automated, the manual step.
 */
import type { Change } from '../model/change.js';
import { describeAllowance } from '../model/change.js';
import type { Plan } from '../model/plan.js';
import { canonicalHostName } from '../model/host-name.js';
import type { DoctorContext } from './doctor-context.js';
import type { Fix } from './finding.js';
import { applyFixSummary, DESCRIBED_CHANGES, rememberDescribedChanges } from './apply-fix-summary.js';

export interface FixOptions {
  /** Plan addresses whose changes would carry the fix. */
  addresses?: readonly string[];
  /** Only changes of these attributes carry the fix (creating and linking a GPO always count). */
  attributes?: readonly string[];
  /** Session hosts whose pending policy refresh would carry the fix. */
  pendingHosts?: readonly string[];
  /** The spec change to make, when the spec does not declare the fix yet. */
  specChange?: string;
  /** What to do by hand on Windows (used without a spec, and for manual-only fixes). */
  manual: string;
  steps?: readonly string[];
  /** Nothing rdsctl can do: buying CALs, DNS records, phone activation. */
  manualOnly?: boolean;
}

export function resolveFix(context: DoctorContext, options: FixOptions): Fix {
  const steps = options.steps && options.steps.length > 0 ? { steps: options.steps } : {};
  if (options.manualOnly) return { kind: 'manual', summary: options.manual, ...steps };
  const plan = context.input.plan;
  if (plan) {
    const changes = selectChanges(plan, options.addresses ?? []).filter((change) => carriesAttributes(change, options.attributes));
    const runnable = changes.filter((change) => !change.refused);
    if (runnable.length > 0) {
      const descriptions = runnable.slice(0, DESCRIBED_CHANGES).map(describeChange);
      const fix: Fix = { kind: 'apply', summary: applyFixSummary(descriptions, runnable.length), addresses: runnable.map((change) => change.address) };
      return rememberDescribedChanges(fix, descriptions);
    }
    const refused = changes.find((change) => change.refused);
    if (refused?.refused && refused.refused.policyKey === undefined) {
      return { kind: 'manual', summary: `${refused.refused.message} (${refused.address}); ${refused.refused.remedy ?? options.manual}`, ...steps };
    }
    if (refused?.refused) {
      return {
        kind: 'spec',
        summary: `the plan has the fix (${refused.address}) but refuses it: ${refused.refused.message}; ${describeAllowance(refused.refused)} it, or do it by hand: ${options.manual}`,
      };
    }
    const pending = pendingFor(context, options.pendingHosts ?? [], options.attributes);
    if (pending.length > 0) {
      return {
        kind: 'apply',
        summary: `the GPO already carries the fix; ${pending.length === 1 ? 'the host picks' : 'the hosts pick'} it up at the next policy refresh (gpupdate /force), and rdsctl apply verifies it`,
        addresses: pending,
      };
    }
  }
  if (context.input.spec && options.specChange) return { kind: 'spec', summary: `${options.specChange}, then run rdsctl apply`, ...steps };
  return { kind: 'manual', summary: options.manual, ...steps };
}

function describeChange(change: Change): string {
  const attributes = change.attributes.map((attribute) => `${attribute.name} ${formatValue(attribute.before)} → ${formatValue(attribute.after)}`).join(', ');
  return attributes === '' ? change.address : `${change.address} (${attributes})`;
}

function formatValue(value: Change['attributes'][number]['before']): string {
  if (value === null) return '(none)';
  if (Array.isArray(value)) return value.length === 0 ? '[]' : `[${value.join(', ')}]`;
  return String(value);
}

function carriesAttributes(change: Pick<Change, 'attributes'> & Partial<Pick<Change, 'action' | 'resource'>>, attributes: readonly string[] | undefined): boolean {
  if (attributes === undefined || change.action === 'create' || change.resource === 'gpo.link') return true;
  return change.attributes.some((attribute) => attributes.includes(attribute.name));
}

function pendingFor(context: DoctorContext, hosts: readonly string[], attributes: readonly string[] | undefined): string[] {
  if (hosts.length === 0) return [];
  const wanted = new Set(hosts.map(canonicalHostName));
  return (context.input.plan?.pending ?? [])
    .filter((entry) => wanted.has(canonicalHostName(entry.host)) && carriesAttributes(entry, attributes))
    .map((entry) => entry.address);
}

/**
 * Changes selected by any of `addresses` (the address itself or anything under it, as
 * `--target` selects), in plan order. The plan is indexed once by every address that selects
 * each change, so a finding about thousands of hosts costs one lookup per address.
 */
function selectChanges(plan: Plan, addresses: readonly string[]): Change[] {
  if (addresses.length === 0) return [];
  const index = changeIndexOf(plan);
  const selected = new Set<number>();
  for (const address of addresses) for (const position of index.get(normaliseAddress(address)) ?? []) selected.add(position);
  return [...selected].sort((a, b) => a - b).map((position) => plan.changes[position] as Change);
}

const changeIndexes = new WeakMap<Plan, Map<string, number[]>>();

function changeIndexOf(plan: Plan): Map<string, number[]> {
  let index = changeIndexes.get(plan);
  if (index) return index;
  index = new Map();
  plan.changes.forEach((change, position) => {
    for (const selector of selectorsOf(normaliseAddress(change.address))) {
      const list = index!.get(selector) ?? [];
      list.push(position);
      index!.set(selector, list);
    }
  });
  changeIndexes.set(plan, index);
  return index;
}

/** `a[x].b[y]` is selected by `a[x]` and by itself: every prefix ending before a `.` outside brackets. */
function selectorsOf(address: string): string[] {
  const selectors: string[] = [];
  let depth = 0;
  for (let i = 0; i < address.length; i += 1) {
    const character = address[i];
    if (character === '[') depth += 1;
    else if (character === ']') depth -= 1;
    else if (character === '.' && depth === 0) selectors.push(address.slice(0, i));
  }
  selectors.push(address);
  return selectors;
}

/** Host names in addresses compare case-insensitively (as in `isAddressSelectedBy`). */
function normaliseAddress(address: string): string {
  return address.replace(/^(licenseServer|sessionHost)\[([^\]]*)\]/, (_match, kind: string, host: string) => `${kind}[${host.toLowerCase()}]`);
}
