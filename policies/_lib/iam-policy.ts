/**
 * IAM policy analysis: what a set of identity policies (the union of an identity's inline, attached and
 * group policies) effectively allows.
 *
 * - Actions match case-insensitively, with `*` / `?` wildcards; `NotAction` in an Allow grants everything else.
 * - An explicit Deny in the same set removes a grant when it has no condition and its resources cover the
 *   grant's resources; a Deny with a condition only *may* remove it, and is named on the grant.
 * - A condition on the Allow makes the grant conditional: kept, and shown in the evidence.
 * - A permissions boundary keeps only what it also allows.
 * Compiled documents are cached per document object, and each set memoizes per action, so shared managed
 * policies are matched once however many identities use them. SCPs and resource policies are out of scope.
 */
import type { IamCondition, IamPolicyDocument, IamStatement } from '../../src/model/aws/iam.js';
import { type AccessLevel, type CatalogAction, actionsAtLevel, globRegExp, isReadStyleName } from './iam-actions.js';

/** Where a policy comes from. */
export interface PolicySource {
  /** The identity it is attached to or embedded in: `user/alice`, `group/developers`, `role/ci`. */
  identity: string;
  /** Policy name. */
  policy: string;
  /** Managed policies only. */
  policyArn?: string;
  kind: 'inline' | 'managed' | 'boundary';
}

export interface SourcedDocument {
  source: PolicySource;
  document: IamPolicyDocument;
}

/** One Allow statement that grants an action, with everything an auditor needs to find it. */
export interface Grant {
  identity: string;
  policy: string;
  policyArn?: string;
  policyType: PolicySource['kind'];
  /** `Sid`, or `statement[i]` when the statement has none. */
  statement: string;
  /** `Resource` as written; `NotResource` values are prefixed `NOT `. */
  resources: string[];
  /** The statement covers every resource of the action (`*`, `type/*`, a `NotResource`). */
  unconstrained: boolean;
  /** The grant holds only when this condition is met. */
  condition?: IamCondition;
  /** Deny statements whose condition may take the grant away (`identity policy statement`). */
  conditionalDenies?: string[];
  /** The permissions boundary that narrows this grant to specific resources. */
  boundedBy?: string;
}

// ---------------------------------------------------------------- compiling

interface ActionMatcher {
  all: boolean;
  exact: Set<string>;
  globs: RegExp[];
}

function compileMatcher(patterns: string[]): ActionMatcher {
  const m: ActionMatcher = { all: false, exact: new Set(), globs: [] };
  for (const raw of patterns) {
    const p = raw.trim();
    if (p === '*' || p === '*:*') m.all = true;
    else if (p.includes('*') || p.includes('?')) m.globs.push(globRegExp(p, true));
    else m.exact.add(p.toLowerCase());
  }
  return m;
}

function testMatcher(m: ActionMatcher, action: string): boolean {
  return m.all || m.exact.has(action) || m.globs.some((re) => re.test(action));
}

export interface CompiledStatement {
  index: number;
  label: string;
  statement: IamStatement;
  allow: boolean;
  action: ActionMatcher | null;
  notAction: ActionMatcher | null;
  unconstrained: boolean;
  /** Catalogue actions per access level this statement grants (filled on demand). */
  levels?: Map<AccessLevel, CatalogAction[]>;
}

interface CompiledDocument {
  statements: CompiledStatement[];
  memo: Map<string, number[]>;
}

const compiledDocs = new WeakMap<IamPolicyDocument, CompiledDocument>();

export function statementLabel(s: IamStatement, index: number): string {
  return s.Sid ? s.Sid : `statement[${index}]`;
}

/**
 * A resource that stands for every resource of its kind: `*`, or an ARN whose resource part is `*`, `type/*`,
 * `type:*` (all roles, all secrets, all parameters…); for S3 only `*` and `*` + `/*` (a `bucket/*` is one bucket).
 */
export function isUnconstrainedResource(r: string): boolean {
  if (r === '*') return true;
  const parts = r.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return false;
  const res = parts.slice(5).join(':');
  if (parts[2] === 's3') return res === '*' || res === '*/*';
  return res === '*' || res === '*/*' || /^[A-Za-z0-9_.-]+[/:]\*$/.test(res);
}

function statementResources(s: IamStatement): string[] {
  return s.NotResource ? s.NotResource.map((r) => `NOT ${r}`) : (s.Resource ?? ['*']);
}

