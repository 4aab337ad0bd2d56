/**
 * `--notify URL`: what changed since the baseline run, posted to a webhook — new failures at or above a
 * severity (default high), the ones resolved, and the ones whose coverage was lost (never reported as
 * resolved). Without a delta (no history store or no baseline) nothing is posted: posting every current
 * failure on each scheduled run would page people about the same findings every night.
 *
 * Two shapes: generic JSON (`--notify-format json`) for your own receiver, and Slack-compatible Block Kit
 * (`--notify-format slack`; Mattermost and others accept it too). Every string in a finding comes from the
 * cloud and is attacker-controlled: Slack text escapes `&`, `<` and `>` (so `<!channel>` or a disguised
 * `<https://…|link>` stays text), strips control and bidi characters, and sets names in code spans (no
 * auto-linking); messages are capped in size.
 */
import type { DeltaFinding, RunDelta } from '../engine/history-types.js';
import { SEVERITIES, type EvaluationResult, type Severity } from '../engine/types.js';
import { stripControls } from '../util/text.js';
import { wellFormed } from './prometheus.js';
import { TOOL_VERSION } from '../version.js';

export type NotifyFormat = 'json' | 'slack';
export const NOTIFY_FORMATS: readonly NotifyFormat[] = ['json', 'slack'];

/** Findings listed per kind in a generic JSON notification; the rest are counted. */
export const JSON_LIST_CAP = 100;
/** Findings listed per kind in a Slack message (a section holds 3,000 characters, a message 50 blocks). */
export const SLACK_LIST_CAP = 15;
const SLACK_SECTION_MAX = 3000;
const SLACK_HEADER_MAX = 150;
const FIELD_MAX = 200;

export interface Notification {
  /** Nothing to say: no delta, or nothing at or above the severity changed. */
  empty: boolean;
  minSeverity: Severity;
  baselineRunId: string | null;
  newFindings: DeltaFinding[];
  resolvedFindings: DeltaFinding[];
  coverageLost: DeltaFinding[];
}

const atLeast = (min: Severity) => {
  const max = SEVERITIES.indexOf(min);
  return (f: DeltaFinding): boolean => {
    const i = SEVERITIES.indexOf(f.severity);
    return i >= 0 && i <= max;
  };
};
const bySeverity = (a: DeltaFinding, b: DeltaFinding): number =>
  SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) || a.ruleId.localeCompare(b.ruleId) || a.id.localeCompare(b.id);

/** What a run's notification holds: the delta's changes at or above `minSeverity`, most severe first. */
export function notificationFor(delta: RunDelta | null | undefined, minSeverity: Severity = 'high'): Notification {
  const keep = atLeast(minSeverity);
  const pick = (list: readonly DeltaFinding[] | undefined): DeltaFinding[] => (list ?? []).filter(keep).sort(bySeverity);
  const n: Notification = {
    empty: true,
    minSeverity,
    baselineRunId: delta?.baselineRunId ?? null,
    newFindings: pick(delta?.newFindings),
    resolvedFindings: pick(delta?.resolvedFindings),
    coverageLost: pick(delta?.coverageLost),
  };
  n.empty = !delta || n.newFindings.length + n.resolvedFindings.length + n.coverageLost.length === 0;
  return n;
}

const severityRange = (min: Severity): string => SEVERITIES.slice(0, SEVERITIES.indexOf(min) + 1).join('/');
const plural = (n: number, one: string, many = `${one}s`): string => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

/** One line for humans (the Slack header and `text` fallback): only Vigil's own words and counts, no cloud string. */
export function headline(n: Notification): string {
  const parts = [`${plural(n.newFindings.length, 'new failure')}`, `${n.resolvedFindings.length.toLocaleString('en-US')} resolved`];
  if (n.coverageLost.length) parts.push(`${n.coverageLost.length.toLocaleString('en-US')} no longer checked`);
  return `Vigil: ${parts.join(', ')} (${severityRange(n.minSeverity)})`;
}

function cap(s: string, max: number): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

/** A cloud string on one line: control and bidi characters removed (a newline would forge a line), length capped. */
function clean(s: string | undefined): string | undefined {
  if (s === undefined) return undefined;
  return cap(wellFormed(stripControls(s.replace(/[\r\n\t]+/g, ' '))).trim(), FIELD_MAX);
}

const cleanFinding = (f: DeltaFinding): DeltaFinding => {
  const out: DeltaFinding = {
    id: clean(f.id) ?? '',
    ruleId: clean(f.ruleId) ?? '',
    severity: f.severity,
    title: clean(f.title) ?? '',
    resourceId: clean(f.resourceId) ?? '',
  };
  for (const k of ['resourceName', 'account', 'region'] as const) {
    const v = clean(f[k]);
    if (v !== undefined) out[k] = v;
  }
  return out;
};

