/**
 * Replaces PowerShell's "The SSH transport process has abruptly terminated" for hosts that
 * could not be reached over SSH with the likely cause, taken from the OpenSSH client's words
 * on the runner's stderr, and what to set.
 */
import type { HostError } from '../../model/live-state.js';
import { explainSshFailure } from '../../transport/explain-ssh-failure.js';
import type { HostTarget } from '../../transport/host-target.js';

export function explainUnreachableHosts(errors: readonly HostError[], runnerOutput: string, targetOf: (host: string) => HostTarget): HostError[] {
  const unreachable = new Set(errors.filter((error) => error.code === 'HOST_UNREACHABLE').map((error) => error.host.toLowerCase()));
  return errors.map((error) => {
    if (error.code !== 'HOST_UNREACHABLE') return error;
    const target = targetOf(error.host);
    // The ssh transport classifies each host's own client output itself.
    if (target.transport !== 'psrp-ssh') return error;
    const own = error.message.replace(`cannot reach ${error.host}: `, '');
    const explanation = explainSshFailure(`${runnerOutput}\n${own}`, { address: target.address, failedHosts: unreachable.size });
    if (explanation === undefined) return error;
    const at = target.address.toLowerCase() === error.host.toLowerCase() ? '' : ` at ${target.address}`;
    return { ...error, message: `cannot reach ${error.host} over SSH${at}: ${explanation.text}. Hint: ${explanation.hint}` };
  });
}
