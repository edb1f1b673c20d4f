import { describe, expect, test } from 'vitest';
import { paintText } from './color.js';
import { fitHostNames, visibleLength, wrapLine } from './fit-text.js';
import { formatTable } from './format-table.js';
import { textWidth } from './terminal-width.js';

describe('wrapLine', () => {
  test('leaves a line that fits alone', () => {
    expect(wrapLine('    (the GPO lists the servers)', 31)).toEqual(['    (the GPO lists the servers)']);
  });

  test('wraps at spaces with the line’s indent and two more spaces', () => {
    expect(wrapLine('    cause: the licence server is not activated yet', 30)).toEqual([
      '    cause: the licence server',
      '      is not activated yet',
    ]);
  });

  test('never splits an address, and keeps a heading’s # with its subject', () => {
    expect(wrapLine('  # gpo[RDS Licensing - Finance] will be updated', 34, '    ')).toEqual([
      '  # gpo[RDS Licensing - Finance]',
      '    will be updated',
    ]);
  });

  test('keeps a short quoted value whole but splits one wider than the line', () => {
    expect(wrapLine('pool "finance east" and more words', 20, '')).toEqual(['pool "finance east"', 'and more words']);
    expect(wrapLine('see: "a message far too long to fit"', 20, '')).toEqual(['see: "a message far', 'too long to fit"']);
  });

  test('a word wider than the line stays whole on its own line', () => {
    expect(wrapLine('  # licenseServer[lic01.corp.contoso.com].keyPack[ea] will be created', 30, '    ')).toEqual([
      '  # licenseServer[lic01.corp.contoso.com].keyPack[ea]',
      '    will be created',
    ]);
  });

  test('colour codes take no width and do not hide the indent', () => {
    const lines = wrapLine(paintText('  # sessionHost[kiosk03.corp.contoso.com] will be updated', 'bold', true), 44, '    ');
    expect(lines.map((line) => line.replace(/\u001b\[\d+m/g, ''))).toEqual(['  # sessionHost[kiosk03.corp.contoso.com]', '    will be updated']);
    expect(lines[0]!.startsWith('  # \u001b[1m')).toBe(true);
    expect(visibleLength(lines[0]!)).toBe(41);
  });
});

describe('fitHostNames', () => {
  const names = ['rdsh01.corp', 'rdsh02.corp', 'kiosk07.corp', 'kiosk09.corp', 'lab.corp'];

  test('shows every entry when they fit', () => {
    expect(fitHostNames('hosts: ', names, 80)).toBe('hosts: rdsh[01:02].corp, kiosk07.corp, kiosk09.corp, lab.corp');
  });

  test('elides what does not fit, counting hosts, not entries', () => {
    expect(fitHostNames('hosts: ', names, 50)).toBe('hosts: rdsh[01:02].corp, kiosk07.corp … and 2 more');
    expect(fitHostNames('hosts: ', names, 10)).toBe('hosts: rdsh[01:02].corp … and 3 more');
  });

  test('keeps the limit of five entries at any width', () => {
    const many = ['a1.x', 'a3.x', 'a5.x', 'a7.x', 'a9.x', 'b.x', 'c.x'];
    expect(fitHostNames('', many, 200)).toBe('a1.x, a3.x, a5.x, a7.x, a9.x … and 2 more');
  });
});

describe('formatTable at a width', () => {
  const header = ['HOST', 'MODE', 'SESSIONS'];
  const rows = [['rdsh01.corp.contoso.com', 'perUser', '14']];

  test('is a table when it fits', () => {
    expect(formatTable(header, rows, { indent: '  ', color: false, width: 44, rightAligned: [2] })).toEqual([
      '  HOST                     MODE     SESSIONS',
      '  rdsh01.corp.contoso.com  perUser        14',
    ]);
  });

  test('becomes one block per row when it does not, never a broken column', () => {
    expect(formatTable(header, rows, { indent: '  ', color: false, width: 43, blockLabels: ['licensing mode'] })).toEqual([
      '  rdsh01.corp.contoso.com',
      '    licensing mode: perUser',
      '    sessions: 14',
    ]);
  });
});

describe('textWidth', () => {
  test('COLUMNS wins, then the terminal, then 100 when piped', () => {
    expect(textWidth({ isTTY: true, columns: 120 }, { COLUMNS: '60' })).toBe(60);
    expect(textWidth({ isTTY: true, columns: 120 }, {})).toBe(120);
    expect(textWidth({ isTTY: false, columns: 120 }, {})).toBe(100);
    expect(textWidth({}, { COLUMNS: 'wide' })).toBe(100);
    expect(textWidth({}, { COLUMNS: '10' })).toBe(40);
  });
});
