/**
 * `rdsctl windows check` on the windows provider: one read-only `check` request per host (the
 * GPO management host gets the spec's GPOs, to probe the Group Policy cmdlets with), over the
 * connection's transport, each answer validated against schemas/conformance-report.schema.json.
 */
import type { ValidateFunction } from 'ajv';
import type { ConformanceReport, HostConformance } from '../../model/conformance-report.js';
import type { HostError } from '../../model/live-state.js';
import type { HostTarget } from '../../transport/host-target.js';
import { loadValidators } from '../../validators/load-validators.js';
import type { GpoRef } from '../provider.js';
import { explainUnreachableHosts } from './explain-unreachable-hosts.js';
import { hostErrorForMissingFrame, hostErrorFromFailure, hostErrorFromFrame, invalidOutput, type ScriptFailure } from './map-host-failure.js';
import { planReads } from './plan-reads.js';
import { readConnectionPassword } from './read-connection-password.js';
import { resolveHostTarget } from './resolve-host-target.js';
import { createCommandLines } from './select-transport.js';
import { settleSshStreams } from './settle-ssh-streams.js';
import { createWindowsProviderContext, probeBudgetSeconds, runTimeoutMs, type WindowsProviderOptions } from './windows-provider-context.js';

export interface ConformanceRequest {
  hosts: readonly string[];
  gpos: readonly GpoRef[];
  parallelism: number;
}

/** Non-ASCII text the host compares with its code units: it arrives intact only through a UTF-8 stdin. */
export const SSH_PROBE_TEXT = 'Zürich · Ελλάδα · 東京';

/** What the bootstrap line, run through cmd.exe on the host, must echo (Get-RdsSshCmdArguments). */
export const CMD_ECHO_TEXT = 'rdsctl-cmd-echo';

const STEP = 'check';

export async function checkWindowsConformance(options: WindowsProviderOptions, request: ConformanceRequest): Promise<ConformanceReport> {
  const context = createWindowsProviderContext(options);
  const { connection, specDirectory } = options;
  const reads = planReads(request.hosts, request.gpos, connection.gpoManagementHost);
  const report: ConformanceReport = { formatVersion: 1, checkedAt: new Date().toISOString(), hosts: [], errors: [] };
  if (reads.length === 0) return report;
  const password = await readConnectionPassword(connection, specDirectory);
  const target = (host: string): HostTarget => resolveHostTarget({ connection, specDirectory, host, password, remotePowerShellByHost: options.remotePowerShellByHost });
  const probeCodes = Array.from({ length: SSH_PROBE_TEXT.length }, (_, index) => SSH_PROBE_TEXT.charCodeAt(index));
  const transportName = connection.transport ?? 'ssh';
  // Over ssh, the host runs its own bootstrap line once more through cmd.exe (Get-RdsSshCmdArguments).
  const commandLine = transportName === 'ssh' ? createCommandLines(connection, context.files.sshBootstrap) : undefined;
  const requests = reads.map((read) => {
    const hostTarget = target(read.host);
    const cmdEcho = commandLine ? { line: commandLine(hostTarget.remotePowerShell), text: CMD_ECHO_TEXT, budgetSeconds: probeBudgetSeconds(context.readTimeoutSeconds) } : undefined;
    return {
      id: read.id,
      host: read.host,
      target: hostTarget,
      timeoutSeconds: context.readTimeoutSeconds,
      inputJson: JSON.stringify({ host: read.host, phase: 'check', gpos: read.gpos, probeText: SSH_PROBE_TEXT, probeCodes, ...(cmdEcho ? { cmdEcho } : {}) }),
    };
  });
  const parallelism = Math.max(1, request.parallelism);
  const run = await context.transport().run({ requests, parallelism, timeoutMs: runTimeoutMs(requests.length, parallelism, context.readTimeoutSeconds) });
  const validate = loadValidators('conformance')['host'] as ValidateFunction<HostConformance>;
  for (const read of reads) {
    const frame = run.frames.get(read.id);
    if (!frame) {
      report.errors.push(hostErrorForMissingFrame(read.host, run, STEP));
      continue;
    }
    if (frame.status !== 'ok' || frame.payload === undefined) {
      report.errors.push(hostErrorFromFrame(read.host, frame, STEP));
      continue;
    }
    const answer = parseAnswer(read.host, frame.payload, validate, transportName);
    if ('code' in answer) report.errors.push(answer);
    else report.hosts.push(answer);
  }
  report.errors = explainUnreachableHosts(report.errors, `${run.stderr}\n${run.noise}`, target);
  return report;
}

function parseAnswer(host: string, payload: string, validate: ValidateFunction<HostConformance>, transport: string): HostConformance | HostError {
  let value: unknown;
  try {
    value = JSON.parse(payload);
  } catch {
    return invalidOutput(host, STEP, 'the check did not answer with JSON');
  }
  const answer = value as { kind?: unknown; hostError?: ScriptFailure; windows?: unknown; roles?: unknown; assumptions?: unknown; sshStreams?: unknown };
  if (answer.hostError) return hostErrorFromFailure(host, answer.hostError, STEP);
  const conformance = { host, windows: answer.windows, roles: answer.roles, assumptions: answer.assumptions };
  if (answer.kind !== 'check' || !validate(conformance)) return invalidOutput(host, STEP, 'the check answered in a shape this version of rdsctl does not know');
  return { ...conformance, assumptions: settleSshStreams(conformance.assumptions, { transport, streams: answer.sshStreams, probeText: SSH_PROBE_TEXT }) };
}
