import { defineRule } from '../../src/api/rule.js';
import { IAM_CREDENTIAL_REPORT, IAM_USER } from '../../src/model/aws/iam.js';
import { ageInDays } from '../_lib/iam-rules.js';

type Verdict = { credential: string; status: 'stale' | 'recent' | 'unknown'; lastUsed: string | null; since: string | null; neverUsed?: true };

/**
 * A credential is stale when last used more than `max` days ago. With no last-use date (`N/A`: never used;
 * `no_information`: not since tracking began in 2014) it has gone unused since it was issued, so it is stale
 * when issued more than `max` days ago (CIS AWS Foundations 1.12 reads the report the same way), and unknown
 * only when the issue date is unknown too.
 */
function judge(credential: string, lastUsed: string | null, issued: string | null, max: number, now: Date): Verdict {
  if (lastUsed) return { credential, status: ageInDays(lastUsed, now) > max ? 'stale' : 'recent', lastUsed, since: issued };
  if (issued) return { credential, status: ageInDays(issued, now) > max ? 'stale' : 'recent', lastUsed: null, since: issued, neverUsed: true };
  return { credential, status: 'unknown', lastUsed: null, since: null };
}

export default defineRule({
  id: 'aws-iam-credentials-unused',
  title: 'Credentials unused for longer than the allowed period',
  severity: 'medium',
  resourceTypes: [IAM_USER],
  inputs: [IAM_CREDENTIAL_REPORT],
  description:
    'Flags users with a console password or active access key last used more than `maxUnusedDays` (default 90) days ago, from the credential report. A credential with no last-use date (`N/A`: never used, `no_information`: not since 2014) counts as unused since it was issued (key rotation date, password change or user creation), as CIS AWS Foundations 1.12 reads the report; the result is unknown only when that date is unknown too.',
  risk: 'Credentials nobody uses are credentials nobody watches: they belong to people who left or jobs that were retired, and their misuse goes unnoticed.',
  remediation: [
    'Deactivate unused keys and remove unused console passwords; delete users nobody owns.',
    '',
    '- Console: IAM → Users → the user → Security credentials → Manage console access → Disable; Access keys → Deactivate.',
    '- CLI: `aws iam delete-login-profile --user-name NAME`; `aws iam update-access-key --user-name NAME --access-key-id ID --status Inactive`.',
  ].join('\n'),
  references: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_finding-unused.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html#iam-22',
    'https://hub.powerpipe.io/mods/turbot/steampipe-mod-aws-compliance/controls/control.cis_v200_1_12',
  ],
  messages: {
    unused: 'User {{user}} has credentials unused for more than {{max}} days: {{credentials}}.',
    ok: 'User {{user}}: every credential was used (or issued) within {{max}} days.',
    noCredentials: 'User {{user}} has no console password and no active access key.',
    unknownUse: 'User {{user}}: last use of {{credentials}} is unknown.',
    notInReport: 'User {{user}} is not in the credential report.',
  },
  defaults: { maxUnusedDays: 90 },
  optionsSchema: { type: 'object', properties: { maxUnusedDays: { type: 'integer', minimum: 1 } }, additionalProperties: false },
  evaluate(user, ctx) {
    const max = ctx.options.maxUnusedDays;
    const data = { user: user.data.name, max };
    const c = user.data.credentials;
    if (!c || c.passwordEnabled === null) return { status: 'unknown', messageId: 'notInReport', data };
    const verdicts: Verdict[] = [];
    if (c.passwordEnabled) verdicts.push(judge('console password', c.passwordLastUsed, c.passwordLastChanged ?? c.createdAt, max, ctx.now));
    for (const k of c.accessKeys.filter((x) => x.active)) verdicts.push(judge(`access key ${k.slot}`, k.lastUsed, k.lastRotated, max, ctx.now));
    if (!verdicts.length) return { status: 'not_applicable', messageId: 'noCredentials', data };
    const stale = verdicts.filter((v) => v.status === 'stale');
    if (stale.length)
      return {
        status: 'fail',
        messageId: 'unused',
        data: { ...data, credentials: stale.map((v) => v.credential).join(', ') },
        evidence: { identity: `user/${user.data.name}`, credentials: stale },
      };
    const unknown = verdicts.filter((v) => v.status === 'unknown');
    if (unknown.length)
      return {
        status: 'unknown',
        messageId: 'unknownUse',
        data: { ...data, credentials: unknown.map((v) => v.credential).join(', ') },
        evidence: { credentials: unknown },
      };
    return { status: 'pass', messageId: 'ok', data };
  },
});
