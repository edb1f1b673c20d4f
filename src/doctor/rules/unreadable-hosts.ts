/**
 * RDSL-HOST-UNREADABLE: hosts rdsctl could not read. Checks that need their state are skipped,
 * and the run still reports on everything else: an unreachable host is a finding, not a failure.
 * A licence server that session hosts list is a warning (their own findings show the impact);
 * any other host is an error, since nothing could be checked on it and "healthy" would mislead.
 */
import { canonicalHostName } from '../../model/host-name.js';
import { buildFinding } from '../build-finding.js';
import type { DoctorRule } from '../doctor-context.js';
import { findingKey, type Finding } from '../finding.js';

export const reportUnreadableHosts: DoctorRule = (context) =>
  context.view.errors.map((error): Finding => {
    const subject = canonicalHostName(error.host);
    const dependents = context.dependentsOf(error.host);
    const rootCause = dependents.find((dependent) => dependent.attempt.block)?.attempt.block?.key;
    return buildFinding({
      id: 'RDSL-HOST-UNREADABLE',
      subject,
      rootCause: rootCause ?? findingKey('RDSL-HOST-UNREADABLE', subject),
      severity: dependents.length > 0 ? 'warning' : 'error',
      title: `rdsctl could not read ${error.host} (${error.code})`,
      hosts: [error.host],
      evidence: [{ host: error.host, item: error.step ? `read (${error.step})` : 'read', value: error.windowsCode ? `${error.message} (${error.windowsCode})` : error.message, source: 'read' }],
      cause: `${error.message}. Checks that need this host's own state were skipped${dependents.length > 0 ? `; ${dependents.length} session host(s) list it` : ''}.`,
      fix: {
        kind: 'manual',
        summary: error.code === 'NOT_FOUND' ? `check the name ${error.host}; if the server was decommissioned, remove it from the lists that name it` : `check that ${error.host} is up and that rdsctl's account can reach it (transport, credentials, firewall)`,
      },
    });
  });
