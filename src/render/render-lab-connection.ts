/**
 * The answer of `rdsctl lab connect`: whether the simulated session gets a CAL and from which
 * licence server, or the exact refusal message a client would see, and why.
 */
import { describePool } from '../doctor/cal-pools.js';
import type { LabConnection } from '../lab-sim/connect-to-lab.js';
import type { AttemptReport, ConnectionRequest } from '../lab-sim/simulate-connection.js';

export function renderLabConnectionText(connection: LabConnection, request: ConnectionRequest, options: { dryRun: boolean; specFile: string }): string {
  const { outcome, consumed } = connection;
  const who = `${outcome.host}, ${request.client.kind} ${request.client.name}`;
  const lines: string[] = [];
  switch (outcome.decision) {
    case 'issued': {
      const pool = `${describePool(outcome.pool)}, ${outcome.pool.issued} of ${outcome.pool.total} issued before this one`;
      const via = outcome.viaDiscovery ? ' (found through AD discovery)' : '';
      lines.push(
        consumed?.alreadyHeld
          ? `${who}: already holds a CAL from ${outcome.server} (key pack ${consumed.keyPackId}${consumed.licenseId === undefined ? '' : `, licence ${consumed.licenseId}`}); nothing consumed, key pack ${consumed.keyPackId} still has ${consumed.issued} of ${consumed.total} issued.`
          : consumed
          ? `${who}: issued a CAL from ${outcome.server}${via} (${pool}); key pack ${consumed.keyPackId} now has ${consumed.issued} of ${consumed.total} issued.`
          : `${who}: a CAL would be issued by ${outcome.server}${via} (${pool}).`,
      );
      lines.push(...renderAttempts(outcome.attempts), ...renderNotes(outcome.notes));
      if (options.dryRun) lines.push('Dry run: no CAL was consumed.');
      break;
    }
    case 'grace':
      lines.push(`${who}: admitted without a CAL, only because the grace period has ${outcome.daysLeft} day(s) left.`, 'No licence server can license this host:');
      lines.push(...outcome.reasons.map((reason) => `  - ${reason}`), ...renderAttempts(outcome.attempts), ...renderNotes(outcome.notes));
      lines.push(`When the grace period ends, this session will be refused. Run rdsctl doctor -f ${options.specFile} for the fix.`);
      break;
    case 'refused':
      lines.push(`${who}: refused.`, outcome.message, 'Why:', ...outcome.reasons.map((reason) => `  - ${reason}`));
      lines.push(...renderAttempts(outcome.attempts), ...renderNotes(outcome.notes));
      lines.push(`Run rdsctl doctor -f ${options.specFile} for the root cause and its fix.`);
      break;
    case 'temporary':
      lines.push(
        outcome.firstTime
          ? `${who}: ${connection.temporaryIssued ? 'issued' : 'would be issued'} a temporary per-device licence by ${outcome.server}, valid until ${outcome.expiresAt} (a device's first sign-in; it gets no second one).`
          : `${who}: admitted on its temporary per-device licence from ${outcome.server}, valid until ${outcome.expiresAt}.`,
        'No licence server can issue it a permanent CAL:',
        ...outcome.reasons.map((reason) => `  - ${reason}`),
        ...renderAttempts(outcome.attempts),
        ...renderNotes(outcome.notes),
        `When the temporary licence expires, this device will be refused. Run rdsctl doctor -f ${options.specFile} for the fix.`,
      );
      if (options.dryRun && outcome.firstTime) lines.push('Dry run: no licence was issued.');
      break;
    case 'noCalNeeded':
      lines.push(`${who}: no CAL needed.`, ...renderNotes(outcome.notes));
      break;
    case 'unavailable':
      lines.push(`${who}: cannot connect: ${outcome.reason}.`);
      break;
  }
  return `${lines.join('\n')}\n`;
}

export function renderLabConnectionJson(connection: LabConnection, request: ConnectionRequest, options: { dryRun: boolean }): string {
  const { outcome, consumed } = connection;
  const document = {
    formatVersion: 1,
    client: request.client,
    dryRun: options.dryRun,
    ...outcome,
    ...(outcome.decision === 'issued' ? { pool: { type: outcome.pool.type, product: outcome.pool.product ?? null, productVersionId: outcome.pool.productVersionId, total: outcome.pool.total, issued: outcome.pool.issued } } : {}),
    ...(consumed ? { consumed: { server: consumed.host.host, keyPackId: consumed.keyPackId, issued: consumed.issued, total: consumed.total, alreadyHeld: consumed.alreadyHeld, ...(consumed.licenseId === undefined ? {} : { licenseId: consumed.licenseId }) } } : {}),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

function renderAttempts(attempts: readonly AttemptReport[]): string[] {
  if (attempts.length === 0) return ['Licence servers tried: none (the host lists none and AD discovery finds none).'];
  return ['Licence servers tried, in order:', ...attempts.map((attempt, index) => `  ${index + 1}. ${attempt.server}: ${attempt.outcome}${attempt.detail ? ` (${attempt.detail})` : ''}`)];
}

function renderNotes(notes: readonly string[]): string[] {
  return notes.map((note) => `Note: ${note}`);
}
