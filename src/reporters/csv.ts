import type { EvaluationResult, Finding } from '../engine/types.js';
import { controlsByRule, findingControls } from './common.js';
import type { ReportFile, Reporter } from './types.js';

/**
 * The columns a spreadsheet user filters on, in order. Multi-valued fields (controls) are joined with `; `,
 * evidence is compact JSON; empty cells mean "none".
 */
export const CSV_COLUMNS = [
  'finding_id',
  'status',
  'severity',
  'rule_id',
  'rule_title',
  'pack',
  'provider',
  'account',
  'region',
  'resource_type',
  'resource_id',
  'resource_name',
  'resource_arn',
  'message',
  'controls',
  'suppressed',
  'suppression_justification',
  'suppression_expires',
  'evidence',
] as const;

/**
 * A cell a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, and the tab / carriage return that some
 * spreadsheets strip before looking) gets a leading apostrophe, the OWASP "CSV injection" advice: cloud
 * names and tags are attacker-controlled, and `=HYPERLINK(…)` in a security-group name must stay text.
 */
export function neutralizeFormula(s: string): string {
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}

/** RFC 4180: a field with a comma, quote, CR or LF is quoted, quotes doubled. */
export function csvField(s: string): string {
  const v = neutralizeFormula(s);
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

function row(f: Finding, pack: Map<string, string>, byRule: Map<string, string[]>): string[] {
  const r = f.resource;
  return [
    f.id,
    f.status,
    f.severity,
    f.ruleId,
    f.title,
    pack.get(f.ruleId) ?? '',
    r.provider,
    r.account,
    r.region,
    r.type,
    r.id,
    r.name ?? '',
    r.arn ?? '',
    f.message,
    (findingControls(f, byRule) ?? []).join('; '),
    f.suppressed ? 'yes' : 'no',
    f.suppressed?.justification ?? '',
    f.suppressed?.expires ?? '',
    f.evidence ? JSON.stringify(f.evidence) : '',
  ];
}

/**
 * One row per finding (passes included: the status column filters them), CRLF line ends as RFC 4180 says,
 * and a UTF-8 byte-order mark so spreadsheet programs read non-ASCII names as UTF-8 rather than a legacy code page.
 */
export function renderCsv(result: EvaluationResult): string {
  const pack = new Map(result.rules.map((r) => [r.id, r.pack]));
  const byRule = controlsByRule(result);
  const lines = [CSV_COLUMNS.join(',')];
  for (const f of result.findings) lines.push(row(f, pack, byRule).map(csvField).join(','));
  return `\ufeff${lines.join('\r\n')}\r\n`;
}

export const csvReporter: Reporter = { format: 'csv', render: (result): ReportFile[] => [{ name: 'findings.csv', content: renderCsv(result) }] };
