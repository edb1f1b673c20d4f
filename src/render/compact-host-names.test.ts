import { describe, expect, test } from 'vitest';
import { compactHostNames, compactHostRuns, summariseHostNames } from './compact-host-names.js';

const rdsh = (n: number, domain = 'corp.contoso.com'): string => `rdsh${String(n).padStart(2, '0')}.${domain}`;
const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('compactHostNames', () => {
  test.each([
    ['a numeric run', range(1, 12).map((n) => rdsh(n)), ['rdsh[01:12].corp.contoso.com']],
    ['unsorted input', [rdsh(3), rdsh(1), rdsh(2)], ['rdsh[01:03].corp.contoso.com']],
    ['gaps, as several runs', [...range(1, 3), 5, ...range(7, 9)].map((n) => rdsh(n)), ['rdsh[01:03].corp.contoso.com', 'rdsh05.corp.contoso.com', 'rdsh[07:09].corp.contoso.com']],
    ['mixed domains, kept apart', [rdsh(1), rdsh(2), rdsh(3, 'emea.contoso.com'), rdsh(4, 'emea.contoso.com')], ['rdsh[01:02].corp.contoso.com', 'rdsh[03:04].emea.contoso.com']],
    ['different prefixes, kept apart', [rdsh(1), 'kiosk01.corp.contoso.com', rdsh(2)], ['rdsh[01:02].corp.contoso.com', 'kiosk01.corp.contoso.com']],
    ['different digit widths, kept apart', ['rdsh9.corp.contoso.com', 'rdsh10.corp.contoso.com'], ['rdsh9.corp.contoso.com', 'rdsh10.corp.contoso.com']],
    ['names without a number, unchanged', ['lic-primary.corp.contoso.com', 'gateway'], ['lic-primary.corp.contoso.com', 'gateway']],
    ['short names', ['kiosk01', 'kiosk02'], ['kiosk[01:02]']],
    ['duplicates, once', [rdsh(1), rdsh(1), rdsh(2)], ['rdsh[01:02].corp.contoso.com']],
    ['IP addresses, unchanged', ['10.0.0.1', '10.0.0.2'], ['10.0.0.1', '10.0.0.2']],
    ['nothing', [], []],
  ])('compacts %s', (_case, names, expected) => {
    expect(compactHostNames(names)).toEqual(expected);
  });

  test('counts the hosts each entry stands for', () => {
    expect(compactHostRuns([...range(1, 3), 5].map((n) => rdsh(n)))).toEqual([
      { label: 'rdsh[01:03].corp.contoso.com', count: 3 },
      { label: 'rdsh05.corp.contoso.com', count: 1 },
    ]);
  });
});

describe('summariseHostNames', () => {
  test('lists every entry when there are at most five', () => {
    expect(summariseHostNames([rdsh(1), rdsh(2), 'kiosk01.corp.contoso.com'])).toBe('rdsh[01:02].corp.contoso.com, kiosk01.corp.contoso.com');
  });

  test('shows five entries and counts the hosts left out', () => {
    const names = [1, 3, 5, 7, 9, 11, 12, 13].map((n) => rdsh(n));
    expect(summariseHostNames(names)).toBe(
      'rdsh01.corp.contoso.com, rdsh03.corp.contoso.com, rdsh05.corp.contoso.com, rdsh07.corp.contoso.com, rdsh09.corp.contoso.com … and 3 more',
    );
  });
});
