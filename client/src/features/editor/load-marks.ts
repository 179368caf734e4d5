/**
 * Performance marks of the editor's first load (`tandem:<name>`, once per page), read by `bench/client`'s
 * first-render timeline.
 */
export function markOnce(name: string): void {
  const full = `tandem:${name}`;
  if (performance.getEntriesByName(full, 'mark').length === 0) performance.mark(full);
}
