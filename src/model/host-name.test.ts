import { describe, expect, it } from 'vitest';
import { canonicalHostName, isValidHostName, shortHostName } from './host-name.js';

describe('isValidHostName', () => {
  it.each([
    'rdsh01',
    'rdsh01.corp.contoso.com',
    'RDSH01.Corp.Contoso.com.',
    'a-b.c',
    '10.0.0.5',
    `${'a'.repeat(63)}.com`,
  ])('accepts %s', (name) => {
    expect(isValidHostName(name)).toBe(true);
  });

  it.each([
    '',
    '.',
    'a..b',
    '.corp.contoso.com',
    '-rdsh01.corp',
    'rdsh01-.corp',
    'rdsh01.-corp',
    'rdsh_01.corp',
    'rdsh 01',
    `${'a'.repeat(64)}.com`,
    `${'a.'.repeat(127)}ab`,
    'rdsh01.corp\n',
  ])('refuses %j', (name) => {
    expect(isValidHostName(name)).toBe(false);
  });

  it('allows 253 characters and no more', () => {
    const label = 'a'.repeat(61);
    const name = [label, label, label, label].join('.'); // 247
    expect(isValidHostName(`${name}.abcde`)).toBe(true); // 253
    expect(isValidHostName(`${name}.abcdef`)).toBe(false); // 254
  });
});

describe('canonicalHostName and shortHostName', () => {
  it('lower-cases, trims and drops a trailing dot', () => {
    expect(canonicalHostName(' RDSH01.Corp.Contoso.com. ')).toBe('rdsh01.corp.contoso.com');
    expect(canonicalHostName('rdsh01.corp.contoso.com')).toBe('rdsh01.corp.contoso.com');
  });

  it('takes the first label of the canonical name', () => {
    expect(shortHostName('RDSH01.Corp.Contoso.com.')).toBe('rdsh01');
    expect(shortHostName('Kiosk03')).toBe('kiosk03');
    expect(shortHostName('.corp')).toBe('');
  });
});