function compileStatement(s: IamStatement, index: number): CompiledStatement {
  return {
    index,
    label: statementLabel(s, index),
    statement: s,
    allow: s.Effect === 'Allow',
    action: s.Action ? compileMatcher(s.Action) : null,
    notAction: s.NotAction ? compileMatcher(s.NotAction) : null,
    // A missing Resource is invalid in identity policies; treat it as everything rather than nothing.
    unconstrained: s.NotResource !== undefined || (s.Resource ?? ['*']).some(isUnconstrainedResource),
  };
}

export function compileDocument(doc: IamPolicyDocument): CompiledDocument {
  let c = compiledDocs.get(doc);
  if (!c) {
    c = { statements: doc.Statement.map(compileStatement), memo: new Map() };
    compiledDocs.set(doc, c);
  }
  return c;
}

function statementMatches(st: CompiledStatement, action: string): boolean {
  if (st.action) return testMatcher(st.action, action);
  if (st.notAction) return !testMatcher(st.notAction, action);
  return false;
}

const NONE: never[] = [];

const lowered = new Map<string, string>();
/** Rules ask for the same few hundred action names millions of times: lower-case each once. */
function lower(action: string): string {
  let l = lowered.get(action);
  if (l === undefined) {
    l = action.toLowerCase();
    if (lowered.size < 100_000) lowered.set(action, l);
  }
  return l;
}

/** Indexes of the statements of a document that match a (lower-case) action. Memoized per document. */
function matching(doc: CompiledDocument, action: string): number[] {
  let hit = doc.memo.get(action);
  if (!hit) {
    for (const st of doc.statements) if (statementMatches(st, action)) (hit ??= []).push(st.index);
    hit ??= NONE; // most actions match nothing: share one empty array instead of allocating
    doc.memo.set(action, hit);
  }
  return hit;
}

// ---------------------------------------------------------------- deny coverage

function overlap(a: string, b: string): boolean {
  return a === b || globRegExp(a, false).test(b) || globRegExp(b, false).test(a);
}

/** Does the Deny statement apply to every resource the Allow statement names? */
export function denyCovers(deny: IamStatement, allow: IamStatement): boolean {
  if (deny.NotResource) {
    if (allow.NotResource) return false;
    return (allow.Resource ?? ['*']).every((r) => !deny.NotResource!.some((nr) => overlap(nr, r)));
  }
  const denied = deny.Resource ?? ['*'];
  if (denied.includes('*')) return true;
  if (allow.NotResource) return false;
  return (allow.Resource ?? ['*']).every((r) => denied.some((d) => globRegExp(d, false).test(r)));
}

// ---------------------------------------------------------------- the permission set

interface Located {
  source: PolicySource;
  st: CompiledStatement;
}

const locLabel = (l: Located) => `${l.source.identity} ${l.source.policy} ${l.st.label}`;

const baseGrants = new WeakMap<CompiledStatement, Map<PolicySource, Grant>>();

/**
 * The grant of one statement of one attached policy. Shared (and never mutated) across every action and every
 * identity that reaches it through the same policy source: copies are made only to add denies or a boundary.
 */
function grantOf(source: PolicySource, st: CompiledStatement): Grant {
  let bySource = baseGrants.get(st);
  if (!bySource) baseGrants.set(st, (bySource = new Map()));
  let g = bySource.get(source);
  if (!g) bySource.set(source, (g = makeGrant(source, st)));
  return g;
}

function makeGrant(source: PolicySource, st: CompiledStatement): Grant {
  const g: Grant = {
    identity: source.identity,
    policy: source.policy,
    policyType: source.kind,
    statement: st.label,
    resources: statementResources(st.statement),
    unconstrained: st.unconstrained,
  };
  if (source.policyArn) g.policyArn = source.policyArn;
  if (st.statement.Condition) g.condition = st.statement.Condition;
  return g;
}

/** Is a service-wide pattern (`s3:*`, `*`, a wildcard service) — used to tell `NotAction` admin equivalents apart. */
export function isServiceWide(pattern: string): boolean {
  const [svc = '', act] = pattern.split(':');
  return pattern === '*' || act === undefined || /[*?]/.test(svc) || /^\*+$/.test(act);
}

export class PermissionSet {
  private readonly docs: { source: PolicySource; doc: CompiledDocument }[];
  private readonly denies: Located[];
  private readonly memo = new Map<string, Grant[]>();
  private readonly boundarySet?: PermissionSet;

