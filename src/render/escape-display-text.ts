/**
 * Makes text safe to show: every control character (C0, C1, DEL, bidirectional overrides and
 * isolates) becomes a visible escape (`\x1b`, `\r`, `\u202e`), so a name echoed from a host or
 * file cannot erase, hide or reorder what a reviewer reads. Tab and line feed stay, and so does
 * a carriage return right before a line feed (a CRLF line end, as CSV has): it moves nothing. With
 * `keepStyles`, the colour sequences rdsctl itself paints with (util.styleText's bold, dim and
 * five colours) are kept; any other escape sequence is shown, not obeyed. Characters of 0x80 and
 * above are written `\uXXXX`, which inside a JSON string is the same string.
 */
import { CONTROL_CHARACTER, CONTROL_CHARACTERS, describeCharacter } from '../model/control-characters.js';

const OWN_STYLE = /^\u001b\[(?:1|2|22|31|32|33|35|36|39)m/;

export function escapeDisplayText(text: string, options: { keepStyles: boolean } = { keepStyles: false }): string {
  if (!CONTROL_CHARACTER.test(text)) return text;
  return text.replace(CONTROL_CHARACTERS, (character, offset: number) => {
    if (character === '\r' && text[offset + 1] === '\n') return character;
    if (options.keepStyles && character === '\u001b' && OWN_STYLE.test(text.slice(offset, offset + 5))) return character;
    return describeCharacter(character);
  });
}
