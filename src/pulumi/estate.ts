/**
 * `new rds.Estate(name, { spec })`: the estate an rdsctl spec declares, as a Pulumi component
 * with one child per managed address (licence-server service, firewall, activation, discovery,
 * each key pack, each session host's licensing, grace period and TermService restart where the
 * pool asks for them, each GPO and link). Children wait for what the plan orders first, through
 * `dependsOn`: activation before key packs, a GPO before the hosts it configures.
 */
import * as pulumi from '@pulumi/pulumi';
import { expandSpec } from '../engine/expand-spec.js';
import { listManagedResources } from '../engine/list-managed-resources.js';
import type { Spec } from '../model/spec.js';
import { desiredValues, SECRET_REF_FIELDS } from './desired-values.js';
import { EstateResource } from './estate-resource.js';
import { loadEstateSpec } from './load-estate-spec.js';
import { toPulumiError } from './provider-errors.js';
import type { EstateSpecSource } from './resource-inputs.js';

export interface EstateArgs {
  /** Path of rds.yaml (relative to the Pulumi project directory), or the parsed spec. */
  spec: string | Spec;
  /** For a parsed spec: the directory its relative paths (lab estate, secret files) start from. */
  directory?: string;
  /** How long each create, update or delete waits for the estate's apply lock. Default 600. */
  lockTimeoutSeconds?: number;
  /** Hosts read or changed at once, as the CLI's --parallelism. Default 10. */
  parallelism?: number;
  /**
   * Adopt an existing estate without changing it: each child's create reads its address and
   * fails, changing nothing, where the estate differs from the spec. Pulumi's own `import`
   * resource option cannot be used: dynamic providers do not support it (pulumi/pulumi#16175).
   */
  import?: boolean;
}

export class Estate extends pulumi.ComponentResource {
  /** The children, by rdsctl address. */
  readonly resources: Readonly<Record<string, EstateResource>>;
  /** Live values of every child, by rdsctl address. */
  readonly live: pulumi.Output<Record<string, Record<string, unknown>>>;

  constructor(name: string, args: EstateArgs, opts?: pulumi.ComponentResourceOptions) {
    super('rdsctl:index:Estate', name, {}, opts);
    const source: EstateSpecSource = typeof args.spec === 'string' ? { file: args.spec } : { inline: args.spec, directory: args.directory ?? '.' };
    let desired;
    try {
      desired = expandSpec(loadEstateSpec(source));
    } catch (error) {
      throw toPulumiError(error, `rds.Estate ${name}`);
    }
    const children: Record<string, EstateResource> = {};
    for (const resource of listManagedResources(desired)) {
      const values = desiredValues(resource, desired);
      for (const field of SECRET_REF_FIELDS) if (values[field] !== undefined) values[field] = pulumi.secret(values[field]);
      children[resource.address] = new EstateResource(
        {
          address: resource.address,
          kind: resource.resource,
          spec: source,
          desired: values,
          lockTimeoutSeconds: args.lockTimeoutSeconds ?? 600,
          parallelism: args.parallelism ?? 10,
          ...(args.import ? { importOnly: true } : {}),
        },
        {
          parent: this,
          dependsOn: resource.dependsOn.map((address) => children[address]).filter((child): child is EstateResource => child !== undefined),
        },
      );
    }
    this.resources = children;
    this.live = pulumi.all(Object.fromEntries(Object.entries(children).map(([address, child]) => [address, child.live])));
    this.registerOutputs({ live: this.live });
  }
}
