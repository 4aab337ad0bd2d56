import rule from '../../../policies/network/gcp-firewall-open-sensitive-port.js';
import { firewall, gcpGap } from '../../fixtures/gcp/builders.js';
import { ruleTester } from '../../support/rule-tester.js';

const tcp = (...ports: string[]) => ({ protocol: 'tcp', ports });

ruleTester(rule, {
  valid: [
    { name: 'postgres from a private range', resource: firewall('db', { sourceRanges: ['10.0.0.0/8'], allowed: [tcp('5432')] }) },
    { name: 'https from anywhere', resource: firewall('web', { sourceRanges: ['0.0.0.0/0', '::/0'], allowed: [tcp('80', '443')] }) },
    { name: 'ssh is an admin port, not sensitive', resource: firewall('ssh', { sourceRanges: ['0.0.0.0/0'], allowed: [tcp('22')] }) },
    { name: 'disabled', resource: firewall('off', { disabled: true, sourceRanges: ['0.0.0.0/0'], allowed: [tcp('5432')] }), status: 'not_applicable' },
  ],
  invalid: [
    {
      name: 'postgres and redis from anywhere',
      resource: firewall('db', { sourceRanges: ['0.0.0.0/0', '::/0'], allowed: [tcp('5432', '6379')] }),
      messageId: 'open',
      evidence: { openings: ['0.0.0.0/0, ::/0 tcp 5432 (PostgreSQL)', '0.0.0.0/0, ::/0 tcp 6379 (Redis)'] },
    },
    {
      name: 'range covering mysql',
      resource: firewall('range', { sourceRanges: ['0.0.0.0/0'], allowed: [tcp('3300-3310')] }),
      messageId: 'open',
      evidence: { openings: ['0.0.0.0/0 tcp 3306 (MySQL)'] },
    },
    {
      name: 'protocol number 6 is tcp',
      resource: firewall('num', { sourceRanges: ['0.0.0.0/0'], allowed: [{ protocol: '6', ports: ['27017'] }] }),
      messageId: 'open',
    },
    { name: 'wide public range 0.0.0.0/1', resource: firewall('wide', { sourceRanges: ['0.0.0.0/1'], allowed: [tcp('9200')] }), messageId: 'open' },
  ],
  unknown: [{ name: 'firewalls not listable', coverage: [gcpGap(['gcp.compute.firewall'])] }],
});
