import rule from '../../../policies/logging/aws-apigateway-stage-access-logging-off.js';
import { stage } from '../../support/aws-edge.js';
import { gap, ruleTester } from '../../support/rule-tester.js';

const LOGS = 'arn:aws:logs:us-east-1:123456789012:log-group:/aws/apigateway/orders';

ruleTester(rule, {
  valid: [
    { name: 'REST stage with access logs', resource: stage('orders', 'prod', 'REST', LOGS), messageId: 'on' },
    { name: 'exempt stage', resource: stage('orders', 'dev', 'REST', null), options: { exemptStages: ['orders/dev'] }, status: 'not_applicable' },
  ],
  invalid: [
    {
      name: 'HTTP API stage without access logs',
      resource: stage('events', '$default', 'HTTP', null),
      messageId: 'off',
      data: { type: 'HTTP', api: 'events', stage: '$default' },
    },
    { name: 'WebSocket stage without access logs', resource: stage('chat', 'prod', 'WEBSOCKET', null), messageId: 'off' },
  ],
  unknown: [{ name: 'stages not listed', coverage: [gap(['aws.apigateway.stage'])] }],
});
