/**
 * Test support for the lab provider: a throw-away spec directory holding an estate file.
 * (Not a test itself; used by the `*.test.ts` files beside it.)
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, stringify } from 'yaml';
import type { SecretResolver } from '../../model/operation.js';
import { labEstatePaths, type LabEstatePaths, type LabProviderOptions } from './lab-estate-files.js';
import type { LabEstate } from './lab-estate.js';

export const EXAMPLE_ESTATE_FILE = fileURLToPath(new URL('../../../examples/contoso/estate.yaml', import.meta.url));

export interface LabFixture {
  directory: string;
  options: LabProviderOptions;
  paths: LabEstatePaths;
  /** The live copy as written on disk. */
  readLive(): Promise<LabEstate>;
  remove(): Promise<void>;
}

/** The example estate, parsed, for tests that adjust it before writing their own. */
export async function readExampleEstate(): Promise<LabEstate> {
  return parse(await readFile(EXAMPLE_ESTATE_FILE, 'utf8')) as LabEstate;
}

export async function createLabFixture(estate?: LabEstate | string, fileName = 'estate.yaml'): Promise<LabFixture> {
  const directory = await mkdtemp(join(tmpdir(), 'rdsctl-lab-'));
  const text =
    typeof estate === 'string'
      ? estate
      : fileName.endsWith('.json')
        ? JSON.stringify(estate ?? (await readExampleEstate()))
        : estate
          ? stringify(estate)
          : await readFile(EXAMPLE_ESTATE_FILE, 'utf8');
  await writeFile(join(directory, fileName), text);
  const options: LabProviderOptions = { specDirectory: directory, deployment: 'contoso', estate: `./${fileName}` };
  const paths = labEstatePaths(options);
  return {
    directory,
    options,
    paths,
    readLive: async () => JSON.parse(await readFile(paths.live, 'utf8')) as LabEstate,
    remove: () => rm(directory, { recursive: true, force: true }),
  };
}

/** A resolver that hands out secrets by environment-variable name, as the CLI's would. */
export function secretsByName(values: Readonly<Record<string, string>>): SecretResolver {
  return async (ref) => {
    const value = ref.env === undefined ? undefined : values[ref.env];
    if (value === undefined) throw new Error(`no test secret for ${JSON.stringify(ref)}`);
    return value;
  };
}

export const NO_SECRETS: SecretResolver = async () => {
  throw new Error('no secret was expected');
};
