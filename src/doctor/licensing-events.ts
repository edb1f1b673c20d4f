/**
 * Licensing event ids and what they mean (windows-reference.md §6). Where the seed disagrees the
 * reference wins: 1128/50280 is "grace period expired and no licence server with licences"
 * (not "mode not configured", which is 1068/1069), and 4105/4107 are licence-server per-user
 * tracking problems in AD (not contact failures or grace-period events).
 */
import type { LiveEvent } from '../model/live-state.js';
import type { DoctorInput } from './doctor-input.js';

export interface EventMeaning {
  meaning: string;
  /** True when the event reports a problem (not merely information). */
  problem: boolean;
}

const SESSION_HOST_EVENTS: Readonly<Record<number, EventMeaning>> = {
  1004: { meaning: 'the host cannot issue a client licence (mode and CAL type mismatch, or a certificate problem)', problem: true },
  1011: { meaning: "a client's temporary licence has expired", problem: true },
  1028: { meaning: "a client's licence could not be renewed", problem: true },
  1068: { meaning: 'the licensing mode is not configured', problem: true },
  1069: { meaning: 'the grace period has expired and the licensing mode is not configured', problem: true },
  1128: { meaning: 'the grace period has expired and the host is not registered with a licence server that has licences installed', problem: true },
  1129: { meaning: 'the grace period is about to expire and the host has no licence server with licences', problem: true },
  1130: { meaning: 'no licence server is specified for this host', problem: true },
  1131: { meaning: 'the host could not contact a licence server', problem: true },
  50195: { meaning: 'the licence server refuses this host: it is not in the licence server\'s "RDS Endpoint Servers" group', problem: true },
  50213: { meaning: 'the host could not read user licensing information from AD', problem: true },
  50280: { meaning: 'the grace period has expired and the host is not registered with a licence server that has licences installed', problem: true },
  50281: { meaning: 'the grace period is about to expire and the host has no licence server with licences', problem: true },
  50282: { meaning: 'no licence server is specified for this host', problem: true },
  50283: { meaning: 'the host could not contact a licence server', problem: true },
  50284: { meaning: "a licence server does not support this host's Windows version", problem: true },
  50285: { meaning: 'the certificate the licence server issued to this host is not valid', problem: true },
};

const LICENSE_SERVER_EVENTS: Readonly<Record<number, EventMeaning>> = {
  17: { meaning: 'licensing certificate problem: reactivate the licence server', problem: true },
  18: { meaning: 'the licence server is not activated', problem: true },
  19: { meaning: 'licensing certificate problem: reactivate the licence server', problem: true },
  20: { meaning: 'the licence server is running short of permanent CALs of a type', problem: true },
  21: { meaning: 'the licence server has no permanent CALs left of a type', problem: true },
  4105: { meaning: 'per-user tracking: the licence server cannot update licence attributes of a user in AD (it must be in the Terminal Server License Servers group)', problem: true },
  4106: { meaning: 'CAL reporting (information)', problem: false },
  4107: { meaning: 'per-user tracking failed: the licence server cannot reach a domain controller', problem: true },
  4108: { meaning: 'per-user tracking failed: the licence server cannot reach a domain controller', problem: true },
  4140: { meaning: 'the licence server security group is enforced but the group is missing', problem: true },
  4141: { meaning: 'a session host asked for CALs but is not in the licence server security group', problem: true },
  4144: { meaning: 'a per-user CAL was upgraded to a newer version (information)', problem: false },
};

export function describeEvent(id: number, role: 'sessionHost' | 'licenseServer'): EventMeaning {
  const table = role === 'sessionHost' ? SESSION_HOST_EVENTS : LICENSE_SERVER_EVENTS;
  return table[id] ?? { meaning: 'a licensing event rdsctl has no description for', problem: false };
}

/** Events inside the policy's window before `now`. */
export function recentEvents(events: readonly LiveEvent[] | undefined, input: Pick<DoctorInput, 'now' | 'policy'>): LiveEvent[] {
  if (!events || events.length === 0) return [];
  const now = Date.parse(input.now);
  const since = now - input.policy.eventWindowDays * 86_400_000;
  return events.filter((event) => {
    const time = Date.parse(event.time);
    return time >= since && time <= now;
  });
}
