import { InputError } from '../util/errors.js';

/** Splits `a,b , c` into `['a','b','c']`. */
export function list(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  return value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Commander collector for repeatable options (`--gcp-export a --gcp-export b`, or comma lists). */
export function collectList(value: string, previous: string[] = []): string[] {
  return [...previous, ...(list(value) ?? [])];
}

export function parsePositiveInt(name: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1) throw new InputError(`"${value}" is not a positive whole number`, undefined, name, `pass e.g. ${name} 8`);
    return n;
  };
}
