/**
 * Terminal colour: whether to use it, and how to paint text when it is on. Renderers receive
 * the decision as `color: boolean` and never look at the environment themselves.
 */

export type TextStyle = 'green' | 'yellow' | 'red' | 'magenta' | 'cyan' | 'dim' | 'bold';

// The SGR codes util.styleText writes, kept here: importing node:util as an ES module makes
// Node 22.13+ evaluate its colour defaults, which warns on stderr when NO_COLOR and FORCE_COLOR
// are both set, and costs start-up time for nothing.
const SGR: Readonly<Record<TextStyle, readonly [number, number]>> = {
  green: [32, 39],
  yellow: [33, 39],
  red: [31, 39],
  magenta: [35, 39],
  cyan: [36, 39],
  dim: [2, 22],
  bold: [1, 22],
};

/**
 * Decides whether output to `stream` should be coloured. In order of precedence:
 * an explicit `flag` (`--color` / `--no-color`); `FORCE_COLOR` (non-empty enables, except
 * `0` and `false`, which disable, as in Node); `NO_COLOR` (any non-empty value disables);
 * `TERM=dumb` disables; otherwise colour only when the stream is a TTY.
 */
export function shouldUseColor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv, flag?: boolean): boolean {
  if (flag !== undefined) return flag;
  const force = env['FORCE_COLOR'];
  if (force !== undefined && force !== '') return force !== '0' && force !== 'false';
  const noColor = env['NO_COLOR'];
  if (noColor !== undefined && noColor !== '') return false;
  if (env['TERM'] === 'dumb') return false;
  return stream.isTTY === true;
}

/** Returns `text` styled when `color` is true, and exactly `text` otherwise. */
export function paintText(text: string, style: TextStyle, color: boolean): string {
  if (!color || text === '') return text;
  const [open, close] = SGR[style];
  return `\u001b[${open}m${text}\u001b[${close}m`;
}
