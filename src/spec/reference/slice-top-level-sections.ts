/**
 * Cuts a spec's YAML text into its top-level sections, so the reference can quote the example
 * spec key by key rather than keep copies that drift from it.
 */
const TOP_LEVEL_KEY = /^([A-Za-z][A-Za-z0-9_]*)\s*:/;

/** Each top-level key's lines, from the key to the line before the next key, without trailing blank lines. */
export function sliceTopLevelSections(yamlText: string): Map<string, string> {
  const sections = new Map<string, string[]>();
  let current: string[] | undefined;
  for (const line of yamlText.replaceAll('\r\n', '\n').split('\n')) {
    const key = TOP_LEVEL_KEY.exec(line)?.[1];
    if (key !== undefined) {
      current = [];
      sections.set(key, current);
    }
    current?.push(line);
  }
  return new Map([...sections].map(([key, lines]) => [key, lines.join('\n').trimEnd()]));
}
