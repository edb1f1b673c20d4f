/**
 * Whether the command line asks for machine-readable output (`--json`, `--format json|sarif`),
 * decided from the raw arguments so even an argument the parser rejects gets a JSON error.
 */
const MACHINE_FORMATS = new Set(['json', 'sarif']);

export function isMachineMode(argv: readonly string[]): boolean {
  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index] as string;
    if (arg === '--') return false;
    if (arg === '--json') return true;
    if (arg.startsWith('--format=') && MACHINE_FORMATS.has(arg.slice('--format='.length))) return true;
    if (arg === '--format' && MACHINE_FORMATS.has(argv[index + 1] ?? '')) return true;
  }
  return false;
}
