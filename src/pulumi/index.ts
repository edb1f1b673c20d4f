/**
 * `rdsctl/pulumi`: manage an rdsctl estate from a Pulumi TypeScript program, with rdsctl's
 * engine doing the work. Needs `@pulumi/pulumi` (an optional peer dependency of rdsctl).
 */
export { Estate, type EstateArgs } from './estate.js';
export { EstateResource, RESOURCE_TYPES } from './estate-resource.js';
export { estateResourceProvider } from './dynamic-provider.js';
export type { EstateSpecSource, ResourceInputs, ResourceOutputs } from './resource-inputs.js';
