/**
 * Every rule doctor runs, in the order their findings are listed when severities tie: causes a
 * person fixes first (a server that cannot issue at all) before their consequences.
 */
import type { DoctorRule } from './doctor-context.js';
import { reportCapacity } from './rules/capacity.js';
import { checkCalTypes } from './rules/cal-type-mismatch.js';
import { checkCalVersionsServeHosts } from './rules/cal-version-old.js';
import { checkCalVersionsFitServers } from './rules/cal-version-too-new.js';
import { checkCalsExhausted } from './rules/cals-exhausted.js';
import { checkCalsLow } from './rules/cals-low.js';
import { checkNameResolution } from './rules/dns-failure.js';
import { checkEndpointGroup } from './rules/endpoint-group.js';
import { checkFailoverDelay } from './rules/failover-delay.js';
import { checkFirewallRuleGroup } from './rules/firewall-disabled.js';
import { checkFirewallPolicy } from './rules/firewall-policy-blocks.js';
import { checkGpoReach } from './rules/gpo-cannot-reach.js';
import { checkGracePeriod } from './rules/grace-period.js';
import { checkGraceReset } from './rules/grace-reset.js';
import { checkKeyPackExpiry } from './rules/key-pack-expiry.js';
import { checkLicenseServerActivation } from './rules/ls-not-activated.js';
import { checkLicenseServersGroup } from './rules/ls-not-in-tsls-group.js';
import { checkPublishedInAD } from './rules/ls-not-published.js';
import { checkLicensingService } from './rules/ls-service-stopped.js';
import { checkLicenseServerReachable } from './rules/ls-unreachable.js';
import { checkLicensingModeConfigured } from './rules/mode-not-configured.js';
import { checkLicenseServerConfigured } from './rules/no-license-server.js';
import { checkLicenseServersAsSpecified } from './rules/license-servers-differ.js';
import { checkBrokerAgreement } from './rules/broker-disagrees.js';
import { checkKeyPacksInstalled } from './rules/no-key-packs.js';
import { reportAdministrationMode } from './rules/no-rdsh-role.js';
import { checkPerUserOverIssue } from './rules/per-user-over-issued.js';
import { checkPerUserWorkgroup } from './rules/per-user-workgroup.js';
import { checkPolicyOverrides } from './rules/policy-overrides-local.js';
import { summariseEvents } from './rules/recent-events.js';
import { checkRpcReachable } from './rules/rpc-blocked.js';
import { checkLicenseServerRedundancy } from './rules/single-license-server.js';
import { checkSpecCalCoverage } from './rules/spec-cal-coverage.js';
import { checkProductVersionsKnown } from './rules/unknown-product-version.js';
import { reportUnreadableHosts } from './rules/unreadable-hosts.js';

export const DOCTOR_RULES: readonly DoctorRule[] = [
  checkGracePeriod,
  checkLicensingModeConfigured,
  checkPerUserWorkgroup,
  checkLicenseServerConfigured,
  checkBrokerAgreement,
  checkLicenseServersAsSpecified,
  checkPolicyOverrides,
  checkLicenseServerActivation,
  checkKeyPacksInstalled,
  checkCalTypes,
  checkCalVersionsServeHosts,
  checkCalVersionsFitServers,
  checkSpecCalCoverage,
  checkCalsExhausted,
  checkPerUserOverIssue,
  checkLicensingService,
  checkFirewallRuleGroup,
  checkFirewallPolicy,
  checkGpoReach,
  checkNameResolution,
  checkRpcReachable,
  checkLicenseServerReachable,
  checkEndpointGroup,
  checkFailoverDelay,
  checkPublishedInAD,
  checkLicenseServersGroup,
  checkGraceReset,
  checkKeyPackExpiry,
  checkProductVersionsKnown,
  checkCalsLow,
  summariseEvents,
  reportUnreadableHosts,
  checkLicenseServerRedundancy,
  reportAdministrationMode,
  reportCapacity,
];
