import { readFile } from 'node:fs/promises';
import { isIP } from 'node:net';
import { InputError } from '../../util/errors.js';

/** One TLS endpoint to scan. */
export interface TlsTarget {
  /** `host:port`, `[v6]:port`, plus `@sni` when given: the resource id. */
  id: string;
  host: string;
  port: number;
  /** SNI name from `@sni`. */
  sni?: string;
  /** `https://` → true, `tls://` → false, no scheme → undefined (decided by port). */
  https?: boolean;
  /**
   * Set when Vigil derived the target itself (`--tls-discover`), e.g. `aws instance i-0abc (123456789012 us-east-1)`.
   * Such a target is an address with no name clients are known to use, so the hostname check does not apply.
   */
  origin?: string;
}

const SYNTAX = 'write host:port, [IPv6]:port or host:port@sni-name (optionally prefixed with https:// or tls://)';

function isHostname(s: string): boolean {
  if (s.length === 0 || s.length > 253) return false;
  return s
    .replace(/\.$/, '')
    .split('.')
    .every((l) => /^[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$/i.test(l));
}

/** Parses one target; throws a plain Error with the reason (callers add file and place). */
function parseOne(raw: string): TlsTarget {
  let s = raw.trim();
  let https: boolean | undefined;
  const scheme = /^([a-z]+):\/\//i.exec(s);
  if (scheme?.[1] !== undefined) {
    const name = scheme[1].toLowerCase();
    if (name !== 'https' && name !== 'tls') throw new Error(`unsupported scheme "${scheme[1]}://"`);
    https = name === 'https';
    s = s.slice(scheme[0].length).replace(/\/$/, '');
  }
  if (s.includes('/')) throw new Error('a target has no path');
  let sni: string | undefined;
  const at = s.lastIndexOf('@');
  if (at >= 0) {
    sni = s.slice(at + 1);
    s = s.slice(0, at);
    if (!isHostname(sni) || isIP(sni)) throw new Error(`"${sni}" is not a valid SNI host name (IP addresses cannot be sent as SNI)`);
  }
  let host: string;
  let portText: string | undefined;
  if (s.startsWith('[')) {
    const end = s.indexOf(']');
    if (end < 0) throw new Error('missing "]" after the IPv6 address');
    host = s.slice(1, end);
    const rest = s.slice(end + 1);
    if (rest && !rest.startsWith(':')) throw new Error(`unexpected "${rest}" after "]"`);
    portText = rest ? rest.slice(1) : undefined;
    if (isIP(host) !== 6) throw new Error(`"${host}" is not an IPv6 address`);
  } else {
    const [first = '', second, ...more] = s.split(':');
    if (more.length) throw new Error('IPv6 addresses must be in brackets, e.g. [::1]:443');
    host = first;
    portText = second;
    if (!isIP(host) && !isHostname(host)) throw new Error(`"${host}" is not a valid host name or IP address`);
  }
  let port = 443;
  if (portText !== undefined) {
    if (!/^\d{1,5}$/.test(portText) || Number(portText) < 1 || Number(portText) > 65535) throw new Error(`"${portText}" is not a port (1-65535)`);
    port = Number(portText);
  }
  host = host.toLowerCase().replace(/\.$/, '');
  const hostPart = isIP(host) === 6 ? `[${host}]` : host;
  const target: TlsTarget = { id: `${hostPart}:${port}${sni ? `@${sni.toLowerCase()}` : ''}`, host, port };
  if (sni) target.sni = sni.toLowerCase().replace(/\.$/, '');
  if (https !== undefined) target.https = https;
  return target;
}

/** Parses one target string (`host:port`, `[::1]:443`, `host:port@sni`, port 443 when omitted). */
export function parseTarget(raw: string, file = '<targets>', place = 'target'): TlsTarget {
  try {
    return parseOne(raw);
  } catch (err) {
    throw new InputError(`invalid TLS target "${raw.trim().slice(0, 200)}": ${(err as Error).message}`, file, place, SYNTAX);
  }
}

/**
 * Parses target arguments such as `--tls a:443,b:8443` (comma-separated, spaces around commas allowed),
 * de-duplicated. A space inside an item is an error: `exa mple.com:443` is a typo, not the two targets
 * `exa` and `mple.com:443` to look up.
 */
export function parseTargetArgs(values: string[], source = '--tls'): TlsTarget[] {
  const out = new Map<string, TlsTarget>();
  for (const v of values)
    for (const item of v
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean)) {
      if (/\s/.test(item))
        throw new InputError(
          'invalid TLS target: a host name has no spaces',
          source,
          `"${item.slice(0, 200)}"`,
          'separate targets with commas (a.example:443,b.example:443)',
        );
      const t = parseTarget(item, source, `"${item.slice(0, 200)}"`);
      out.set(t.id, t);
    }
  return [...out.values()];
}

/** Parses a targets file: one target per line, `#` comments and blank lines ignored, duplicates dropped. */
export function parseTargetList(text: string, file = '<targets>'): TlsTarget[] {
  const out = new Map<string, TlsTarget>();
  text.split(/\r?\n/).forEach((line, i) => {
    const content = line.replace(/#.*$/, '').trim();
    if (!content) return;
    if (/\s/.test(content)) {
      throw new InputError(`more than one target on a line ("${content.slice(0, 200)}")`, file, `line ${i + 1}`, 'put one target per line');
    }
    const t = parseTarget(content, file, `line ${i + 1}`);
    out.set(t.id, t);
  });
  return [...out.values()];
}

/**
 * Reads and validates a targets file (see {@link parseTargetList}); returns normalized target strings
 * (`https://host:port@sni` …) ready for `collectTls({ targets })`.
 */
export async function loadTargetsFile(path: string): Promise<string[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new InputError(
      `cannot read the TLS targets file (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`,
      path,
      undefined,
      'check the path given to --tls-targets',
    );
  }
  const targets = parseTargetList(text, path);
  if (targets.length === 0) throw new InputError('no targets in the file', path, undefined, 'add one host:port per line');
  return targets.map(formatTarget);
}

/** Target string for {@link TlsCollectOptions.targets} (round-trips through {@link parseTarget}). */
export function formatTarget(t: TlsTarget): string {
  const scheme = t.https === undefined ? '' : t.https ? 'https://' : 'tls://';
  return `${scheme}${t.id}`;
}
