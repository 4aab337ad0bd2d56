import pc from 'picocolors';
import type { EvaluationResult, Severity } from '../engine/types.js';
import { SEVERITIES } from '../engine/types.js';
import { staleSuppressions } from '../engine/suppressions.js';
import type { Finding } from '../engine/types.js';
import { accountGroups } from '../fleet/accounts.js';
import { describeGap, describeSuppression, failingRules, resourceLabel, scopeSummary, stripControls, unknownBreakdown } from './common.js';

export interface TerminalOptions {
  /** Colours on; the caller passes `false` when stdout is not a TTY or NO_COLOR is set. */
  color: boolean;
  /** Paths of the reports written, listed at the end. */
  outputs?: string[];
  /** How many failing rules and coverage gaps to list (default 5). */
  top?: number;
  /** Every failing rule with every failing resource under it, every gap and every unknown group (`--verbose`). */
  verbose?: boolean;
  /**
   * Shorten long titles and messages to fit a terminal line. Off when stdout is not a terminal (a log file or
   * a pipe keeps every word); the caller passes `process.stdout.isTTY`.
   */
  truncate?: boolean;
  /** How many accounts of a multi-account run to list (default 30; accounts not audited are always listed). */
  maxAccounts?: number;
}

const pct = (x: number | null): string => (x === null ? 'n/a' : `${Math.round(x * 1000) / 10}%`);

/**
 * Multi-account runs (an AWS Organization, a GCP organization or folder): one line per account or project,
 * grouped by OU / folder, with its failures, unknowns, gaps and score (per framework when packs were
 * evaluated, else passed / decided checks), then every account that was not audited and why.
 */
function accountLines(
  result: EvaluationResult,
  c: ReturnType<typeof pc.createColors>,
  max: number,
  clean: (s: string, max?: number) => string = (s, max = 120) => cut(s, max),
): string[] {
  const groups = accountGroups(result);
  if (!groups.length) return [];
  const down = groups.filter((g) => g.outcome === 'failed' || g.outcome === 'missing');
  const label = (p: string) => (p === 'gcp' ? 'projects' : 'accounts');
  const kinds = [...new Set(groups.map((g) => label(g.provider)))].join(' and ');
  const lines = ['', c.bold(`By ${kinds}: ${n(groups.length)}`) + (down.length ? c.red(` (${n(down.length)} not audited)`) : '')];
  const idW = Math.min(30, Math.max(...groups.map((g) => clean(g.account, 30).length)));
  const nameW = Math.min(28, Math.max(4, ...groups.map((g) => clean(g.name ?? '', 28).length)));
  let lastPath: string | undefined;
  for (const g of groups.slice(0, max)) {
    const path = g.path.length ? g.path.map((p) => clean(p, 40)).join(' / ') : g.provider === 'gcp' ? '(no folder)' : '(root)';
    if (path !== lastPath) lines.push(`  ${c.dim(`${g.provider} ${path}`)}`);
    lastPath = path;
    const score = g.compliance.length ? g.compliance.map((fw) => `${clean(fw.id, 20)} ${pct(fw.score)}`).join(' · ') : `score ${pct(g.checkScore)}`;
    const head = `    ${clean(g.account, 30).padEnd(idW)}  ${clean(g.name ?? '', 28).padEnd(nameW)}  `;
    if (g.outcome === 'failed' || g.outcome === 'missing')
      lines.push(head + c.red(g.outcome === 'failed' ? 'NOT AUDITED' : 'SHARD MISSING') + c.dim(`  every check unknown`));
    else {
      const k = g.counts;
      const failed = k.fail ? c.red(`fail ${n(k.fail)}`) : c.dim('fail 0');
      lines.push(head + `${score.padEnd(12)}  ${failed} · unknown ${n(k.unknown)} · pass ${n(k.pass)}${g.gaps ? c.yellow(` · ${n(g.gaps)} gaps`) : ''}`);
    }
  }
  if (groups.length > max) lines.push(c.dim(`  … and ${n(groups.length - max)} more (see the reports)`));
  if (down.length) {
    lines.push(c.red(`Not audited: ${n(down.length)}`) + ' (their rules report unknown, never pass)');
    for (const g of down) {
      const why = result.snapshot.coverage.gaps.find(
        (x) => x.provider === g.provider && x.account === g.account && (x.service === 'sts' || x.service === 'fleet'),
      );
      const detail = why?.message?.replace(/^account \S+ was not audited: /, '');
      const head = why ? `${why.service}:${why.operation} ${why.status}${why.errorCode ? ` (${why.errorCode})` : ''}` : (g.outcome ?? '');
      lines.push(`  ${clean(g.account, 30)} ${clean(g.name ?? '', 40)}: ${clean(head, 60)}${detail ? ` — ${clean(detail, 160)}` : ''}`);
    }
  }
  return lines;
}