  /**
   * @param docs the identity's policies (for users: with their groups' policies)
   * @param boundary the permissions boundary document, when one is set and resolved
   */
  constructor(
    readonly identity: string,
    docs: SourcedDocument[],
    readonly boundary?: SourcedDocument,
  ) {
    this.docs = docs.map((d) => ({ source: d.source, doc: compileDocument(d.document) }));
    this.denies = this.docs.flatMap((d) => d.doc.statements.filter((st) => !st.allow).map((st) => ({ source: d.source, st })));
    if (boundary) this.boundarySet = new PermissionSet(identity, [boundary]);
  }

  /** Every Allow statement of the set. */
  allowStatements(): Located[] {
    return this.docs.flatMap((d) => d.doc.statements.filter((st) => st.allow).map((st) => ({ source: d.source, st })));
  }

  /** Effective grants of one action (any case): Allows that no unconditional Deny covers and the boundary allows. */
  grants(action: string): Grant[] {
    const a = lower(action);
    const cached = this.memo.get(a);
    if (cached) return cached;
    // Hot path (every rule asks for dozens of actions per identity): no per-statement objects are allocated,
    // and an identity without Denies or a boundary takes the shared grant of each matching Allow as it is.
    let denies: Located[] | undefined;
    for (const d of this.denies) if (statementMatches(d.st, a)) (denies ??= []).push(d);
    let out: Grant[] = NONE;
    for (const d of this.docs) {
      const hit = matching(d.doc, a);
      for (const index of hit) {
        const st = d.doc.statements[index];
        if (!st?.allow) continue;
        const g = denies || this.boundarySet ? this.filter(d.source, st, denies ?? NONE, a) : grantOf(d.source, st);
        if (g) (out === NONE ? (out = []) : out).push(g);
      }
    }
    this.memo.set(a, out);
    return out;
  }

  /** Grants of an action on unconstrained resources. */
  unconstrainedGrants(action: string): Grant[] {
    const all = this.grants(action);
    if (all.length === 0 || all.every((g) => g.unconstrained)) return all;
    return all.filter((g) => g.unconstrained);
  }

  private filter(source: PolicySource, allow: CompiledStatement, denies: Located[], action: string): Grant | undefined {
    const conditional: string[] = [];
    for (const d of denies) {
      if (!denyCovers(d.st.statement, allow.statement)) continue;
      if (!d.st.statement.Condition) return undefined;
      conditional.push(locLabel(d));
    }
    let g = grantOf(source, allow);
    if (conditional.length) g = { ...g, conditionalDenies: conditional };
    if (this.boundarySet) {
      const bounded = this.boundarySet.grants(action);
      if (bounded.length === 0) return undefined;
      if (g.unconstrained && !bounded.some((b) => b.unconstrained)) g = { ...g, unconstrained: false, boundedBy: this.boundary!.source.policy };
    }
    return g;
  }

  private deniedOutright(action: string, allow: IamStatement): boolean {
    const a = action.toLowerCase();
    return this.denies.some((d) => !d.st.statement.Condition && statementMatches(d.st, a) && denyCovers(d.st.statement, allow));
  }

  /**
   * Statements granting every action on every resource: `Action: "*"`, or `NotAction` that excludes only
   * individual actions (no service-wide pattern), on `Resource: "*"` or a `NotResource`.
   * An unconditional Deny of `*` on `*` in the set removes them; narrower Denies are listed in `partialDenies`.
   */
  fullAdmin(): { grants: (Grant & { via: 'Action' | 'NotAction'; notAction?: string[] })[]; partialDenies: string[] } {
    const grants: (Grant & { via: 'Action' | 'NotAction'; notAction?: string[] })[] = [];
    for (const l of this.allowStatements()) {
      const s = l.st.statement;
      if (!(s.NotResource || (s.Resource ?? []).includes('*'))) continue;
      let via: 'Action' | 'NotAction' | undefined;
      if (l.st.action?.all) via = 'Action';
      else if (s.NotAction && !s.NotAction.some(isServiceWide)) via = 'NotAction';
      if (!via) continue;
      const total = this.denies.some((d) => !d.st.statement.Condition && d.st.action?.all && denyCovers(d.st.statement, s));
      if (total) continue;
      grants.push({ ...grantOf(l.source, l.st), via, ...(via === 'NotAction' ? { notAction: s.NotAction } : {}) });
    }
    if (this.boundarySet && grants.length && this.boundarySet.fullAdmin().grants.length === 0) return { grants: [], partialDenies: [] };
    const partialDenies = grants.length
      ? this.denies
          .filter((d) => !(d.st.action?.all && !d.st.statement.Condition))
          .map((d) => `${locLabel(d)}: ${(d.st.statement.Action ?? d.st.statement.NotAction?.map((x) => `NOT ${x}`) ?? []).join(', ')}`)
      : [];
    return { grants, partialDenies };
  }

