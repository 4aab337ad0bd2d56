/**
 * A value built on first use and kept: module-level work (compiling a JSON Schema validator, reading a
 * catalogue) that a command which never needs it must not pay for at start.
 */
export function lazy<T>(build: () => T): () => T {
  let built: { value: T } | undefined;
  return () => (built ??= { value: build() }).value;
}
