/**
 * What a Pulumi child resource carries in its inputs and outputs, and so in the stack's state.
 * Only references: the spec as a path or as the parsed object (whose secrets are themselves
 * `{ env }` / `{ file }` references), the address, and the spec's values for that address.
 * No secret value and no credential ever appears here; secrets are resolved at apply time.
 */
import type { ResourceKind } from '../model/address.js';
import type { Spec } from '../model/spec.js';

/**
 * Where the estate's spec comes from. Relative paths resolve from the working directory of the
 * Pulumi program (the project directory), so the state carries no machine-specific path.
 */
export type EstateSpecSource =
  | { file: string }
  /** A parsed spec; `directory` anchors its relative paths (lab estate, secret files). */
  | { inline: Spec; directory: string };

export interface ResourceInputs {
  address: string;
  kind: ResourceKind;
  spec: EstateSpecSource;
  /** The spec's values for this address, for display and review; the spec itself is the truth. */
  desired: Record<string, unknown>;
  /** How long a create, update or delete waits for the estate's apply lock. */
  lockTimeoutSeconds: number;
  /** Upper bound of hosts read or changed at once (the CLI's `--parallelism`). */
  parallelism: number;
  /**
   * Adopt, never change: create only reads the address and fails if the estate differs from
   * the spec there. (Pulumi's own `import` option does not work with dynamic providers.)
   */
  importOnly?: boolean;
}

export interface ResourceOutputs extends ResourceInputs {
  /** Live values of the resource, as `rdsctl show --json` reports them. */
  live: Record<string, unknown>;
}

/** The input fields, from inputs or from outputs that carry them. */
export function pickInputs(value: ResourceInputs): ResourceInputs {
  return {
    address: value.address,
    kind: value.kind,
    spec: value.spec,
    desired: value.desired,
    lockTimeoutSeconds: value.lockTimeoutSeconds,
    parallelism: value.parallelism,
    ...(value.importOnly ? { importOnly: true } : {}),
  };
}