export interface NotifyContext {
  /** The evaluation, for the run's time and scope. */
  result?: Pick<EvaluationResult, 'evaluatedAt' | 'snapshot'>;
}

/**
 * Generic JSON: `schema` names the shape (`vigil.notification/v1`); each list holds at most
 * {@link JSON_LIST_CAP} findings, most severe first, and `omitted` counts the rest.
 */
export function jsonPayload(n: Notification, ctx: NotifyContext = {}): string {
  const list = (l: DeltaFinding[]) => l.slice(0, JSON_LIST_CAP).map(cleanFinding);
  return JSON.stringify({
    schema: 'vigil.notification/v1',
    tool: { name: 'vigil', version: TOOL_VERSION },
    text: headline(n),
    evaluatedAt: ctx.result?.evaluatedAt,
    baselineRunId: n.baselineRunId,
    minSeverity: n.minSeverity,
    counts: { new: n.newFindings.length, resolved: n.resolvedFindings.length, coverageLost: n.coverageLost.length },
    newFindings: list(n.newFindings),
    resolvedFindings: list(n.resolvedFindings),
    coverageLost: list(n.coverageLost),
    omitted: {
      new: Math.max(0, n.newFindings.length - JSON_LIST_CAP),
      resolved: Math.max(0, n.resolvedFindings.length - JSON_LIST_CAP),
      coverageLost: Math.max(0, n.coverageLost.length - JSON_LIST_CAP),
    },
  });
}

/** Slack mrkdwn: `&`, `<`, `>` as entities (Slack's own rule), after cleaning. */
export function slackEscape(s: string): string {
  return (clean(s) ?? '').replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'));
}
/** A code span: no formatting and no auto-linking inside; a backtick would close it, so it becomes a prime. */
const code = (s: string): string => `\`${slackEscape(s).replace(/`/g, 'ˋ') || ' '}\``;

function slackLine(f: DeltaFinding): string {
  const where = [f.account, f.region]
    .filter(Boolean)
    .map((x) => slackEscape(x ?? ''))
    .join('/');
  const name = f.resourceName && f.resourceName !== f.resourceId ? ` ${code(f.resourceName)}` : '';
  return `• *${f.severity.toUpperCase()}* ${code(f.ruleId)} ${slackEscape(f.title)} — ${code(f.resourceId)}${name}${where ? ` (${where})` : ''}`;
}

type Block = Record<string, unknown>;

/** Lines into sections of at most 3,000 characters each. */
function sections(title: string, list: DeltaFinding[]): Block[] {
  if (!list.length) return [];
  const lines = list.slice(0, SLACK_LIST_CAP).map((f) => cap(slackLine(f), 600));
  if (list.length > SLACK_LIST_CAP) lines.push(`_…and ${(list.length - SLACK_LIST_CAP).toLocaleString('en-US')} more (see the report)_`);
  const blocks: Block[] = [];
  let text = `*${title}*`;
  for (const line of lines) {
    if (text.length + 1 + line.length > SLACK_SECTION_MAX) {
      blocks.push({ type: 'section', text: { type: 'mrkdwn', text } });
      text = line;
    } else text += `\n${line}`;
  }
  blocks.push({ type: 'section', text: { type: 'mrkdwn', text } });
  return blocks;
}

/** Slack-compatible Block Kit: a header, one list per kind, a context line; `text` is the fallback for notifications. */
export function slackPayload(n: Notification, ctx: NotifyContext = {}): string {
  const base = n.baselineRunId === null ? 'the baseline' : `run ${code(n.baselineRunId)}`;
  const blocks: Block[] = [
    { type: 'header', text: { type: 'plain_text', text: cap(headline(n), SLACK_HEADER_MAX) } },
    ...sections(`New since ${base} (${n.newFindings.length.toLocaleString('en-US')})`, n.newFindings),
    ...sections(`Resolved since ${base} (${n.resolvedFindings.length.toLocaleString('en-US')})`, n.resolvedFindings),
    ...sections(`No longer checked — coverage lost, not resolved (${n.coverageLost.length.toLocaleString('en-US')})`, n.coverageLost),
    {
      type: 'context',
      elements: [
        {
          type: 'mrkdwn',
          text: `Vigil ${slackEscape(TOOL_VERSION)}${ctx.result ? ` · evaluated ${slackEscape(ctx.result.evaluatedAt)}` : ''} · ${severityRange(n.minSeverity)} only`,
        },
      ],
    },
  ];
  return JSON.stringify({ text: slackEscape(headline(n)), blocks });
}

export function renderNotification(n: Notification, format: NotifyFormat, ctx: NotifyContext = {}): string {
  return format === 'slack' ? slackPayload(n, ctx) : jsonPayload(n, ctx);
}
