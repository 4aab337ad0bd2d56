import { InputError } from '../util/errors.js';

/** Where the history store lives, parsed from `--store`. */
export type StoreSpec = { kind: 'sqlite'; path: string; label: string } | { kind: 'postgres'; url: string; label: string };

/** `--store` given without a value, or as `sqlite:`. */
export const DEFAULT_SQLITE_PATH = 'vigil-out/history.db';

const FIX = 'pass --store sqlite:PATH (default vigil-out/history.db) or --store postgres://USER@HOST:PORT/DB (password in PGPASSWORD or ~/.pgpass)';

/**
 * A store URL with its user-info (user name and password) replaced by `***`: the only form of the URL that is ever
 * printed, logged or put in an error message.
 */
export function scrubUrl(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^@/?#]*@/i, '$1***@');
}

/** Removes every URL user-info, and the given secrets, from a message (driver errors may echo the connection string). */
export function scrubMessage(message: string, secrets: string[] = []): string {
  let out = message.replace(/([a-z][a-z0-9+.-]*:\/\/)[^@\s/?#]*@/gi, '$1***@');
  for (const s of secrets) if (s.length >= 3) out = out.split(s).join('***');
  return out;
}

/** Parses `--store`: `true` (flag without value) and `sqlite:` mean the default SQLite file. */
export function parseStoreUrl(value: string | true): StoreSpec {
  if (value === true) return { kind: 'sqlite', path: DEFAULT_SQLITE_PATH, label: `sqlite:${DEFAULT_SQLITE_PATH}` };
  const v = value.trim();
  if (/^sqlite:/i.test(v)) {
    const path = v.replace(/^sqlite:(\/\/)?/i, '') || DEFAULT_SQLITE_PATH;
    return { kind: 'sqlite', path, label: `sqlite:${path}` };
  }
  if (/^postgres(ql)?:\/\//i.test(v)) {
    let parsed: URL;
    try {
      parsed = new URL(v);
    } catch {
      throw new InputError(`"${scrubUrl(v)}" is not a valid URL`, undefined, '--store', FIX);
    }
    if (!parsed.hostname && !parsed.searchParams.get('host')) throw new InputError(`"${scrubUrl(v)}" names no host`, undefined, '--store', FIX);
    return { kind: 'postgres', url: v, label: scrubUrl(v) };
  }
  throw new InputError(`unsupported store "${scrubUrl(v)}"`, undefined, '--store', FIX);
}

/** The password of a store URL, to scrub from driver messages. */
export function urlSecrets(spec: StoreSpec): string[] {
  if (spec.kind !== 'postgres') return [];
  try {
    const u = new URL(spec.url);
    return [u.password, decodeURIComponent(u.password)].filter(Boolean);
  } catch {
    return [];
  }
}
