/**
 * Text output made of sections with a blank line between them and a line break at the end,
 * given a section at a time: empty sections leave no blank line, and each section is rendered
 * only when the one before has been taken. A section given as an array of lines is one chunk;
 * one given lazily (a table of 100,000 hosts) is a chunk per line, never held whole.
 */
export function* sectionChunks(sections: Iterable<readonly string[] | Iterable<string>>): Generator<string> {
  let separator = '';
  for (const section of sections) {
    if (Array.isArray(section)) {
      if (section.length === 0) continue;
      yield `${separator}${section.join('\n')}`;
      separator = '\n\n';
      continue;
    }
    let before = separator;
    for (const line of section) {
      yield `${before}${line}`;
      before = '\n';
      separator = '\n\n';
    }
  }
  yield '\n';
}
