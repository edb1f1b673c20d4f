/**
 * Text and attribute values for the HTML report. Names come from hosts, GPOs and spec files, so
 * every one is escaped: the five HTML-significant characters become entities, and control and
 * bidirectional characters become visible escapes (as in the terminal), so a name can neither
 * inject markup nor hide or reorder what the reader sees.
 */
import { escapeDisplayText } from '../../render/escape-display-text.js';

const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string | number): string {
  return escapeDisplayText(String(text)).replace(/[&<>"']/g, (character) => ENTITIES[character]!);
}
