import rule from '../../../policies/encryption/aws-dynamodb-pitr-off.js';
import { dynamoTable } from '../../support/aws-datastores.js';
import { gap, ruleTester } from '../../support/rule-tester.js';

ruleTester(rule, {
  valid: [{ name: 'PITR on', resource: dynamoTable('orders'), messageId: 'on' }],
  invalid: [
    { name: 'PITR off', resource: dynamoTable('sessions', { pointInTimeRecovery: false }), messageId: 'off', evidence: { pointInTimeRecovery: false } },
  ],
  unknown: [
    { name: 'DescribeContinuousBackups failed for the table', resource: dynamoTable('t3', { pointInTimeRecovery: null }), messageId: 'unknown' },
    { name: 'continuous backups denied in the region', resource: dynamoTable('t4'), coverage: [gap(['aws.dynamodb.continuous-backups'])] },
    { name: 'tables not listed', coverage: [gap(['aws.dynamodb.table'])] },
  ],
});
