/**
 * Parses the live copy a host at a time as its text arrives, so that a 100,000-host copy (54 MB)
 * is never held as one string while it is parsed. It relies on the layout rdsctl writes
 * (serialize-estate.ts): the top-level keys indented two spaces, `"hosts": [` on its own line,
 * then each host on a line of its own, every line but the last ending in `,`.
 *
 * The result is exactly `JSON.parse` of the whole text, whatever the text:
 * - the head up to `"hosts": ` must complete, with `0}`, to an object whose last key is
 *   `hosts`: so the array that follows is the value of the top-level `hosts`;
 * - each line of the array, without its final `,`, must parse on its own as one JSON value; a
 *   JSON string never holds a raw line break, so no value spans lines, and `[`, the values
 *   joined by commas and line breaks, and `]` is the array of those values;
 * - the rest must hold no other `"hosts"` (a later duplicate key wins in `JSON.parse`), and the
 *   document must parse with the array replaced by `0`.
 * Text laid out any other way (indented hosts, reformatted by hand, compact, no hosts,
 * truncated) gives `undefined`, and the caller parses it whole.
 */
import type { LabEstate } from './lab-estate.js';

const HOSTS_KEY = '\n  "hosts": ';
const HOSTS_START = `${HOSTS_KEY}[\n`;
/** The head (top-level keys before the hosts) is small: `formatVersion` and the lab's settings. */
const MAX_HEAD = 64 * 1024;
const LINE_END = '\n';
const COMMA = 0x2c;
const HOSTS_END = '\n  ]';

export class LiveCopyByHostParser {
  private pending = '';
  /** The text before the hosts array, once its start was seen. */
  private head: string | undefined;
  private failed = false;
  private readonly hosts: unknown[] = [];
  /** What follows the hosts array, once its end was seen. */
  private tail: string[] | undefined;

  push(text: string): void {
    if (this.failed) return;
    if (this.tail) {
      this.tail.push(text);
      return;
    }
    this.pending += text;
    if (this.head === undefined && !this.start()) return;
    this.takeHosts();
  }

  /** The estate, or undefined when the text is not laid out as rdsctl writes it. */
  end(): LabEstate | undefined {
    if (this.failed || this.tail === undefined) return undefined;
    const rest = this.tail.join('');
    if (this.head === undefined || !rest.startsWith(HOSTS_END) || rest.includes('"hosts"')) return undefined;
    const document = parseOrUndefined(`${this.head}0${rest.slice(HOSTS_END.length)}`);
    if (typeof document !== 'object' || document === null || (document as { hosts?: unknown }).hosts !== 0) return undefined;
    (document as { hosts: unknown[] }).hosts = this.hosts;
    return document as LabEstate;
  }

  private start(): boolean {
    const at = this.pending.indexOf(HOSTS_START);
    if (at < 0) {
      if (this.pending.length > MAX_HEAD) this.failed = true;
      return false;
    }
    const head = this.pending.slice(0, at + HOSTS_KEY.length);
    const completed = parseOrUndefined(`${head}0}`);
    const keys = typeof completed === 'object' && completed !== null ? Object.keys(completed) : [];
    if (keys[keys.length - 1] !== 'hosts' || (completed as { hosts: unknown }).hosts !== 0) {
      this.failed = true;
      return false;
    }
    this.head = head;
    this.pending = this.pending.slice(at + HOSTS_START.length);
    return true;
  }

  private takeHosts(): void {
    let from = 0;
    for (;;) {
      const end = this.pending.indexOf(LINE_END, from);
      if (end < 0) break;
      const more = end > from && this.pending.charCodeAt(end - 1) === COMMA;
      try {
        this.hosts.push(JSON.parse(this.pending.slice(from, more ? end - 1 : end)));
      } catch {
        this.failed = true;
        return;
      }
      if (more) {
        from = end + LINE_END.length;
        continue;
      }
      this.tail = [this.pending.slice(end)];
      this.pending = '';
      return;
    }
    this.pending = this.pending.slice(from);
  }
}

function parseOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
