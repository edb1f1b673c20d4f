/**
 * One line per finding id: what it means. Used by SARIF rule metadata and the docs.
 */
import type { FindingId, FindingSeverity } from './finding.js';

export interface CatalogEntry {
  summary: string;
  /** The severity the finding usually has (some depend on the estate). */
  severity: FindingSeverity;
}

export const FINDING_CATALOG: Readonly<Record<FindingId, CatalogEntry>> = {
  'RDSL-GRACE-EXPIRED': { summary: 'Grace period over and no licence server can license the host: connections are refused.', severity: 'critical' },
  'RDSL-GRACE-ENDING': { summary: 'A host without a working licence server is close to the end of its grace period.', severity: 'warning' },
  'RDSL-GRACE-RESET-SUSPECTED': { summary: 'Signs that the grace period was reset (an unsupported workaround).', severity: 'warning' },
  'RDSL-LS-NOT-ACTIVATED': { summary: 'The licence server is not activated and issues only temporary per-device licences.', severity: 'error' },
  'RDSL-NO-KEYPACKS': { summary: 'The licence server has no purchased CALs installed.', severity: 'error' },
  'RDSL-CAL-TYPE-MISMATCH': { summary: "The host's licensing mode asks for a CAL type its licence server does not hold.", severity: 'error' },
  'RDSL-CAL-VERSION-OLD': { summary: "The licence server's CALs are older than the session host's Windows Server version.", severity: 'error' },
  'RDSL-CAL-VERSION-TOO-NEW-FOR-LS': { summary: 'The CALs needed are newer than the licence server can hold.', severity: 'error' },
  'RDSL-CALS-EXHAUSTED': { summary: 'Every CAL of a type is issued (per-user: the next one is over-allocated; per-device: new devices refused).', severity: 'error' },
  'RDSL-PER-USER-OVER-ISSUED': { summary: 'More per-user CALs are issued than installed: nobody is refused, but it breaches the licence agreement.', severity: 'error' },
  'RDSL-CALS-LOW': { summary: 'Fewer free CALs than policy.minFreeCals.', severity: 'warning' },
  'RDSL-KEYPACK-EXPIRING': { summary: 'A key pack expires soon or has expired.', severity: 'warning' },
  'RDSL-UNKNOWN-PRODUCT-VERSION': { summary: 'A key pack has a product version id rdsctl does not know.', severity: 'warning' },
  'RDSL-NO-LICENSE-SERVER': { summary: 'The session host lists no licence server.', severity: 'error' },
  'RDSL-LICENSE-SERVERS-DIFFER': { summary: 'Session hosts use different licence servers than the spec says.', severity: 'error' },
  'RDSL-BROKER-DISAGREES': { summary: "An RD Connection Broker pushes other licensing settings than the spec says to its session hosts.", severity: 'error' },
  'RDSL-MODE-NOT-CONFIGURED': { summary: 'The session host has no licensing mode.', severity: 'error' },
  'RDSL-PER-USER-WORKGROUP': { summary: 'Per-user licensing on hosts outside a domain, where it cannot be tracked.', severity: 'error' },
  'RDSL-POLICY-OVERRIDES-LOCAL': { summary: 'Group Policy overrides a local licensing setting.', severity: 'warning' },
  'RDSL-FAILOVER-DELAY': { summary: "The first licence server in the host's list is unusable; a later one answers.", severity: 'warning' },
  'RDSL-SINGLE-LICENSE-SERVER': { summary: 'The host lists only one licence server: no failover.', severity: 'info' },
  'RDSL-LS-UNREACHABLE': { summary: 'The session host cannot connect to the licence server.', severity: 'error' },
  'RDSL-DNS-FAILURE': { summary: "The session host cannot resolve the licence server's name.", severity: 'error' },
  'RDSL-RPC-BLOCKED': { summary: 'TCP 135 on the licence server does not answer from the session host.', severity: 'error' },
  'RDSL-LS-SERVICE-STOPPED': { summary: 'The Remote Desktop Licensing service is not running.', severity: 'error' },
  'RDSL-FIREWALL-DISABLED': { summary: 'The Remote Desktop Licensing Server firewall rule group is not enabled.', severity: 'error' },
  'RDSL-GPO-CANNOT-REACH': { summary: 'A GPO cannot deliver its licensing values to the session hosts it is meant to configure.', severity: 'error' },
  'RDSL-FIREWALL-POLICY-BLOCKS': { summary: 'Group Policy keeps the Remote Desktop Licensing Server firewall rules from taking effect, whatever the local rules say.', severity: 'error' },
  'RDSL-LS-NOT-PUBLISHED': { summary: 'The licence server has domain or forest scope but is not published in AD.', severity: 'warning' },
  'RDSL-LS-NOT-IN-TSLS-GROUP': { summary: 'The licence server is not in Terminal Server License Servers (S-1-5-32-561).', severity: 'warning' },
  'RDSL-HOST-NOT-IN-ENDPOINT-GROUP': { summary: 'The session host is not in the licence server\'s "RDS Endpoint Servers" group.', severity: 'error' },
  'RDSL-EVENTS': { summary: 'Recent licensing events on a host.', severity: 'info' },
  'RDSL-NO-RDSH-ROLE': { summary: 'No RD Session Host role: two administrative sessions, no CALs needed.', severity: 'info' },
  'RDSL-CAPACITY': { summary: 'Issued against installed CALs per pool, with the trend when history exists.', severity: 'info' },
  'RDSL-HOST-UNREADABLE': { summary: 'rdsctl could not read a host; checks needing its state were skipped.', severity: 'warning' },
};
