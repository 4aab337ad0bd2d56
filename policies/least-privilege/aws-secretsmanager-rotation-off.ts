import { defineRule } from '../../src/api/rule.js';
import { SECRETSMANAGER_SECRET } from '../../src/model/aws/secretsmanager.js';
import { ageInDays } from '../_lib/iam-rules.js';

export default defineRule({
  id: 'aws-secretsmanager-rotation-off',
  title: 'Secrets Manager secret not rotated',
  severity: 'medium',
  resourceTypes: [SECRETSMANAGER_SECRET],
  description:
    'Flags secrets without automatic rotation, and secrets whose last rotation (or creation, if never rotated) is older than `maxAgeDays` (default 90) even though rotation is on — a rotation that keeps failing. Secrets scheduled for deletion are not applicable.',
  risk: 'A secret that never changes stays valid wherever it has leaked (logs, laptops, former staff); rotation bounds how long a leaked copy works. PCI DSS 8.3.9 / 8.6.3 and CIS ask for periodic change of credentials.',
  remediation: [
    "Turn on rotation with a rotation function (AWS provides templates for RDS, Redshift, DocumentDB and generic secrets), or managed rotation for RDS master passwords. If rotation is on but the secret is stale, check the rotation function's logs.",
    '',
    '- CLI: `aws secretsmanager rotate-secret --secret-id NAME --rotation-lambda-arn ARN --rotation-rules AutomaticallyAfterDays=30`',
    '- Terraform: `aws_secretsmanager_secret_rotation` with `rotation_rules { automatically_after_days = 30 }`.',
  ].join('\n'),
  references: [
    'https://docs.aws.amazon.com/secretsmanager/latest/userguide/rotating-secrets.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/secretsmanager-controls.html',
  ],
  messages: {
    off: 'Secret {{name}} has no automatic rotation.',
    stale: 'Secret {{name}} has rotation on but was last rotated {{age}} days ago (maximum {{max}}).',
    ok: 'Secret {{name}} rotates automatically (last rotated {{age}} days ago).',
    deleted: 'Secret {{name}} is scheduled for deletion.',
    unknownAge: 'Secret {{name}}: neither its last rotation nor its creation date was reported.',
  },
  defaults: { maxAgeDays: 90 },
  optionsSchema: { type: 'object', properties: { maxAgeDays: { type: 'integer', minimum: 1, maximum: 3650 } }, additionalProperties: false },
  evaluate(secret, ctx) {
    const d = secret.data;
    const name = d.name;
    if (d.deletedDate) return { status: 'not_applicable', messageId: 'deleted', data: { name } };
    if (!d.rotationEnabled)
      return {
        status: 'fail',
        messageId: 'off',
        data: { name },
        evidence: { secretArn: d.arn, rotationEnabled: false, lastRotatedDate: d.lastRotatedDate, createdDate: d.createdDate },
      };
    const since = d.lastRotatedDate ?? d.createdDate;
    if (!since) return { status: 'unknown', messageId: 'unknownAge', data: { name } };
    const age = ageInDays(since, ctx.now);
    const max = ctx.options.maxAgeDays;
    if (age > max)
      return {
        status: 'fail',
        messageId: 'stale',
        data: { name, age, max },
        evidence: { secretArn: d.arn, rotationEnabled: true, lastRotatedDate: d.lastRotatedDate, createdDate: d.createdDate, ageDays: age, maximumDays: max },
      };
    return { status: 'pass', messageId: 'ok', data: { name, age } };
  },
});
