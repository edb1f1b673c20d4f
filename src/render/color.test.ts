import { describe, expect, test } from 'vitest';
import { paintText, shouldUseColor } from './color.js';

const tty = { isTTY: true };
const pipe = { isTTY: false };

describe('shouldUseColor', () => {
  test.each([
    ['a TTY', tty, {}, undefined, true],
    ['a pipe', pipe, {}, undefined, false],
    ['a stream without isTTY', {}, {}, undefined, false],
    ['NO_COLOR on a TTY', tty, { NO_COLOR: '1' }, undefined, false],
    ['an empty NO_COLOR', tty, { NO_COLOR: '' }, undefined, true],
    ['FORCE_COLOR on a pipe', pipe, { FORCE_COLOR: '1' }, undefined, true],
    ['FORCE_COLOR=0 on a TTY', tty, { FORCE_COLOR: '0' }, undefined, false],
    ['FORCE_COLOR over NO_COLOR', pipe, { FORCE_COLOR: '1', NO_COLOR: '1' }, undefined, true],
    ['TERM=dumb on a TTY', tty, { TERM: 'dumb' }, undefined, false],
    ['--color on a pipe with NO_COLOR', pipe, { NO_COLOR: '1' }, true, true],
    ['--no-color on a TTY with FORCE_COLOR', tty, { FORCE_COLOR: '1' }, false, false],
  ])('%s', (_case, stream, env, flag, expected) => {
    expect(shouldUseColor(stream, env, flag)).toBe(expected);
  });
});

describe('paintText', () => {
  test('returns the text unchanged without colour', () => {
    expect(paintText('+', 'green', false)).toBe('+');
  });

  test('wraps the text in ANSI codes with colour, even when stdout is not a terminal', () => {
    expect(paintText('+', 'green', true)).toBe('\u001b[32m+\u001b[39m');
  });
});
