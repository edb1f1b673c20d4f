/**
 * Fitting text lines to a width: prose wraps at spaces with a hanging indent, host lists are
 * elided with `… and N more`. Resource addresses (`gpo[RDS Licensing - Finance]`) are never
 * split, so a wrapped line can still be copied into `--target`, and a quoted value is split only
 * when it is wider than the line; a word wider than the width stays whole on a line of its own.
 * Colour codes take no width.
 */
import { compactHostRuns } from './compact-host-names.js';

const ANSI = /\u001b\[[0-9;]*m/y;
const ANSI_ALL = /\u001b\[[0-9;]*m/g;
// Colour codes, then the indent; a block heading's `# ` counts as indent so it stays with its subject.
const LEADING = /^((?:\u001b\[[0-9;]*m)*)( *(?:# )?)/;

/** Characters a terminal shows for `text`: colour codes excluded. */
export function visibleLength(text: string): number {
  return text.includes('\u001b') ? text.replace(ANSI_ALL, '').length : text.length;
}

/**
 * `line` as one or more lines of at most `width` characters, wherever it has a space to break
 * at. Continuation lines start with `hangingIndent` (default: the line's own indent and two
 * more spaces).
 */
export function wrapLine(line: string, width: number, hangingIndent?: string): string[] {
  if (visibleLength(line) <= width) return [line];
  const [leading, codes, indent] = LEADING.exec(line)! as unknown as [string, string, string];
  const hang = hangingIndent ?? ' '.repeat(indent.length + 2);
  const { words, gaps } = splitLongQuotes(splitAtBreaks(line.slice(leading.length), true), width - hang.length);
  words[0] = `${codes}${words[0] ?? ''}`;
  const lines: string[] = [];
  let current = `${indent}${words[0] ?? ''}`;
  let currentLength = visibleLength(current);
  for (let index = 1; index < words.length; index += 1) {
    const word = words[index]!;
    const gap = gaps[index - 1]!;
    const length = visibleLength(word);
    if (currentLength + gap.length + length <= width) {
      current += `${gap}${word}`;
      currentLength += gap.length + length;
      continue;
    }
    lines.push(current);
    current = `${hang}${word}`;
    currentLength = hang.length + length;
  }
  lines.push(current);
  return lines;
}

/** Every line wrapped; see `wrapLine`. */
export function wrapLines(lines: readonly string[], width: number): string[] {
  return lines.flatMap((line) => wrapLine(line, width));
}

/**
 * `prefix` and as many compacted host entries as fit in `width` (at most `limit`), then
 * `… and N more` for the hosts left out. At least one entry is always shown.
 */
export function fitHostNames(prefix: string, names: readonly string[], width: number, limit = 5): string {
  const runs = compactHostRuns(names);
  const total = runs.reduce((sum, run) => sum + run.count, 0);
  const all = runs.map((run) => run.label).join(', ');
  if (runs.length <= limit && visibleLength(prefix) + all.length <= width) return `${prefix}${all}`;
  let best = `${prefix}${runs[0]!.label} … and ${total - runs[0]!.count} more`;
  let shownText = runs[0]!.label;
  let shownHosts = runs[0]!.count;
  for (let index = 1; index < Math.min(runs.length, limit); index += 1) {
    shownText += `, ${runs[index]!.label}`;
    shownHosts += runs[index]!.count;
    const rest = total - shownHosts;
    const candidate = rest === 0 ? `${prefix}${shownText}` : `${prefix}${shownText} … and ${rest} more`;
    if (visibleLength(candidate) > width) break;
    best = candidate;
  }
  return best;
}

interface Words {
  words: string[];
  gaps: string[];
}

// A quoted value wider than the room on a line is split at its own spaces after all.
function splitLongQuotes(split: Words, room: number): Words {
  if (split.words.every((word) => visibleLength(word) <= room || !word.includes(' '))) return split;
  const words: string[] = [];
  const gaps: string[] = [];
  split.words.forEach((word, index) => {
    const parts = visibleLength(word) > room ? splitAtBreaks(word, false) : { words: [word], gaps: [] };
    words.push(...parts.words);
    gaps.push(...parts.gaps);
    if (index < split.gaps.length) gaps.push(split.gaps[index]!);
  });
  return { words, gaps };
}

// Words and the runs of spaces between them (gaps[i] follows words[i]). Spaces inside the
// brackets of an address (a `[` right after a name), or with `keepQuotes` inside double quotes,
// do not separate words.
function splitAtBreaks(text: string, keepQuotes: boolean): Words {
  const words: string[] = [];
  const gaps: string[] = [];
  let word = '';
  let inQuote = false;
  let depth = 0;
  let previous = '';
  let index = 0;
  while (index < text.length) {
    const char = text[index]!;
    if (char === '\u001b') {
      ANSI.lastIndex = index;
      const match = ANSI.exec(text);
      if (match !== null) {
        word += match[0];
        index += match[0].length;
        continue;
      }
    }
    if (inQuote) {
      if (char === '\\' && index + 1 < text.length) {
        word += text.slice(index, index + 2);
        previous = text[index + 1]!;
        index += 2;
        continue;
      }
      if (char === '"') inQuote = false;
    } else if (char === '"' && keepQuotes) {
      inQuote = true;
    } else if (char === '[' && /[\w\]]/.test(previous)) {
      depth += 1;
    } else if (char === ']' && depth > 0) {
      depth -= 1;
    } else if (char === ' ' && depth === 0) {
      let end = index;
      while (text[end] === ' ') end += 1;
      if (end === text.length) break;
      words.push(word);
      gaps.push(text.slice(index, end));
      word = '';
      previous = ' ';
      index = end;
      continue;
    }
    word += char;
    previous = char;
    index += 1;
  }
  words.push(word);
  return { words, gaps };
}
