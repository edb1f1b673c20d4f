/**
 * Loads a lab estate file: JSON when the name ends in `.json` (machine-written, large: JSON.parse
 * is far cheaper than YAML at thousands of hosts), YAML otherwise (small, hand-written).
 * Problems become one `ESTATE_INVALID` error listing every finding with its path, and with
 * line and column for YAML files. The live copy skips validation of text that passed before.
 */
import { LineCounter, parseDocument, type Document } from 'yaml';
import { stat } from 'node:fs/promises';
import { StringDecoder } from 'node:string_decoder';
import { readRegularFile, readRegularFilePieces } from '../../io/read-regular-file.js';
import type { Diagnostic } from '../../model/diagnostic.js';
import { isRdsctlError, RdsctlError } from '../../model/rdsctl-error.js';
import { displayPath } from '../../io/display-path.js';
import type { LabEstate } from './lab-estate.js';
import { validateEstate, type EstateProblem } from './validate-estate.js';
import { LiveCopyByHostParser } from './parse-live-copy-by-host.js';
import { readValidatedDigest, recordValidatedDigest, startValidationDigest, validationDigest } from './validated-estate-digest.js';

export async function loadEstateFile(file: string): Promise<LabEstate> {
  const text = (await readEstateBytes(file)).toString('utf8');
  return file.toLowerCase().endsWith('.json') ? parseJsonEstate(file, text) : parseYamlEstate(file, text);
}

/**
 * From this size on, the live copy is parsed a host at a time, which bounds memory (a 54 MB string
 * less at 100,000 hosts); a smaller copy is parsed whole, which is faster (15 ms less at 10,000).
 */
export const PARSE_BY_HOST_FROM_BYTES = 32 * 1024 * 1024;

/**
 * Loads the live copy (always JSON) and validates it unless `digestFile` records that this very
 * text passed before (validated-estate-digest.ts); text that passes now is recorded there. A
 * large copy is parsed a host at a time as it is read (parse-live-copy-by-host.ts); one laid out
 * otherwise than rdsctl writes it is read again and parsed whole.
 */
export async function loadLiveEstateFile(file: string, digestFile: string, byHostFromBytes = PARSE_BY_HOST_FROM_BYTES): Promise<LabEstate> {
  const recorded = readValidatedDigest(digestFile);
  const size = await stat(file).then(
    (info) => info.size,
    () => 0,
  );
  const read = size >= byHostFromBytes ? await readLiveCopyByHost(file) : undefined;
  if (read?.estate === undefined) return loadWholeLiveEstateFile(file, digestFile, await recorded);
  const { estate, digest } = read;
  if (digest === (await recorded)) return estate;
  const problems = validateEstate(estate);
  if (problems.length > 0) throw invalidEstate(file, problems.map((problem) => problemDiagnostic(problem)));
  await recordValidatedDigest(digestFile, digest);
  return estate;
}

async function readLiveCopyByHost(file: string): Promise<{ estate: LabEstate | undefined; digest: string }> {
  const parser = new LiveCopyByHostParser();
  const hash = startValidationDigest();
  const decoder = new StringDecoder('utf8');
  try {
    await readRegularFilePieces({ file, kind: 'estate', shownAs: displayPath(file) }, (piece) => {
      hash.update(piece);
      parser.push(decoder.write(piece));
    });
  } catch (error) {
    throw describeReadError(file, error);
  }
  parser.push(decoder.end());
  return { estate: parser.end(), digest: hash.digest('hex') };
}

async function loadWholeLiveEstateFile(file: string, digestFile: string, recorded: string | undefined): Promise<LabEstate> {
  const { text, digest } = await readEstateTextAndDigest(file);
  if (digest === recorded) return parseJson(file, text) as LabEstate;
  const estate = parseJsonEstate(file, text);
  await recordValidatedDigest(digestFile, digest);
  return estate;
}

