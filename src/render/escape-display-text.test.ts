import { styleText } from 'node:util';
import { describe, expect, it } from 'vitest';
import { escapeDisplayText } from './escape-display-text.js';

describe('escapeDisplayText', () => {
  it.each([
    ['plain text\twith tab\n', 'plain text\twith tab\n'],
    ['a\u001b[2Kb\rc', 'a\\x1b[2Kb\\rc'],
    ['CSV\r\nline ends stay, a lone\r is shown\r\r\n', 'CSV\r\nline ends stay, a lone\\r is shown\\r\r\n'],
    ['right-to-left \u202eevil', 'right-to-left \\u202eevil'],
    ['C1 CSI \u009b8m and DEL \u007f and BEL \u0007', 'C1 CSI \\u009b8m and DEL \\x7f and BEL \\x07'],
  ])('%j', (text, shown) => {
    expect(escapeDisplayText(text)).toBe(shown);
  });

  it('keeps its own colours when asked, and shows any other escape', () => {
    const green = styleText('green', 'ok', { validateStream: false });
    expect(escapeDisplayText(`${green} \u001b[8mhidden`, { keepStyles: true })).toBe(`${green} \\x1b[8mhidden`);
    expect(escapeDisplayText(green)).toBe('\\x1b[32mok\\x1b[39m');
  });

  it('leaves a JSON document the same document', () => {
    const value = { name: 'a\u202eb\u009bc\u001bd\re' };
    expect(JSON.parse(escapeDisplayText(JSON.stringify(value)))).toEqual(value);
  });
});
