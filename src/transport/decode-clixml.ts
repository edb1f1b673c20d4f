/**
 * PowerShell run with redirected streams may write its error stream as serialized CLIXML
 * (`#< CLIXML` then `<Objs>…<S S="Error">…</S>…</Objs>`), with line breaks as `_x000D__x000A_`
 * and, from pwsh 7, ANSI colour codes. This turns such stderr into readable lines and drops
 * progress records.
 */

const ANSI = /\u001b\[[0-9;?]*[ -/]*[@-~]/g;

function decodeEscapes(text: string): string {
  return text
    .replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)))
    .replace(/&amp;/g, '&');
}

export function stripAnsi(text: string): string {
  return text.replace(ANSI, '');
}

function decodeBlock(block: string): string {
  const parts: string[] = [];
  for (const match of block.matchAll(/<S S="(Error|Warning)">([\s\S]*?)<\/S>/g)) {
    parts.push(decodeEscapes(match[2] ?? ''));
  }
  return parts.join('');
}

/** Readable stderr: CLIXML blocks decoded (progress dropped), ANSI removed, blank lines trimmed. */
export function decodeClixml(stderr: string): string {
  const marker = '#< CLIXML';
  let text = '';
  let rest = stderr;
  while (rest.includes(marker)) {
    const start = rest.indexOf(marker);
    text += rest.slice(0, start);
    const afterMarker = rest.slice(start + marker.length);
    const end = afterMarker.indexOf('</Objs>');
    const block = end === -1 ? afterMarker : afterMarker.slice(0, end);
    text += decodeBlock(block);
    rest = end === -1 ? '' : afterMarker.slice(end + '</Objs>'.length);
  }
  text += rest;
  return stripAnsi(text)
    .split(/\r?\n/)
    .map((line) => line.trimEnd())
    .filter((line) => line.length > 0)
    .join('\n');
}
