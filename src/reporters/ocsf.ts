import type { EvaluationResult, Finding, RuleMeta, Severity, Status } from '../engine/types.js';
import { controlsByRule, findingControls, jsonArrayLines } from './common.js';
import type { ReportFile, Reporter } from './types.js';
import { maskSecretTags } from '../model/redaction.js';

/** The OCSF release the events follow (`metadata.version`); test/fixtures vendors that release's schema. */
export const OCSF_VERSION = '1.2.0';

/** Compliance Finding: category Findings (2), class 2003; activity Create (1) gives type_uid 200301. */
const CATEGORY_UID = 2;
const CLASS_UID = 2003;
const ACTIVITY_CREATE = 1;

const SEVERITY_ID: Record<Severity, number> = { info: 1, low: 2, medium: 3, high: 4, critical: 5 };
/** `compliance.status_id`: 1 Pass, 2 Warning ("did not yield a result due to missing information"), 3 Fail, 99 Other. */
const COMPLIANCE_STATUS: Record<Status, [number, string]> = {
  pass: [1, 'Pass'],
  unknown: [2, 'Warning'],
  fail: [3, 'Fail'],
  not_applicable: [99, 'Not applicable'],
};
const CLOUD_PROVIDER: Record<string, string> = { aws: 'AWS', gcp: 'GCP' };
const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

export type OcsfEvent = Record<string, unknown>;

/** The framework ids a finding's controls belong to (`hipaa/164.312(e)(1)` → `hipaa`), with the pack's title when known. */
function standards(controls: string[], titles: Map<string, string>): string[] {
  const ids = [...new Set(controls.map((c) => c.split('/')[0] ?? c))];
  return ids.map((id) => titles.get(id) ?? id);
}

function event(f: Finding, meta: RuleMeta | undefined, result: EvaluationResult, byRule: Map<string, string[]>, titles: Map<string, string>): OcsfEvent {
  const ref = f.resource;
  const time = Date.parse(result.evaluatedAt);
  const controls = findingControls(f, byRule) ?? [];
  const [statusId, statusName] = COMPLIANCE_STATUS[f.status];
  const cloud = CLOUD_PROVIDER[ref.provider];
  const resource: Record<string, unknown> = { uid: ref.arn ?? ref.id, type: ref.type, name: ref.name ?? ref.id };
  if (ref.region !== 'global') resource.region = ref.region;
  if (cloud && ref.arn?.startsWith('arn:')) resource.cloud_partition = ref.arn.split(':')[1];
  if (ref.tags && Object.keys(ref.tags).length) resource.labels = Object.entries(maskSecretTags(ref.tags)).map(([k, v]) => `${k}=${v}`);
  const ev: OcsfEvent = {
    category_uid: CATEGORY_UID,
    category_name: 'Findings',
    class_uid: CLASS_UID,
    class_name: 'Compliance Finding',
    activity_id: ACTIVITY_CREATE,
    activity_name: 'Create',
    type_uid: CLASS_UID * 100 + ACTIVITY_CREATE,
    type_name: 'Compliance Finding: Create',
    time,
    severity_id: SEVERITY_ID[f.severity],
    severity: f.severity === 'info' ? 'Informational' : cap(f.severity),
    message: f.message,
    // Finding lifecycle: a config suppression is the "reviewed and accepted" state.
    status_id: f.suppressed ? 3 : 1,
    status: f.suppressed ? 'Suppressed' : 'New',
    metadata: {
      version: OCSF_VERSION,
      product: { name: 'Vigil', vendor_name: 'Vigil', version: result.tool.version },
      ...(cloud ? { profiles: ['cloud'] } : {}),
    },
    finding_info: {
      uid: f.id,
      title: f.title || f.ruleId,
      desc: meta?.description || f.message,
      created_time: time,
      types: [f.ruleId],
      product_uid: f.ruleId,
    },
    compliance: {
      standards: controls.length ? standards(controls, titles) : ['Vigil rules'],
      ...(controls.length ? { requirements: controls } : {}),
      control: f.ruleId,
      status_id: statusId,
      status: statusName,
      ...(f.status === 'unknown' ? { status_detail: f.message } : {}),
    },
    // OCSF 1.2 has one `resource` per Compliance Finding (`resources` came in 1.3).
    resource,
  };
  if (cloud) ev.cloud = { provider: cloud, account: { uid: ref.account }, ...(ref.region !== 'global' ? { region: ref.region } : {}) };
  if (meta?.remediation) ev.remediation = { desc: meta.remediation, ...(meta.references.length ? { references: meta.references } : {}) };
  const unmapped: Record<string, unknown> = {};
  if (f.evidence) unmapped.evidence = f.evidence;
  if (f.suppressed) unmapped.suppression = f.suppressed;
  if (Object.keys(unmapped).length) ev.unmapped = unmapped;
  return ev;
}

/** Every finding as an OCSF Compliance Finding event: a JSON array, one event per line. */
export function toOcsf(result: EvaluationResult): OcsfEvent[] {
  const metas = new Map(result.rules.map((r) => [r.id, r]));
  const byRule = controlsByRule(result);
  const titles = new Map((result.compliance ?? []).map((fw) => [fw.id, `${fw.title} ${fw.version}`.trim()]));
  return result.findings.map((f) => event(f, metas.get(f.ruleId), result, byRule, titles));
}

export function renderOcsf(result: EvaluationResult): string {
  return jsonArrayLines(toOcsf(result));
}

export const ocsfReporter: Reporter = { format: 'ocsf', render: (result): ReportFile[] => [{ name: 'findings.ocsf.json', content: renderOcsf(result) }] };
