/**
 * The largest file rdsctl reads, per kind (documented in docs/limits.md). A file over its cap
 * is refused before a byte is read, so a hostile or broken file cannot exhaust memory.
 */
export type FileKind = 'spec' | 'estate' | 'secret' | 'history' | 'inventory' | 'plan' | 'lock' | 'audit' | 'ledger' | 'digest';

const MIB = 1024 * 1024;

export const FILE_SIZE_CAPS: Readonly<Record<FileKind, number>> = {
  // 100,000 hosts written one per line stay under 8 MiB; ranges make real specs far smaller.
  spec: 16 * MIB,
  // The machine-written JSON estate of 100,020 hosts is well under this.
  estate: 512 * MIB,
  secret: 64 * 1024,
  history: 64 * MIB,
  inventory: 16 * MIB,
  plan: 256 * MIB,
  // A lock record is a few hundred bytes.
  lock: 64 * 1024,
  // An audit line is under 1 KiB: a quarter of a million changes before it needs rotating.
  audit: 256 * MIB,
  // Only changes that add up (licence installs, revocations) are recorded, a few hundred bytes each.
  ledger: 64 * MIB,
  // A validation digest beside the lab's live copy is one line of 65 bytes.
  digest: 4 * 1024,
};

/** What a file of this kind is called in messages. */
export const FILE_KIND_NAMES: Readonly<Record<FileKind, string>> = {
  spec: 'spec file',
  estate: 'lab estate file',
  secret: 'secret file',
  history: 'history file',
  inventory: 'inventory file',
  plan: 'saved plan',
  lock: 'lock file',
  audit: 'audit log',
  ledger: 'intent ledger',
  digest: 'validation digest',
};
