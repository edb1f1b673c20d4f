/**
 * The report's palette. Every colour that carries meaning has at least 3:1 contrast against the
 * white page (WCAG 2.2, non-text contrast), and text colours at least 4.5:1.
 */
export const COLORS = {
  text: '#1f2328',
  issued: '#1d4e89',
  available: '#4f86c6',
  overAllocated: '#b42318',
  declared: '#1f2328',
  threshold: '#b42318',
  licensed: '#1a7f37',
  running: '#4f86c6',
  ending: '#9a6700',
  expired: '#b42318',
  healthy: '#1a7f37',
  failing: '#b42318',
  unknown: '#6e7781',
} as const;
