import type { DesiredModel } from './desired-model.js';
import type { DiffContext } from './diff-context.js';

/**
 * Lists the spec's hosts that could not be read and explains why. Nothing is planned for
 * them: a change computed against missing data could undo what is really there.
 */
export function reportUnreadable(desired: DesiredModel, ctx: DiffContext): string[] {
  const hosts = [...desired.licenseServers.map((server) => server.host), ...desired.connectionBrokers.map((broker) => broker.host), ...desired.sessionHosts.map((host) => host.host)];
  const unknown: string[] = [];
  for (const host of hosts) {
    if (ctx.live.host(host) !== undefined && ctx.live.error(host) === undefined) continue;
    unknown.push(host);
    const error = ctx.live.error(host);
    ctx.diagnostics.push({
      severity: 'error',
      code: error?.code ?? 'HOST_UNREACHABLE',
      summary: error ? `${host}: ${stripHostPrefix(error.message, host)}` : `${host}: no state was returned for this host`,
      detail: error?.windowsCode ? `Windows error ${error.windowsCode}${error.step ? ` in ${error.step}` : ''}` : error?.step ? `step: ${error.step}` : undefined,
      hint: 'its resources are shown as unknown and nothing is planned for them; fix access and run the plan again',
    });
  }
  return unknown;
}

function stripHostPrefix(message: string, host: string): string {
  const prefix = `${host}: `;
  return message.toLowerCase().startsWith(prefix.toLowerCase()) ? message.slice(prefix.length) : message;
}