/** The text and its digest; the bytes are let go here, before the caller parses (a 54 MB buffer at 100,000 hosts). */
async function readEstateTextAndDigest(file: string): Promise<{ text: string; digest: string }> {
  const bytes = await readEstateBytes(file);
  return { text: bytes.toString('utf8'), digest: validationDigest(bytes) };
}

async function readEstateBytes(file: string): Promise<Buffer> {
  try {
    return await readRegularFile({ file, kind: 'estate', shownAs: displayPath(file) });
  } catch (error) {
    throw describeReadError(file, error);
  }
}

function describeReadError(file: string, error: unknown): unknown {
  if (isRdsctlError(error)) return error;
  if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
    return new RdsctlError({
      code: 'ESTATE_NOT_FOUND',
      kind: 'user',
      message: `lab estate file not found: ${displayPath(file)}`,
      hint: "check connection.estate in the spec; a relative path is resolved from the spec file's directory",
      cause: error,
    });
  }
  return new RdsctlError({
    code: 'ESTATE_INVALID',
    kind: 'environment',
    message: `cannot read lab estate file ${displayPath(file)}: ${(error as Error).message}`,
    cause: error,
  });
}

function parseJson(file: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw invalidEstate(file, [{ severity: 'error', code: 'ESTATE_INVALID', summary: `not valid JSON: ${(error as Error).message}` }]);
  }
}

function parseJsonEstate(file: string, text: string): LabEstate {
  const document = parseJson(file, text);
  const problems = validateEstate(document);
  if (problems.length > 0) {
    throw invalidEstate(file, problems.map((problem) => problemDiagnostic(problem)));
  }
  return document as LabEstate;
}

function parseYamlEstate(file: string, text: string): LabEstate {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false });
  if (document.errors.length > 0) {
    throw invalidEstate(
      file,
      document.errors.map((error) => {
        const position = lineCounter.linePos(error.pos[0]);
        return {
          severity: 'error',
          code: 'ESTATE_INVALID',
          summary: `not valid YAML: ${error.message.split('\n')[0] ?? error.code}`,
          source: { file: displayPath(file), line: position.line, column: position.col },
        };
      }),
    );
  }
  const value: unknown = document.toJS({ maxAliasCount: 1000 });
  const problems = validateEstate(value);
  if (problems.length > 0) {
    throw invalidEstate(
      file,
      problems.map((problem) => problemDiagnostic(problem, locateInYaml(document, lineCounter, problem.segments), file)),
    );
  }
  return value as LabEstate;
}

/** Line and column of the value at `segments`, or of its nearest existing parent. */
function locateInYaml(document: Document, lineCounter: LineCounter, segments: readonly (string | number)[]): { line: number; col: number } {
  for (let length = segments.length; length >= 0; length -= 1) {
    const node: unknown = length === 0 ? document.contents : document.getIn(segments.slice(0, length), true);
    const range = (node as { range?: [number, number, number] } | undefined)?.range;
    if (range) return lineCounter.linePos(range[0]);
  }
  return { line: 1, col: 1 };
}

function problemDiagnostic(problem: EstateProblem, position?: { line: number; col: number }, file?: string): Diagnostic {
  const diagnostic: Diagnostic = { severity: 'error', code: 'ESTATE_INVALID', summary: `${problem.path} ${problem.message}` };
  if (position && file) {
    return { ...diagnostic, source: { file: displayPath(file), line: position.line, column: position.col, path: problem.path } };
  }
  return diagnostic;
}

function invalidEstate(file: string, diagnostics: Diagnostic[]): RdsctlError {
  const lines = diagnostics.map((d) => (d.source ? `${d.source.file}:${d.source.line}:${d.source.column}: ${d.summary}` : `${displayPath(file)}: ${d.summary}`));
  const count = diagnostics.length === 1 ? '1 problem' : `${diagnostics.length} problems`;
  return new RdsctlError({
    code: 'ESTATE_INVALID',
    kind: 'user',
    message: `lab estate ${displayPath(file)} is not valid (${count})`,
    detail: lines.join('\n'),
    hint: 'the estate format is schemas/live-state.schema.json',
    diagnostics,
  });
}
