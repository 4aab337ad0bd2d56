/**
 * Secret redaction, in one place for every layer.
 *
 * Two kinds of secrets end up in text a scanner stores or prints:
 * - the credential values the run itself signs with (the AWS access key id, secret key and session token from
 *   the resolved credential provider, the role sessions a fleet audit assumes): an endpoint that echoes the
 *   request back, or a rule error that quotes it, would otherwise copy them into the snapshot and every report.
 *   Whoever resolves such a value registers it with {@link runSecrets}; every string is cleaned of the exact
 *   values (and their URL-encoded form) at the boundaries where it is stored or printed;
 * - values that merely look like secrets (`AKIA…` keys, `Authorization:` headers, signatures, `password=…`):
 *   {@link redactPatterns} removes them from error messages, and {@link maskSecretTags} from resource tags in reports.
 */

/** What a redacted value is replaced with. */
export const REDACTED = '[REDACTED]';

/** Values shorter than this are never registered: replacing them everywhere would mangle ordinary text. */
const MIN_SECRET_LENGTH = 12;

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The exact secret values one process holds, and their removal from text. */
export class SecretRedactor {
  private readonly values = new Set<string>();
  private pattern: RegExp | undefined;

  /** Registers a secret value (and its URL-encoded form); empty and short values are ignored. */
  register(...values: Array<string | undefined | null>): void {
    for (const v of values) {
      if (typeof v !== 'string' || v.length < MIN_SECRET_LENGTH || this.values.has(v)) continue;
      this.values.add(v);
      const encoded = encodeURIComponent(v);
      if (encoded !== v) this.values.add(encoded);
      this.pattern = undefined;
    }
  }

  /** Number of values registered (encoded forms included). */
  get size(): number {
    return this.values.size;
  }

  /** Whether `text` contains a registered value. */
  leaks(text: string): boolean {
    for (const v of this.values) if (text.includes(v)) return true;
    return false;
  }

  /** `text` with every registered value replaced by {@link REDACTED}; the text itself when none is registered. */
  redact(text: string): string {
    if (this.values.size === 0 || text.length < MIN_SECRET_LENGTH) return text;
    // Longest first: a token that contains the key id is replaced whole.
    this.pattern ??= new RegExp(
      [...this.values]
        .sort((a, b) => b.length - a.length)
        .map(escapeRegExp)
        .join('|'),
      'g',
    );
    return text.replace(this.pattern, REDACTED);
  }

  /**
   * Redacts every string (values and keys) of a JSON-like value in place and returns it: the snapshot a
   * collection built, before it is written or evaluated. Nothing is walked when no value is registered.
   */
  redactInPlace<T>(value: T): T {
    if (this.values.size === 0) return value;
    const seen = new Set<object>();
    const walk = (v: unknown): unknown => {
      if (typeof v === 'string') return this.redact(v);
      if (!v || typeof v !== 'object' || seen.has(v)) return v;
      seen.add(v);
      if (Array.isArray(v)) {
        for (let i = 0; i < v.length; i++) v[i] = walk(v[i]);
        return v;
      }
      const o = v as Record<string, unknown>;
      for (const key of Object.keys(o)) {
        const clean = this.redact(key);
        const next = walk(o[key]);
        if (clean !== key) {
          delete o[key];
          o[clean] = next;
        } else o[key] = next;
      }
      return v;
    };
    return walk(value) as T;
  }

  /** Forgets every value (tests). */
  clear(): void {
    this.values.clear();
    this.pattern = undefined;
  }
}

/**
 * The credential values of this process's run. Process-wide on purpose: credentials belong to the process
 * (environment, profile, assumed roles), and a value registered by any collector must be removed from what
 * any other layer prints.
 */
export const runSecrets = new SecretRedactor();

/** Registers the values of an AWS credential identity (access key id, secret key, session token). */
export function registerAwsCredentials(c: { accessKeyId?: string; secretAccessKey?: string; sessionToken?: string } | undefined | null): void {
  if (!c) return;
  runSecrets.register(c.accessKeyId, c.secretAccessKey, c.sessionToken);
}

