import { defineRule } from '../../src/api/rule.js';
import { DYNAMODB_CONTINUOUS_BACKUPS, DYNAMODB_TABLE } from '../../src/model/aws/dynamodb.js';

export default defineRule({
  id: 'aws-dynamodb-pitr-off',
  title: 'DynamoDB table without point-in-time recovery',
  severity: 'medium',
  resourceTypes: [DYNAMODB_TABLE],
  inputs: [DYNAMODB_CONTINUOUS_BACKUPS],
  description: 'Flags DynamoDB tables whose point-in-time recovery (continuous backups) is off, from DescribeContinuousBackups.',
  risk: 'Without PITR, a bad deploy, a buggy batch job or a ransomware-style overwrite can only be undone from an on-demand backup, if one exists; PITR restores the table to any second of the last 35 days.',
  remediation: [
    'Turn on point-in-time recovery.',
    '',
    '- CLI: `aws dynamodb update-continuous-backups --table-name TABLE --point-in-time-recovery-specification PointInTimeRecoveryEnabled=true`',
    '- Terraform: `point_in_time_recovery { enabled = true }` on `aws_dynamodb_table`.',
  ].join('\n'),
  references: [
    'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/PointInTimeRecovery.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/dynamodb-controls.html#dynamodb-2',
  ],
  messages: {
    off: 'DynamoDB table {{name}} has point-in-time recovery off.',
    on: 'DynamoDB table {{name}} has point-in-time recovery on.',
    unknown: 'DynamoDB table {{name}}: its point-in-time recovery status could not be read.',
  },
  evaluate(table) {
    const name = table.data.name;
    if (table.data.pointInTimeRecovery === null) return { status: 'unknown', messageId: 'unknown', data: { name } };
    if (table.data.pointInTimeRecovery) return { status: 'pass', messageId: 'on', data: { name } };
    return { status: 'fail', messageId: 'off', data: { name }, evidence: { tableArn: table.data.arn, pointInTimeRecovery: false } };
  },
});
