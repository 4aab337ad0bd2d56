import { defineRule } from '../../src/api/rule.js';
import { IAM_POLICY } from '../../src/model/aws/iam.js';
import { findEscalations } from '../_lib/iam-escalation.js';
import { PermissionSet } from '../_lib/iam-policy.js';
import { CREDENTIALS_EXPOSURE_ACTIONS, DATA_EXFILTRATION_ACTIONS, unconstrainedHits } from '../_lib/iam-rules.js';

export default defineRule({
  id: 'aws-iam-unattached-policy-permissive',
  title: 'Unattached customer-managed policy grants risky permissions',
  severity: 'low',
  resourceTypes: [IAM_POLICY],
  description:
    'Flags customer-managed policies attached to no user, group or role (and used as no permissions boundary) whose document would grant full admin, a privilege-escalation method, resource exposure, credentials exposure, unconstrained data reads or a service wildcard. They grant nothing today, hence the low severity; attached policies are judged through the identities that hold them.',
  risk: 'A dormant permissive policy is a loaded gun: anyone who can attach policies (or a future hurried change) turns it into live access, and reviews that only look at identities never see it.',
  remediation: [
    'Delete policies nobody uses, or narrow them before they are attached.',
    '',
    '- Console: IAM → Policies → filter "Customer managed", usage "Not attached" → delete.',
    '- CLI: `aws iam list-policy-versions --policy-arn ARN`, delete non-default versions, then `aws iam delete-policy --policy-arn ARN`.',
    '- Terraform: remove the unused `aws_iam_policy`.',
  ].join('\n'),
  references: [
    'https://github.com/salesforce/cloudsplaining#cloudsplaining',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_manage-delete.html',
  ],
  messages: {
    permissive: 'Unattached policy {{policy}} would grant {{categories}}.',
    ok: 'Unattached policy {{policy}} grants nothing risky.',
    attached: 'Policy {{policy}} is in use: judged through the identities that hold it.',
    awsManaged: 'Policy {{policy}} is AWS-managed.',
    unreadable: 'Policy {{policy}}: its default version could not be read.',
  },
  defaults: {},
  optionsSchema: { type: 'object', properties: {}, additionalProperties: false },
  evaluate(policy) {
    const p = policy.data;
    const data = { policy: p.name };
    if (p.awsManaged) return { status: 'not_applicable', messageId: 'awsManaged', data };
    if (p.attachmentCount > 0 || p.permissionsBoundaryUsageCount > 0) return { status: 'not_applicable', messageId: 'attached', data };
    if (!p.document) return { status: 'unknown', messageId: 'unreadable', data };
    const set = new PermissionSet(`policy/${p.name}`, [
      { source: { identity: `policy/${p.name}`, policy: p.name, policyArn: p.arn, kind: 'managed' }, document: p.document },
    ]);
    const found: Record<string, unknown> = {};
    const admin = set.fullAdmin().grants;
    if (admin.length) found.fullAdmin = admin.map((g) => g.statement);
    const esc = findEscalations(set, 'role', true);
    if (esc.length) found.privilegeEscalation = esc.map((e) => e.method);
    const exposure = [...set.unconstrainedAtLevel('Permissions management').keys()];
    if (exposure.length) found.resourceExposure = { count: exposure.length, examples: exposure.slice(0, 10) };
    const creds = unconstrainedHits(set, CREDENTIALS_EXPOSURE_ACTIONS).map((h) => h.action);
    if (creds.length) found.credentialsExposure = creds;
    const exfil = unconstrainedHits(set, DATA_EXFILTRATION_ACTIONS).map((h) => h.action);
    if (exfil.length) found.dataExfiltration = exfil;
    const wild = set.serviceWildcards().map((w) => `${w.pattern} (${w.grant.statement})`);
    if (wild.length) found.serviceWildcards = wild;
    const categories = Object.keys(found);
    if (!categories.length) return { status: 'pass', messageId: 'ok', data };
    return {
      status: 'fail',
      messageId: 'permissive',
      data: { ...data, categories: categories.join(', ') },
      evidence: { policy: p.name, policyArn: p.arn, ...found },
    };
  },
});
