/**
 * Matches the computer an issued licence names against `reclaim.retiredDevices`. An entry is a
 * name, a range (`kiosk[01:20]`, padded as host ranges are) or a pattern with `*` wildcards,
 * compared case-insensitively. Windows records the device's own name, often without a domain:
 * an entry without a dot matches the first label of the name, one with a dot the whole name.
 */
export type RetiredDeviceMatcher = (computer: string) => string | undefined;

interface CompiledEntry {
  entry: string;
  regex: RegExp;
  ranges: { start: number; end: number; width: number }[];
  wholeName: boolean;
}

export function createRetiredDeviceMatcher(entries: readonly string[]): RetiredDeviceMatcher {
  const compiled = entries.map(compileEntry);
  return (computer) => {
    const name = computer.toLowerCase().replace(/\.$/, '');
    const shortName = name.split('.')[0] ?? name;
    return compiled.find((entry) => matches(entry, entry.wholeName ? name : shortName))?.entry;
  };
}

function compileEntry(entry: string): CompiledEntry {
  const ranges: CompiledEntry['ranges'] = [];
  const source = entry
    .toLowerCase()
    .replace(/\.$/, '')
    .split(/(\[\d+:\d+\]|\*)/)
    .map((part) => {
      if (part === '*') return '[^.]*';
      const range = /^\[(\d+):(\d+)\]$/.exec(part);
      if (!range) return part.replace(/[.\\^$+?()|{}]/g, '\\$&');
      const [, start = '', end = ''] = range;
      ranges.push({ start: Number(start), end: Number(end), width: start.startsWith('0') ? start.length : 0 });
      return '(\\d+)';
    })
    .join('');
  return { entry, regex: new RegExp(`^${source}$`), ranges, wholeName: entry.replace(/\.$/, '').includes('.') };
}

function matches(entry: CompiledEntry, name: string): boolean {
  const found = entry.regex.exec(name);
  if (!found) return false;
  return entry.ranges.every((range, i) => {
    const digits = found[i + 1] ?? '';
    const value = Number(digits);
    const widthOk = range.width === 0 ? !(digits.length > 1 && digits.startsWith('0')) : digits.length === range.width;
    return widthOk && value >= range.start && value <= range.end;
  });
}