/**
 * Removes what looks like a credential, whoever's it is: AWS access key ids, `Authorization` headers and
 * bearer tokens, SigV4 signatures and security tokens in URLs, `password=…`-style assignments; the run's own
 * registered values first.
 */
export function redactPatterns(text: string): string {
  // The run's own values first (whole), then the shapes.
  return runSecrets
    .redact(text)
    .replace(/\b(AKIA|ASIA)[A-Z0-9]{12,}\b/g, '$1…')
    .replace(/(Authorization[=:]\s*)(Bearer|Basic|AWS4-HMAC-SHA256)?\s*[^\s&"]+/gi, '$1…')
    .replace(/Bearer\s+[A-Za-z0-9._~+/-]+=*/g, 'Bearer …')
    .replace(
      /(Signature|X-Amz-Signature|X-Amz-Security-Token|X-Amz-Credential|access_token|aws_secret_access_key|aws_session_token)([=:]\s*)[^\s&,"]+/gi,
      '$1$2…',
    )
    .replace(SECRET_ASSIGNMENT, (_m, key: string, sep: string) => `${key}${sep}${REDACTED}`);
}

/** Tag keys whose values are secrets by name. */
const SECRET_KEY =
  /password|passwd|passphrase|(^|[-_ .:])(pass|pwd)$|secret|token|api[-_ .]?key|access[-_ .]?key|private[-_ .]?key|credential|^authorization$|conn(ection)?[-_ .]?str/i;
/**
 * `password=…`, `token: …`, `apikey=…` inside a value. Not a placeholder (`$VAR`, `${{ secrets.X }}`, `<token>`) nor a
 * word shorter than four characters (`GITHUB_TOKEN: no token`), which are Vigil's own messages, not secrets.
 */
const SECRET_ASSIGNMENT =
  /\b((?:[\w-]*[-_])?(?:password|passwd|pwd|secret|token|api[-_]?key|access[-_]?key|private[-_]?key|credentials?))(\s*[=:]\s*)(?![$<[{])("[^"]*"|'[^']*'|[^\s;,&]{4,})/gi;
/** An AWS access key id, or a 40-character secret access key. */
const AWS_KEY_ID = /^(AKIA|ASIA)[A-Z0-9]{16}$/;
const AWS_SECRET_SHAPE = /^[A-Za-z0-9/+]{40}$/;

/** Shannon entropy in bits per character. */
function entropy(s: string): number {
  const counts = new Map<string, number>();
  for (const ch of s) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let h = 0;
  for (const n of counts.values()) {
    const p = n / s.length;
    h -= p * Math.log2(p);
  }
  return h;
}

/** Whether a tag value is a secret by itself: an AWS key id, or a high-entropy AWS-secret-shaped string. */
export function looksLikeSecretValue(value: string): boolean {
  const v = value.trim();
  if (AWS_KEY_ID.test(v)) return true;
  return AWS_SECRET_SHAPE.test(v) && /[a-z]/.test(v) && /[A-Z]/.test(v) && /\d/.test(v) && entropy(v) > 4;
}

/** One tag value as reports show it: hidden when its key names a secret or it looks like one, `password=…` parts masked. */
export function maskTagValue(key: string, value: string): string {
  if (value === '') return value;
  if (SECRET_KEY.test(key) || looksLikeSecretValue(value)) return REDACTED;
  return redactPatterns(value);
}

/** Tags as reports show them ({@link maskTagValue} per value); the same object when nothing is masked. */
export function maskSecretTags(tags: Record<string, string>): Record<string, string>;
export function maskSecretTags(tags: Record<string, string> | undefined): Record<string, string> | undefined;
export function maskSecretTags(tags: Record<string, string> | undefined): Record<string, string> | undefined {
  if (!tags) return tags;
  let out: Record<string, string> | undefined;
  for (const [k, v] of Object.entries(tags)) {
    const m = maskTagValue(k, v);
    if (m !== v) (out ??= { ...tags })[k] = m;
  }
  return out ?? tags;
}
