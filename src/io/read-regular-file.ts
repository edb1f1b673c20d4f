/**
 * The one way rdsctl reads a file it was pointed at. The file is opened with O_NONBLOCK, so a
 * named pipe never blocks open(); the opened descriptor is then checked, so what is read is
 * what was checked. Anything but a regular file, or a file over its kind's cap, is refused
 * with `FILE_REFUSED` before a byte is read. Other errors (ENOENT, EACCES) pass through
 * unchanged, so callers keep their own not-found messages.
 */
import { closeSync, constants, fstatSync, openSync, readSync, statSync, type Stats } from 'node:fs';
import { open } from 'node:fs/promises';
import { RdsctlError } from '../model/rdsctl-error.js';
import { describeFileType } from './describe-file-type.js';
import { FILE_KIND_NAMES, FILE_SIZE_CAPS, type FileKind } from './file-size-caps.js';

const OPEN_FLAGS = constants.O_RDONLY | constants.O_NONBLOCK;

export interface ReadRequest {
  /** The path to open. */
  readonly file: string;
  readonly kind: FileKind;
  /** How messages name the file; the path itself when not given. */
  readonly shownAs?: string;
}

export async function readRegularFile(request: ReadRequest): Promise<Buffer> {
  const handle = await open(request.file, OPEN_FLAGS).catch((error: unknown) => {
    throw describeOpenError(request, error);
  });
  try {
    const stats = await handle.stat();
    const cap = checkReadable(request, stats);
    return await readUpTo(cap, stats.size, (buffer, offset) => handle.read(buffer, offset, buffer.length - offset, offset).then((r) => r.bytesRead), request);
  } finally {
    await handle.close();
  }
}

export function readRegularFileSync(request: ReadRequest): Buffer {
  let fd: number;
  try {
    fd = openSync(request.file, OPEN_FLAGS);
  } catch (error) {
    throw describeOpenError(request, error);
  }
  try {
    const stats = fstatSync(fd);
    const cap = checkReadable(request, stats);
    let buffer: Buffer = Buffer.alloc(Math.min(cap + 1, stats.size + 1));
    let length = 0;
    for (;;) {
      if (length === buffer.length) buffer = growOrRefuse(buffer, cap, request);
      const read = readSync(fd, buffer, length, buffer.length - length, length);
      if (read === 0) break;
      length += read;
    }
    return buffer.subarray(0, length);
  } finally {
    closeSync(fd);
  }
}

/**
 * Reads a regular file a piece at a time, under the same checks and cap as `readRegularFile`,
 * handing each piece to `onPiece` (a view that is valid only during the call).
 */
export async function readRegularFilePieces(request: ReadRequest, onPiece: (piece: Buffer) => void, pieceBytes = 1024 * 1024): Promise<void> {
  const handle = await open(request.file, OPEN_FLAGS).catch((error: unknown) => {
    throw describeOpenError(request, error);
  });
  try {
    const cap = checkReadable(request, await handle.stat());
    const buffer = Buffer.alloc(pieceBytes);
    let total = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, total);
      if (bytesRead === 0) return;
      total += bytesRead;
      if (total > cap) throw overCap(request, cap, `more than ${formatBytes(cap)}`);
      onPiece(buffer.subarray(0, bytesRead));
    }
  } finally {
    await handle.close();
  }
}

/** Reads a regular file as UTF-8 text. */
export async function readRegularTextFile(request: ReadRequest): Promise<string> {
  return (await readRegularFile(request)).toString('utf8');
}

function checkReadable(request: ReadRequest, stats: Stats): number {
  if (!stats.isFile()) throw refused(request, `is ${describeFileType(stats)}, not a regular file`);
  const cap = FILE_SIZE_CAPS[request.kind];
  if (stats.size > cap) throw overCap(request, cap, formatBytes(stats.size));
  return cap;
}

/** Reads until end of file; one byte of room past the size notices a file that grew past its cap. */
async function readUpTo(
  cap: number,
  size: number,
  read: (buffer: Buffer, offset: number) => Promise<number>,
  request: ReadRequest,
): Promise<Buffer> {
  let buffer: Buffer = Buffer.alloc(Math.min(cap + 1, size + 1));
  let length = 0;
  for (;;) {
    if (length === buffer.length) buffer = growOrRefuse(buffer, cap, request);
    const bytesRead = await read(buffer, length);
    if (bytesRead === 0) break;
    length += bytesRead;
  }
  return buffer.subarray(0, length);
}

function growOrRefuse(buffer: Buffer, cap: number, request: ReadRequest): Buffer {
  if (buffer.length > cap) throw overCap(request, cap, `more than ${formatBytes(cap)}`);
  const bigger = Buffer.alloc(Math.min(cap + 1, buffer.length * 2));
  buffer.copy(bigger);
  return bigger;
}

function describeOpenError(request: ReadRequest, error: unknown): unknown {
  // Opening a Unix socket fails with ENXIO; say what it is rather than quoting errno.
  if ((error as NodeJS.ErrnoException).code === 'ENXIO') {
    let stats: Stats | undefined;
    try {
      stats = statSync(request.file);
    } catch {
      stats = undefined;
    }
    return refused(request, `is ${stats ? describeFileType(stats) : 'not a regular file'}, not a regular file`, error);
  }
  return error;
}

function overCap(request: ReadRequest, cap: number, size: string): RdsctlError {
  return refused(request, `is ${size}, over the ${formatBytes(cap)} limit for a ${FILE_KIND_NAMES[request.kind]}`);
}

function refused(request: ReadRequest, what: string, cause?: unknown): RdsctlError {
  return new RdsctlError({
    code: 'FILE_REFUSED',
    kind: 'user',
    message: `${FILE_KIND_NAMES[request.kind]} ${request.shownAs ?? request.file} ${what}`,
    hint: 'rdsctl reads only regular files within the size limits in docs/limits.md',
    cause,
  });
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(bytes % (1024 * 1024) === 0 ? 0 : 1)} MiB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(bytes % 1024 === 0 ? 0 : 1)} KiB`;
  return `${bytes} bytes`;
}
