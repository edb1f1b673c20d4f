/**
 * A licence server's live settings as the spec declares them: only what the first plan would
 * find already true, so adopting the estate changes nothing. What rdsctl does not read back
 * (the activation contact) or the spec cannot ask for (a partial firewall rule group) is a
 * comment instead.
 */
import type { LiveHost, LiveLicenseServer } from '../model/live-state.js';
import type { LicenseServerSpec } from '../model/spec.js';
import { exportKeyPacks } from './export-key-packs.js';
import { placeNotes, type ExportNote } from './export-note.js';
import { describeFirewallPolicyHold, effectiveRuleGroup } from '../model/firewall-policy.js';

export interface ExportedLicenseServer {
  server: LicenseServerSpec;
  /** Paths relative to the licence server's entry. */
  notes: ExportNote[];
  warnings: string[];
}

export function exportLicenseServer(host: LiveHost & { licenseServer: LiveLicenseServer }): ExportedLicenseServer {
  const live = host.licenseServer;
  const comments: string[] = [activationComment(live)];
  const server: LicenseServerSpec = { host: host.host, ...(host.os ? { os: host.os } : {}) };
  server.discovery = { scope: live.discovery.scope, ...(live.discovery.publishedInAD !== undefined ? { publishInAD: live.discovery.publishedInAD } : {}) };
  if (live.service.state === 'running' || live.service.state === 'stopped') server.service = live.service.state;
  else comments.push(`The licensing service is ${live.service.state}: declare service: running or stopped once it settles.`);
  // The group in effect is what a plan compares with; Group Policy may hold it.
  const firewall = effectiveRuleGroup(live.firewall);
  const held = describeFirewallPolicyHold(live.firewall, true);
  if (firewall === 'enabled' || firewall === 'disabled') server.firewall = { ruleGroup: firewall };
  else if (held.length > 0) comments.push(`The RD Licensing firewall rule group is ${firewall} in effect because ${held.join('; ')}: enable the rules in that GPO; rdsctl cannot change them.`);
  else comments.push(`The RD Licensing firewall rule group is ${firewall}: declare firewall: { ruleGroup: enabled } to have apply enable all of it.`);
  if (live.accessDenied) comments.push('Windows answered with empty data for lack of rights: read again as a local administrator before trusting this entry.');

  const packs = exportKeyPacks(host.host, live.keyPacks);
  const notes: ExportNote[] = [{ path: [], lines: comments }];
  if (packs.keyPacks.length > 0) {
    server.keyPacks = packs.keyPacks;
    notes.push(...placeNotes(packs.notes, ['keyPacks']));
  } else {
    // Without a list there is no node to put the packs' comments before: they go on the entry.
    comments.push(...packs.notes.flatMap((note) => note.lines));
  }
  return { server, notes, warnings: packs.warnings };
}

function activationComment(live: LiveLicenseServer): string {
  if (live.activation.status === 'activated') {
    return 'Activated. rdsctl reads whether the activation contact is complete, not the contact itself: declare activation: with one for apply to activate a rebuilt server.';
  }
  if (live.activation.status === 'notActivated') {
    return 'Not activated: add activation: { state: activated, method: automatic, contact: … } for apply to activate it (the first plan then shows that change).';
  }
  return 'Activation status could not be read.';
}
