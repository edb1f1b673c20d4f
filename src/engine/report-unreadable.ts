import type { LiveHost } from '../model/live-state.js';
import type { DesiredModel } from './desired-model.js';
import type { DiffContext } from './diff-context.js';

/**
 * Lists the spec's hosts that could not be read and explains why. Nothing is planned for
 * them: a change computed against missing data could undo what is really there.
 * `liveSessionHosts`, when given, is each desired session host's live state, looked up already.
 */
export function reportUnreadable(desired: DesiredModel, ctx: DiffContext, liveSessionHosts?: readonly (LiveHost | undefined)[]): string[] {
  const unknown: string[] = [];
  const check = (host: string, read: () => LiveHost | undefined): void => {
    const error = ctx.live.error(host);
    if (error === undefined && read() !== undefined) return;
    unknown.push(host);
    ctx.diagnostics.push({
      severity: 'error',
      code: error?.code ?? 'HOST_UNREACHABLE',
      summary: error ? `${host}: ${stripHostPrefix(error.message, host)}` : `${host}: no state was returned for this host`,
      detail: error?.windowsCode ? `Windows error ${error.windowsCode}${error.step ? ` in ${error.step}` : ''}` : error?.step ? `step: ${error.step}` : undefined,
      hint: 'its resources are shown as unknown and nothing is planned for them; fix access and run the plan again',
    });
  };
  for (const server of desired.licenseServers) check(server.host, () => ctx.live.host(server.host));
  for (const broker of desired.connectionBrokers) check(broker.host, () => ctx.live.host(broker.host));
  desired.sessionHosts.forEach((host, index) => check(host.host, () => (liveSessionHosts ? liveSessionHosts[index] : ctx.live.host(host.host))));
  return unknown;
}

function stripHostPrefix(message: string, host: string): string {
  const prefix = `${host}: `;
  return message.toLowerCase().startsWith(prefix.toLowerCase()) ? message.slice(prefix.length) : message;
}
