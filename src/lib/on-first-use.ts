/**
 * A value made the first time it is asked for, then kept: for a library that only one feature uses,
 * loaded by that feature's first call instead of by every process (and test file) that imports it.
 */
export function onFirstUse<T>(make: () => T): () => T {
  let made: { value: T } | null = null;
  return () => (made ??= { value: make() }).value;
}
