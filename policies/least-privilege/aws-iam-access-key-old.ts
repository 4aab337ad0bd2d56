import { defineRule } from '../../src/api/rule.js';
import { IAM_CREDENTIAL_REPORT, IAM_USER } from '../../src/model/aws/iam.js';
import { ageInDays } from '../_lib/iam-rules.js';

export default defineRule({
  id: 'aws-iam-access-key-old',
  title: 'Active access key older than the rotation period',
  severity: 'medium',
  resourceTypes: [IAM_USER],
  inputs: [IAM_CREDENTIAL_REPORT],
  description:
    'Flags users with an active access key created or last rotated more than `maxAgeDays` (default 90) days ago, from the credential report. A key whose rotation date is unknown (`N/A`) makes the result unknown, not a pass.',
  risk: 'Long-lived keys accumulate in laptops, CI logs, container images and old repositories; the longer a key lives, the more likely it has leaked, and the harder it is to know where it is used.',
  remediation: [
    'Rotate the key (create a new one, move consumers, deactivate, then delete the old), or better, replace it with a role.',
    '',
    '- Console: IAM → Users → the user → Security credentials → Access keys.',
    '- CLI: `aws iam create-access-key --user-name NAME`, then `aws iam update-access-key --access-key-id OLD --status Inactive` and `aws iam delete-access-key --access-key-id OLD`.',
  ].join('\n'),
  references: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html#rotating_access_keys_console',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html#iam-3',
  ],
  messages: {
    old: 'User {{user}} has an active access key (slot {{slot}}) {{age}} days old (limit {{max}}).',
    ok: 'User {{user}}: every active access key is younger than {{max}} days.',
    noKeys: 'User {{user}} has no active access key.',
    unknownAge: 'User {{user}}: the age of an active access key is unknown.',
    notInReport: 'User {{user}} is not in the credential report.',
  },
  defaults: { maxAgeDays: 90 },
  optionsSchema: { type: 'object', properties: { maxAgeDays: { type: 'integer', minimum: 1 } }, additionalProperties: false },
  evaluate(user, ctx) {
    const max = ctx.options.maxAgeDays;
    const data = { user: user.data.name, max };
    const c = user.data.credentials;
    if (!c) return { status: 'unknown', messageId: 'notInReport', data };
    const active = c.accessKeys.filter((k) => k.active);
    if (!active.length) return { status: 'not_applicable', messageId: 'noKeys', data };
    const old = active.filter((k) => k.lastRotated !== null && ageInDays(k.lastRotated, ctx.now) > max);
    const [firstOld] = old;
    if (firstOld?.lastRotated) {
      const age = ageInDays(firstOld.lastRotated, ctx.now);
      return {
        status: 'fail',
        messageId: 'old',
        data: { ...data, slot: firstOld.slot, age },
        evidence: {
          identity: `user/${user.data.name}`,
          keys: old.map((k) => ({ slot: k.slot, lastRotated: k.lastRotated, ageDays: k.lastRotated === null ? null : ageInDays(k.lastRotated, ctx.now) })),
        },
      };
    }
    if (active.some((k) => k.lastRotated === null)) return { status: 'unknown', messageId: 'unknownAge', data };
    return { status: 'pass', messageId: 'ok', data };
  },
});
