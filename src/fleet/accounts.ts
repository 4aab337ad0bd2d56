import { type Framework, evaluateCompliance } from '../engine/frameworks.js';
import type { EvaluationResult, Severity, StatusCounts } from '../engine/types.js';
import { SEVERITIES } from '../engine/types.js';
import type { Provider } from '../model/types.js';
import type { FleetInfo, FleetOutcome, FleetScopeDetail } from './types.js';

/** One account (AWS) or project (GCP) of a multi-account result, for the per-account views of the reports. */
export interface AccountGroup {
  provider: Provider;
  account: string;
  /** Account or project name (attacker-controlled: escape on output). */
  name: string | null;
  /** OU names (AWS) or folders (GCP) from the top down; empty when directly under the root / unknown. */
  path: string[];
  /** Fleet scans: whether the account was audited, failed or missing. */
  outcome?: FleetOutcome;
  /** Findings by status; failures a suppression accepted are not in `fail`. */
  counts: StatusCounts;
  failuresBySeverity: Record<Severity, number>;
  /** Coverage gaps in this account. */
  gaps: number;
  /** passed / (passed + failed + unknown) over the account's checks; null when it has none. */
  checkScore: number | null;
  /** Per framework, the compliance score of this account alone (same semantics as the run's score). */
  compliance: { id: string; score: number | null }[];
}

/** The framework packs behind `result.compliance`, rebuilt from it (the control → rule mapping is all it needs). */
function frameworksOf(result: EvaluationResult): Framework[] {
  return (result.compliance ?? []).map((fw) => ({
    id: fw.id,
    title: fw.title,
    version: fw.version,
    source: fw.source,
    description: '',
    // A control with neither rules nor `manual` cannot come out of an evaluation; a hand-built result may hold one.
    controls: fw.controls
      .filter((c) => c.status === 'manual' || c.rules.length > 0)
      .map((c) =>
        c.status === 'manual'
          ? { id: c.id, title: c.title, description: c.description ?? '', manual: true as const, rationale: c.rationale }
          : { id: c.id, title: c.title, description: c.description ?? '', rules: c.rules.map((r) => ({ id: r.ruleId, rationale: r.rationale })) },
      ),
  }));
}

/**
 * Per-account (AWS) / per-project (GCP) breakdown of a result with more than one account, in the order
 * of the path then the account id. Compliance per account is the engine's own evaluation over that
 * account's findings alone. Pure. Returns `[]` for a single-account result (nothing to group).
 */
export function accountGroups(result: EvaluationResult): AccountGroup[] {
  const groups = new Map<string, AccountGroup>();
  const keyOf = (provider: string, account: string) => `${provider}|${account}`;
  const get = (provider: Provider, account: string): AccountGroup => {
    let g = groups.get(keyOf(provider, account));
    if (!g) {
      g = {
        provider,
        account,
        name: null,
        path: [],
        counts: { pass: 0, fail: 0, unknown: 0, not_applicable: 0 },
        failuresBySeverity: Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>,
        gaps: 0,
        checkScore: null,
        compliance: [],
      };
      groups.set(keyOf(provider, account), g);
    }
    return g;
  };
  type Detail = FleetScopeDetail & { projectName?: string | null; folders?: string[]; projects?: Record<string, { name: string | null; folders: string[] }> };
  // GCP organization / folder scopes list where each project sits (detail.projects).
  const projects: NonNullable<Detail['projects']> = {};
  for (const s of result.snapshot.scopes) if (s.provider === 'gcp') Object.assign(projects, (s.detail as Detail | undefined)?.projects ?? {});
  const place = (g: AccountGroup, name: string | null | undefined, path: string[] | undefined) => {
    g.name ??= name ?? null;
    if (!g.path.length && path) g.path = path;
  };
  for (const s of result.snapshot.scopes) {
    if (s.provider === 'tls') continue;
    const d = (s.detail ?? {}) as Detail;
    // An organization or folder scope is not an account of its own: its projects are.
    if (s.provider === 'gcp' && /^(organizations|folders)\//.test(s.account)) continue;
    const g = get(s.provider, s.account);
    place(g, d.accountName ?? d.projectName, d.ouPath ?? d.folders);
    if (d.fleetOutcome) g.outcome = d.fleetOutcome;
  }
  for (const f of result.findings) {
    if (f.resource.provider === 'tls') continue;
    const g = get(f.resource.provider, f.resource.account);
    if (f.status === 'fail' && f.suppressed) continue;
    g.counts[f.status]++;
    if (f.status === 'fail') g.failuresBySeverity[f.severity]++;
  }
  for (const gap of result.snapshot.coverage.gaps) if (gap.provider !== 'tls') get(gap.provider, gap.account).gaps++;
  for (const g of groups.values()) {
    const project = g.provider === 'gcp' ? projects[g.account] : undefined;
    if (project) place(g, project.name, project.folders);
  }
  if (groups.size < 2) return [];

  const frameworks = frameworksOf(result);
  const findingsOf = new Map<string, EvaluationResult['findings']>();
  if (frameworks.length) {
    for (const f of result.findings) {
      const k = keyOf(f.resource.provider, f.resource.account);
      const list = findingsOf.get(k);
      if (list) list.push(f);
      else findingsOf.set(k, [f]);
    }
  }
  for (const g of groups.values()) {
    const decided = g.counts.pass + g.counts.fail + g.counts.unknown;
    g.checkScore = decided === 0 ? null : g.counts.pass / decided;
    if (frameworks.length) {
      // Suppressed failures count as the run's evaluation counts them (an accepted exception, not a failure).
      // Copies: evaluateCompliance sets `controls` on the findings it is given, and this must stay pure.
      const findings = (findingsOf.get(keyOf(g.provider, g.account)) ?? []).map((f) => ({ ...f }));
      g.compliance = evaluateCompliance({ ...result, findings }, frameworks).map((fw) => ({ id: fw.id, score: fw.score }));
    }
  }
  return [...groups.values()].sort(
    (a, b) => a.provider.localeCompare(b.provider) || a.path.join('/').localeCompare(b.path.join('/')) || a.account.localeCompare(b.account),
  );
}

/** Lines for `vigil collect` of a fleet: how many accounts were audited, and each one that failed and why. */
export function fleetSummaryLines(fleet: FleetInfo, clean: (s: string) => string): string[] {
  const by = (o: FleetOutcome) => fleet.accounts.filter((a) => a.outcome === o);
  const shard = fleet.shard ? ` shard ${fleet.shard.index}/${fleet.shard.count}` : '';
  const run = fleet.runId ? ` of run ${clean(fleet.runId)}` : '';
  const lines = [
    `organization ${clean(fleet.organizationId ?? '(unknown id)')}${shard}${run}: ${by('audited').length} accounts audited, ${by('failed').length} not audited` +
      (by('other-shard').length ? `, ${by('other-shard').length} in other shards` : '') +
      (by('inactive').length ? `, ${by('inactive').length} inactive (skipped)` : ''),
  ];
  for (const a of by('failed')) lines.push(`  not audited: ${a.id} ${clean(a.name ?? '')}: ${clean(a.reason ?? '')}`);
  return lines;
}
