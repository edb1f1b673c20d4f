/**
 * Keeps a markdown comment under a size cap (GitHub refuses comments over 65,536 characters):
 * the head always stays, then each section's items are added in order while they fit, and a
 * closing note says what was cut. A section whose first item does not fit loses its heading too.
 * Items are rendered only as they are tried, so a plan of 100,000 hosts renders the few
 * hundred that fit, not all of them.
 */
import { pluralise } from './pluralise.js';

/** Default cap: under GitHub's 65,536-character comment limit, with room for a workflow's own lines. */
export const MARKDOWN_SIZE_CAP = 60_000;

export interface MarkdownSection {
  /** Lines before the first item (a heading, a table header). */
  heading: string[];
  /** The items in order, rendered as they are taken. */
  items: Iterable<string>;
  /** How many items there are, for the note, without rendering them. */
  count: number;
  /** How items are joined: rows and bullets by a line break, blocks by a blank line. */
  joiner: '\n' | '\n\n';
  /** What one item is, for the note: `host detail`, `diagnostic`. */
  noun: string;
}

// Room kept for the closing note itself.
const NOTE_ROOM = 400;

export function fitMarkdownSections(head: string, sections: readonly MarkdownSection[], options: { cap: number; whole: string }): string {
  let text = head;
  const cut: string[] = [];
  for (const section of sections) {
    if (section.count === 0) continue;
    let added = 0;
    let body = `\n\n${section.heading.length > 0 ? `${section.heading.join('\n')}\n` : ''}`;
    for (const item of section.items) {
      const next = `${body}${added === 0 ? '' : section.joiner}${item}`;
      if (text.length + next.length + NOTE_ROOM > options.cap) break;
      body = next;
      added += 1;
    }
    if (added > 0) text += body;
    if (added < section.count) cut.push(`${section.count - added} of ${pluralise(section.count, section.noun)}`);
  }
  if (cut.length > 0) {
    text += `\n\n_Cut to stay under ${options.cap.toLocaleString('en-US')} characters: ${cut.join(', ')}. ${options.whole}_`;
  }
  return `${text}\n`;
}

/** A section's items rendered from `sources` one at a time, as the cap takes them. */
export function renderEach<T>(sources: readonly T[], render: (source: T) => string): Pick<MarkdownSection, 'items' | 'count'> {
  const items = {
    *[Symbol.iterator](): Generator<string> {
      for (const source of sources) yield render(source);
    },
  };
  return { items, count: sources.length };
}
