/**
 * Settles Get-RdsSshStreamEncoding, which only the client can: the host reports the encodings its
 * console uses and echoes the request's probe text in its answer; over the ssh transport that
 * answer came back through the host's stdout, decoded as SSH_STDOUT_ENCODING. The fact held
 * only if the probe text arrived intact on stdin, the host encodes stdout as the transport
 * decodes it, and the echo came back as sent.
 */
import type { CheckedAssumption } from '../../model/conformance-report.js';
import { SSH_STDOUT_ENCODING } from '../../transport/run-ssh-host.js';

export const STREAM_FACT = 'Get-RdsSshStreamEncoding';

/** What the host reports beside its assumptions (Get-RdsSshStreamReport in conformance-check.ps1). */
export interface SshStreamReport {
  inputEncoding: string;
  outputEncoding: string;
  stdinIntact: boolean;
  echo: string;
}

export function isSshStreamReport(value: unknown): value is SshStreamReport {
  const report = value as Partial<SshStreamReport> | null;
  return (
    typeof report === 'object' && report !== null &&
    typeof report.inputEncoding === 'string' && typeof report.outputEncoding === 'string' && typeof report.stdinIntact === 'boolean' && typeof report.echo === 'string'
  );
}

export function settleSshStreams(
  assumptions: readonly CheckedAssumption[],
  settle: { transport: string; streams: unknown; probeText: string },
): CheckedAssumption[] {
  return assumptions.map((assumption) => {
    if (assumption.fact !== STREAM_FACT || assumption.status === 'notApplicable') return assumption;
    if (settle.transport !== 'ssh') {
      return { ...assumption, status: 'notApplicable', observed: `reached through the ${settle.transport} transport, not the ssh transport's stdin and stdout` };
    }
    if (!isSshStreamReport(settle.streams)) return { ...assumption, status: 'unknown', observed: 'the host did not report its console encodings' };
    const { streams } = settle;
    const encodings = `console input encoding ${streams.inputEncoding}, output encoding ${streams.outputEncoding}; rdsctl writes stdin and decodes stdout as ${SSH_STDOUT_ENCODING}`;
    const problems: string[] = [];
    if (!streams.stdinIntact) problems.push('the probe text arrived altered on stdin');
    if (streams.outputEncoding.toLowerCase() !== SSH_STDOUT_ENCODING) problems.push(`stdout is encoded as ${streams.outputEncoding}`);
    if (streams.echo !== settle.probeText) problems.push(`the probe text came back as "${streams.echo}", sent as "${settle.probeText}"`);
    if (problems.length > 0) return { ...assumption, status: 'failed', observed: `${encodings}; ${problems.join('; ')}` };
    return { ...assumption, status: 'held', observed: `${encodings}; the non-ASCII probe text came back on stdout as sent` };
  });
}
