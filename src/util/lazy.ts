import { createRequire } from 'node:module';

/**
 * A value built on first use and kept: module-level work (compiling a JSON Schema validator, reading a
 * catalogue) that a command which never needs it must not pay for at start.
 */
export function lazy<T>(build: () => T): () => T {
  let built: { value: T } | undefined;
  return () => (built ??= { value: build() }).value;
}

const requireHere = createRequire(import.meta.url);

/**
 * A CommonJS package loaded (synchronously) on first use instead of with the module that may need it: ajv and
 * yaml cost ~75 ms to load, and an audit without a config file or framework never calls them.
 */
export function lazyRequire<T>(name: string): () => T {
  return lazy(() => requireHere(name) as T);
}
