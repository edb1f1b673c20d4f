/**
 * The directory parts of a licence server's discovery on Windows (docs/windows.md, "Directory
 * changes"). Publication in AD is always a manual step. Membership of Terminal Server License
 * Servers is automated only when the spec names `connection.directoryCredential` (ADSI inside
 * the host session); otherwise it is a manual step too.
 *
 * A runnable scope change never waits on a manual step: the manual part is then a plan warning
 * with the steps. A change made only of manual parts is refused, with the steps as its remedy.
 */
import { licenseServerPartAddress } from '../model/address.js';
import type { AttributeChange, Change } from '../model/change.js';
import { licenseServersGroupSteps, numberSteps, publicationSteps } from '../model/directory-manual-steps.js';
import type { LiveLicenseServer } from '../model/live-state.js';
import type { Operation } from '../model/operation.js';
import type { DiscoverySpec } from '../model/spec.js';
import type { DesiredLicenseServer } from './desired-model.js';
import type { DiffContext } from './diff-context.js';

export interface WindowsDirectoryInput {
  desired: DesiredLicenseServer;
  wanted: DiscoverySpec;
  live: LiveLicenseServer;
  ctx: DiffContext;
  /** The scope attribute and operation already planned, if any. */
  attributes: readonly AttributeChange[];
  operations: readonly Operation[];
  hostChange: (attributes: AttributeChange[], operations: Operation[], reason: string) => Change;
}

interface ManualPart {
  attribute?: AttributeChange;
  operation?: Operation;
  what: string;
  steps: string[];
}

export function diffWindowsDirectory(input: WindowsDirectoryInput): Change | undefined {
  const { desired, wanted, live, ctx } = input;
  const attributes = [...input.attributes];
  const operations = [...input.operations];
  const manual: ManualPart[] = [];
  const scopeChanges = live.discovery.scope !== wanted.scope;
  const member = live.discovery.inLicenseServersGroup;
  if (wanted.scope !== 'workgroup') {
    if (ctx.desired.hasDirectoryCredential === true) {
      // setDiscoveryScope ensures membership through ADSI; alone, it changes nothing else.
      if (!scopeChanges && member === false) {
        attributes.push({ name: 'inLicenseServersGroup', before: false, after: true });
        operations.push({ kind: 'setDiscoveryScope', scope: wanted.scope });
      }
    } else if (member === false || (scopeChanges && member !== true)) {
      manual.push({
        ...(member === false ? { attribute: { name: 'inLicenseServersGroup', before: false, after: true }, operation: { kind: 'setDiscoveryScope', scope: wanted.scope } } : {}),
        what: 'adding it to Terminal Server License Servers (no connection.directoryCredential)',
        steps: licenseServersGroupSteps(desired.host),
      });
    }
  }
  const published = live.discovery.publishedInAD;
  // Unknown publication (the directory could not be asked) plans nothing: it is not "unpublished".
  if (wanted.publishInAD !== undefined && published !== undefined && published !== wanted.publishInAD) {
    manual.push({
      attribute: { name: 'publishInAD', before: published, after: wanted.publishInAD },
      operation: { kind: 'setPublishedInAD', published: wanted.publishInAD },
      what: wanted.publishInAD ? 'publishing it in AD' : 'withdrawing its AD publication',
      steps: publicationSteps(desired.host, wanted.publishInAD),
    });
  }
  const what = manual.map((part) => part.what).join(' and ');
  const remedy = `do it by hand: ${numberSteps(manual.flatMap((part) => part.steps))}`;
  if (attributes.length > 0) {
    if (manual.length > 0) {
      ctx.diagnostics.push({
        severity: 'warning',
        code: 'MANUAL_STEP',
        summary: `${desired.host}: ${what} is a manual step on Windows; apply changes the rest`,
        hint: remedy,
        address: licenseServerPartAddress(desired.host, 'discovery'),
      });
    }
    return input.hostChange(attributes, operations, 'session hosts find licence servers through the discovery scope and AD publication');
  }
  const refusedAttributes = manual.flatMap((part) => (part.attribute ? [part.attribute] : []));
  if (refusedAttributes.length === 0) return undefined;
  return {
    ...input.hostChange(refusedAttributes, manual.flatMap((part) => (part.operation ? [part.operation] : [])), 'session hosts find licence servers through AD publication, and per-user CALs are recorded in AD only by members of Terminal Server License Servers'),
    refused: {
      rule: 'manualStep',
      message: `on Windows ${what} is a manual step: remoting credentials do not reach the domain controller`,
      remedy,
    },
  };
}
