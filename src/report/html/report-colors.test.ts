import { describe, expect, it } from 'vitest';
import { COLORS } from './report-colors.js';

/** WCAG 2.2 contrast ratio of two sRGB colours written #rrggbb. */
function contrast(a: string, b: string): number {
  const luminance = (hex: string): number => {
    const [r, g, b] = [1, 3, 5].map((index) => parseInt(hex.slice(index, index + 2), 16) / 255).map((value) => (value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
  };
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light! + 0.05) / (dark! + 0.05);
}

describe('the report palette', () => {
  it.each(Object.entries(COLORS))('%s (%s) has at least 3:1 contrast against the white page', (_name, color) => {
    expect(contrast(color, '#ffffff')).toBeGreaterThanOrEqual(3);
  });

  it('keeps text, and white badge text on the info and warning colours, at 4.5:1 or more', () => {
    expect(contrast(COLORS.text, '#ffffff')).toBeGreaterThanOrEqual(4.5);
    expect(contrast(COLORS.unknown, '#ffffff')).toBeGreaterThanOrEqual(4.5);
    expect(contrast(COLORS.ending, '#ffffff')).toBeGreaterThanOrEqual(4.5);
  });
});