/**
 * `color` for a caller that did not decide: `NO_COLOR` (https://no-color.org: any non-empty value) turns
 * colours off; `FORCE_COLOR` (any value but `0` or `false`, as chalk and picocolors read it) turns them on
 * without a terminal, e.g. in a CI log that renders ANSI; otherwise colours only on a TTY.
 */
export function shouldColor(stream: { isTTY?: boolean } = process.stdout, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.NO_COLOR) return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false') return true;
  return !!stream.isTTY;
}

const cut = (s: string, max: number): string => {
  const t = stripControls(s);
  return t.length > max ? t.slice(0, max - 1) + '…' : t;
};
const n = (x: number): string => x.toLocaleString('en-US');

/** Open (not suppressed) failures per rule, in finding order. */
function failingByRule(result: EvaluationResult): Map<string, Finding[]> {
  const out = new Map<string, Finding[]>();
  for (const f of result.findings) {
    if (f.status !== 'fail' || f.suppressed) continue;
    const list = out.get(f.ruleId) ?? [];
    list.push(f);
    out.set(f.ruleId, list);
  }
  return out;
}

/** A short summary for the terminal. Every cloud-supplied string is stripped of control characters first. */
export function renderTerminal(result: EvaluationResult, opts: TerminalOptions): string {
  const c = pc.createColors(opts.color);
  const top = opts.verbose ? Infinity : (opts.top ?? 5);
  // Ids and counts are padded to columns either way; only free text (titles, messages) is shortened on a terminal.
  const clean = (s: string, max = 120): string => (opts.truncate === false ? stripControls(s) : cut(s, max));
  const sevColor: Record<Severity, (s: string) => string> = { critical: (s) => c.bold(c.red(s)), high: c.red, medium: c.yellow, low: c.cyan, info: c.dim };
  const lines: string[] = [];
  const s = result.snapshot;
  const { byStatus, failuresBySeverity, suppressed } = result.summary;

  const MAX_SCOPES = 6;
  const scopes = s.scopes.slice(0, MAX_SCOPES).map((sc) => clean(scopeSummary(sc), 80));
  const more = s.scopes.length - MAX_SCOPES;
  if (more > 0) scopes.push(`${n(more)} more scope${more === 1 ? '' : 's'}`);
  lines.push(c.bold(`Vigil ${clean(result.tool.version, 30)}`) + ` — ${n(s.resourceCount)} resources` + (scopes.length ? ` in ${scopes.join(', ')}` : ''));
  lines.push(
    `Findings: ${c.red(`${n(byStatus.fail)} fail`)} · ${c.yellow(`${n(byStatus.unknown)} unknown`)} · ${c.green(`${n(byStatus.pass)} pass`)} · ${c.dim(`${n(byStatus.not_applicable)} n/a`)}` +
      (suppressed ? ` · ${n(suppressed)} suppressed` : ''),
  );
  lines.push(
    `Open failures by severity: ${SEVERITIES.map((sv) => (failuresBySeverity[sv] ? sevColor[sv](`${sv} ${n(failuresBySeverity[sv])}`) : c.dim(`${sv} 0`))).join(' · ')}`,
  );

  const ranked = failingRules(result);
  if (ranked.length) {
    lines.push('', c.bold(opts.verbose ? 'Failing rules' : 'Top failing rules'));
    const w = Math.min(48, Math.max(...ranked.slice(0, top).map((r) => r.ruleId.length)));
    const failing = opts.verbose ? failingByRule(result) : undefined;
    for (const r of ranked.slice(0, top)) {
      lines.push(
        `  ${sevColor[r.severity](r.severity.toUpperCase().padEnd(8))} ${cut(r.ruleId, 48).padEnd(w)} ${String(r.count).padStart(6)}  ${clean(r.title, 70)}`,
      );
      for (const f of failing?.get(r.ruleId) ?? [])
        lines.push(`      ${clean(resourceLabel(f.resource), 80)} ${c.dim(clean(`${f.resource.account} ${f.resource.region}`, 60))}: ${clean(f.message, 160)}`);
    }
    if (ranked.length > top) lines.push(c.dim(`  … and ${ranked.length - top} more rules with failures (--verbose lists them all)`));
  }

  const gaps = s.coverage.gaps;
  if (gaps.length) {
    lines.push('', c.yellow(`Coverage gaps: ${n(gaps.length)}`) + ' (rules reading these report unknown, never pass)');
    for (const g of gaps.slice(0, top)) lines.push(`  ${clean(describeGap(g), 140)}`);
    if (gaps.length > top) lines.push(c.dim(`  … and ${n(gaps.length - top)} more (see the reports)`));
  } else {
    lines.push('', c.green('Coverage: every collection step was read in full.'));
  }
  // Unknowns that no coverage gap explains would otherwise look like a contradiction of the line above.
  const unknown = unknownBreakdown(result);
  const other = unknown.total - unknown.byCause.coverage;
  if (other > 0) {
    lines.push(c.yellow(`Unknown: ${n(other)} check${other === 1 ? '' : 's'} could not be decided although the data was collected`) + ' (unknown, never pass)');
    const groups = unknown.groups.filter((g) => g.cause !== 'coverage');
    for (const g of groups.slice(0, top))
      lines.push(`  ${clean(g.ruleId, 48)} ×${n(g.count)}${g.cause === 'error' ? ' (rule error)' : ''}: ${clean(g.example, 120)}`);
    if (groups.length > top) lines.push(c.dim(`  … and ${n(groups.length - top)} more rules (see the reports)`));
  }

  const stale = staleSuppressions(result.suppressions);
  if (stale.length) {
    lines.push('', c.yellow(`Suppressions needing attention: ${n(stale.length)}`));
    for (const sp of stale.slice(0, top)) lines.push(`  ${clean(describeSuppression(sp), 200)}`);
    if (stale.length > top) lines.push(c.dim(`  … and ${n(stale.length - top)} more (see the reports)`));
  }
  lines.push(...accountLines(result, c, opts.maxAccounts ?? 30, clean));

  if (result.compliance?.length) {
    lines.push('', c.bold('Compliance'));
    const w = Math.max(...result.compliance.map((fw) => clean(fw.id, 30).length));
    for (const fw of result.compliance) {
      // Pad before colouring: escape codes would count as width.
      const score = (fw.score === null ? 'n/a' : `${Math.round(fw.score * 1000) / 10}%`).padStart(6);
      const k = fw.counts;
      const colored = fw.score === null ? c.dim(score) : k.fail ? c.red(score) : k.unknown ? c.yellow(score) : c.green(score);
      // The title names the standard; a long version string ("45 CFR Part 164 Subpart C (as amended 2013)") is in the reports.
      const name = fw.version && fw.version.length <= 12 ? `${fw.title} ${fw.version}` : fw.title;
      lines.push(
        `  ${clean(fw.id, 30).padEnd(w)}  ${colored}  pass ${k.pass} · fail ${k.fail} · unknown ${k.unknown} · manual ${k.manual}  ${c.dim(clean(name, 60))}`,
      );
    }
  }

  if (opts.outputs?.length) {
    lines.push('', c.bold('Reports'));
    for (const p of opts.outputs) lines.push(`  ${clean(p, 200)}`);
  }
  return lines.join('\n');
}
