/**
 * Whether a plan still holds against the estate: a plan just made is fresh; a saved plan is
 * fresh or stale once re-checked (`show FILE --check`, `apply FILE`), and unchecked otherwise.
 * Renderers show it; they never decide it.
 */
export type PlanFreshness =
  | { state: 'fresh'; detail: string }
  | { state: 'stale'; reasons: string[] }
  | { state: 'unchecked'; detail: string };
