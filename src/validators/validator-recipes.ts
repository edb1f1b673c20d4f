/**
 * Every JSON Schema validator rdsctl runs, described once: which schema, which ajv options,
 * which formats, and which validators it exports. The build compiles each recipe to standalone
 * code in `dist/validators/` (build-validators.ts), so a command starts without compiling
 * schemas; without that code (running from source) the same recipe is compiled on first use.
 */

export interface ValidatorRecipe {
  /** File name in `dist/validators/`, without `.cjs`. */
  name: string;
  /** Schema file, relative to the package root. */
  schemaFile: string;
  options: { allErrors: boolean; strict: boolean; strictRequired?: boolean; allowUnionTypes?: boolean; verbose?: boolean };
  /** Formats from ajv-formats; `all` for every one. */
  formats: readonly string[] | 'all';
  /** Exported name → schema reference (`#` for the whole schema, or `#/definitions/NAME`). */
  exports: Readonly<Record<string, string>>;
}

export const VALIDATOR_RECIPES = {
  // strictRequired is off because if/then branches name keys declared by their parent.
  spec: {
    name: 'spec',
    schemaFile: 'schemas/rdsctl.schema.json',
    options: { allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true, verbose: true },
    formats: [],
    exports: { spec: '#' },
  },
  // The fast estate validator stops at the first error; only a failing estate is checked again thoroughly.
  estateFast: {
    name: 'estate-fast',
    schemaFile: 'schemas/live-state.schema.json',
    options: { allErrors: false, strict: true, allowUnionTypes: true },
    formats: ['date-time'],
    exports: { estate: '#' },
  },
  estateThorough: {
    name: 'estate-thorough',
    schemaFile: 'schemas/live-state.schema.json',
    options: { allErrors: true, strict: true, allowUnionTypes: true },
    formats: ['date-time'],
    exports: { estate: '#' },
  },
  hostOutput: {
    name: 'host-output',
    schemaFile: 'schemas/live-state.schema.json',
    options: { allErrors: true, strict: false },
    formats: 'all',
    exports: { host: '#/definitions/LiveHost', gpo: '#/definitions/LiveGpo' },
  },
  // What a host's conformance check returns (`rdsctl windows check`).
  conformance: {
    name: 'conformance',
    schemaFile: 'schemas/conformance-report.schema.json',
    options: { allErrors: true, strict: true },
    formats: ['date-time'],
    exports: { report: '#', host: '#/definitions/HostConformance' },
  },
} as const satisfies Record<string, ValidatorRecipe>;

export type RecipeName = keyof typeof VALIDATOR_RECIPES;
