import type { SpecPath } from './loaded-spec.js';

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$-]*$/;

/** `['licenseServers', 0, 'keyPacks', 1, 'quantity']` → `licenseServers[0].keyPacks[1].quantity`. */
export function formatSpecPath(path: SpecPath): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else if (IDENTIFIER.test(segment)) text += text === '' ? segment : `.${segment}`;
    else text += `[${JSON.stringify(segment)}]`;
  }
  return text;
}
