/**
 * Terminal colour: whether to use it, and how to paint text when it is on. Renderers receive
 * the decision as `color: boolean` and never look at the environment themselves.
 */
import { styleText } from 'node:util';

export type TextStyle = 'green' | 'yellow' | 'red' | 'magenta' | 'cyan' | 'dim' | 'bold';

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
  // The caller already decided; styleText must not second-guess it by inspecting stdout.
  return styleText(style, text, { validateStream: false });
}
