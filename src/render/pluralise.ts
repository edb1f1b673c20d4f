/** `1 host`, `12 hosts`: a count with its noun in the right number. */
export function pluralise(count: number, singular: string, plural = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : plural}`;
}
