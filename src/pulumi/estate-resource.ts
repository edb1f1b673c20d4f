/**
 * One managed rdsctl address as a Pulumi dynamic resource. Its Pulumi name is the address, so
 * a stack's URNs and an rdsctl plan name the same things; its type says what kind it is.
 */
import * as pulumi from '@pulumi/pulumi';
import type { ResourceKind } from '../model/address.js';
import { estateResourceProvider } from './dynamic-provider.js';
import type { ResourceInputs } from './resource-inputs.js';

/** Pulumi type names (`pulumi-nodejs:dynamic/rdsctl:NAME`) per resource kind. */
export const RESOURCE_TYPES: Readonly<Record<ResourceKind, string>> = {
  'licenseServer.service': 'LicenseServerService',
  'licenseServer.firewall': 'LicenseServerFirewall',
  'licenseServer.activation': 'LicenseServerActivation',
  'licenseServer.discovery': 'LicenseServerDiscovery',
  'licenseServer.keyPack': 'KeyPack',
  'licenseServer.issuedLicense': 'IssuedLicense',
  sessionHost: 'SessionHostLicensing',
  'sessionHost.gracePeriod': 'SessionHostGracePeriod',
  'sessionHost.termService': 'SessionHostTermService',
  gpo: 'Gpo',
  'gpo.link': 'GpoLink',
  connectionBroker: 'ConnectionBrokerLicensing',
};

export type EstateResourceArgs = Omit<{ [K in keyof ResourceInputs]: pulumi.Input<ResourceInputs[K]> }, 'address' | 'kind'> & { address: string; kind: ResourceKind };

export class EstateResource extends pulumi.dynamic.Resource {
  declare readonly address: pulumi.Output<string>;
  declare readonly kind: pulumi.Output<ResourceKind>;
  /** Live values, as `rdsctl show --json` reports them for this address. */
  declare readonly live: pulumi.Output<Record<string, unknown>>;

  constructor(args: EstateResourceArgs, opts?: pulumi.CustomResourceOptions) {
    super(estateResourceProvider, args.address, { ...args, live: undefined }, opts, 'rdsctl', RESOURCE_TYPES[args.kind as ResourceKind]);
  }
}
