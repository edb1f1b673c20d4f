/**
 * Operations: what a provider is asked to do on one target. Each is an idempotent
 * "make it so" statement: a provider re-checks live state before acting, and an operation
 * whose goal already holds does nothing. Operations carry secret references, never secrets.
 */
import type { KeyPackChannel } from './live-state.js';
import type {
  ActivationContact,
  CalType,
  DiscoveryScope,
  LicenseProgram,
  LicensingMode,
  OsVersion,
  SecretRef,
} from './spec.js';

/** Which licences of a server a key-pack operation counts: installed licences are matched by these. */
export interface KeyPackGroup {
  product: OsVersion;
  type: CalType;
  channel: KeyPackChannel;
}

export type Operation =
  | { kind: 'setServiceState'; service: 'TermServLicensing' | 'TermService'; state: 'running' | 'stopped' }
  | { kind: 'restartService'; service: 'TermService' }
  | { kind: 'setFirewallRuleGroup'; enabled: boolean }
  | { kind: 'activateServer'; contact: ActivationContact }
  | { kind: 'setDiscoveryScope'; scope: DiscoveryScope }
  | { kind: 'setPublishedInAD'; published: boolean }
  | {
      kind: 'installLicenses';
      group: KeyPackGroup;
      program: LicenseProgram;
      /**
       * Installed licences the group must reach. The provider computes the delta from live
       * state at apply time, so a re-run never installs twice.
       */
      targetTotal: number;
      /** Licences the plan expected to install (informational; the live delta wins). */
      plannedDelta: number;
      secrets: KeyPackSecretRefs;
    }
  | { kind: 'removeLicenses'; group: KeyPackGroup; targetTotal: number }
  | {
      kind: 'revokeLicense';
      /** Both keys of the issued licence (`Win32_TSIssuedLicense`). */
      keyPackId: number;
      licenseId: number;
      /** The device the plan saw holding it: a licence now held by another device is not revoked. */
      issuedToComputer: string;
    }
  | { kind: 'setLicensingMode'; mode: LicensingMode }
  | { kind: 'setLicenseServers'; servers: string[] }
  | { kind: 'resetGracePeriod' }
  | { kind: 'setGpoLicensingMode'; gpo: string; domain: string; mode: LicensingMode }
  | { kind: 'setGpoLicenseServers'; gpo: string; domain: string; servers: string[] }
  | { kind: 'createGpo'; gpo: string; domain: string }
  | { kind: 'linkGpo'; gpo: string; domain: string; ou: string }
  /** On an RD Connection Broker: the deployment's licensing mode and ordered licence servers (`Set-RDLicenseConfiguration`), which it pushes to its session hosts. */
  | { kind: 'setDeploymentLicensing'; mode: LicensingMode; servers: string[] };

export type OperationKind = Operation['kind'];

export interface KeyPackSecretRefs {
  agreementNumber?: SecretRef;
  licenseNumber?: SecretRef;
  authorizationNumber?: SecretRef;
  retailKey?: SecretRef;
}

/** Resolves a secret reference when, and only when, an operation needs the value. */
export type SecretResolver = (ref: SecretRef, purpose: string) => Promise<string>;