  /** `service:*` patterns in Allow statements (full `*` is the full-admin rule's business), minus outright Denies. */
  serviceWildcards(): { service: string; pattern: string; grant: Grant }[] {
    const out: { service: string; pattern: string; grant: Grant }[] = [];
    for (const l of this.allowStatements()) {
      for (const p of l.st.statement.Action ?? []) {
        const service = /^([A-Za-z0-9-]+):\*+$/.exec(p.trim())?.[1]?.toLowerCase();
        if (!service) continue;
        const removed = this.denies.some(
          (d) =>
            !d.st.statement.Condition &&
            d.st.action &&
            (d.st.action.all || testMatcher(d.st.action, `${service}:*`)) &&
            denyCovers(d.st.statement, l.st.statement),
        );
        if (!removed) out.push({ service, pattern: p, grant: grantOf(l.source, l.st) });
      }
    }
    return out;
  }

  /**
   * Catalogue actions of an access level granted on unconstrained resources (e.g. every "Permissions
   * management" action: resource exposure), each with the grants that give it.
   */
  unconstrainedAtLevel(level: AccessLevel): Map<string, Grant[]> {
    const out = new Map<string, Grant[]>();
    for (const l of this.allowStatements()) {
      if (!l.st.unconstrained) continue;
      // One grant object and one one-element list per statement, shared by every action it grants (a NotAction
      // statement reaches hundreds); an action granted twice gets a list of its own.
      const g = grantOf(l.source, l.st);
      const only = [g];
      for (const a of levelActions(l.st, level)) {
        if (this.denies.length && this.deniedOutright(a.key, l.st.statement)) continue;
        if (this.boundarySet && this.boundarySet.unconstrainedGrants(a.key).length === 0) continue;
        const list = out.get(a.id);
        out.set(a.id, list ? [...list, g] : only);
      }
    }
    return out;
  }
}

const levelMemo = new Map<string, CatalogAction[]>();

/**
 * Catalogue actions of one access level a statement's Action / NotAction grants. Cached on the statement and
 * by the statement's action list (identical statements in different inline policies share the work).
 * Read-style names filed under "Permissions management" are left out (see {@link isReadStyleName}).
 */
export function levelActions(st: CompiledStatement, level: AccessLevel): CatalogAction[] {
  st.levels ??= new Map();
  let list = st.levels.get(level);
  if (list) return list;
  const s = st.statement;
  const memoKey = `${level}|${s.Action ? 'A' : 'N'}|${(s.Action ?? s.NotAction ?? []).join('\n')}`;
  list = levelMemo.get(memoKey);
  if (!list) {
    let candidates: CatalogAction[];
    if (st.action) {
      const literal = s.Action!.every((p) => !st.action!.all && !/[*?]/.test(p.split(':')[0] ?? p));
      candidates = literal
        ? [...new Set(s.Action!.map((p) => (p.split(':')[0] ?? p).toLowerCase()))].flatMap((svc) => actionsAtLevel(level, svc))
        : actionsAtLevel(level);
      candidates = candidates.filter((a) => testMatcher(st.action!, a.key));
    } else if (st.notAction) {
      candidates = actionsAtLevel(level).filter((a) => !testMatcher(st.notAction!, a.key));
    } else candidates = [];
    list = level === 'Permissions management' ? candidates.filter((a) => !isReadStyleName(a.name)) : candidates;
    levelMemo.set(memoKey, list);
  }
  st.levels.set(level, list);
  return list;
}

/** Does one document (alone) allow an action? Handy for single-policy checks and tests. */
export function documentAllows(doc: IamPolicyDocument, action: string): boolean {
  return new PermissionSet('document', [{ source: { identity: 'document', policy: 'document', kind: 'inline' }, document: doc }]).grants(action).length > 0;
}
