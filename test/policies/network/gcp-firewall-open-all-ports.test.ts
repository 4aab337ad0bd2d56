import rule from '../../../policies/network/gcp-firewall-open-all-ports.js';
import { firewall, gcpGap } from '../../fixtures/gcp/builders.js';
import { ruleTester } from '../../support/rule-tester.js';

ruleTester(rule, {
  valid: [
    { name: 'one port from anywhere', resource: firewall('web', { sourceRanges: ['0.0.0.0/0'], allowed: [{ protocol: 'tcp', ports: ['443'] }] }) },
    {
      name: 'all ports from a private range',
      resource: firewall('internal', {
        sourceRanges: ['10.128.0.0/9'],
        allowed: [
          { protocol: 'tcp', ports: ['0-65535'] },
          { protocol: 'all', ports: [] },
        ],
      }),
    },
    { name: 'icmp from anywhere', resource: firewall('icmp', { sourceRanges: ['0.0.0.0/0'], allowed: [{ protocol: 'icmp', ports: [] }] }) },
    {
      name: 'egress all',
      resource: firewall('out', { direction: 'EGRESS', destinationRanges: ['0.0.0.0/0'], allowed: [{ protocol: 'all', ports: [] }] }),
      status: 'not_applicable',
    },
  ],
  invalid: [
    {
      name: 'protocol all from anywhere',
      resource: firewall('all', { sourceRanges: ['0.0.0.0/0'], allowed: [{ protocol: 'all', ports: [] }] }),
      messageId: 'open',
      evidence: { openings: ['0.0.0.0/0 all protocols'] },
    },
    {
      name: 'tcp without ports',
      resource: firewall('tcp', { sourceRanges: ['::/0'], allowed: [{ protocol: 'tcp', ports: [] }] }),
      messageId: 'open',
      evidence: { openings: ['::/0 tcp all ports'] },
    },
    {
      name: 'udp 1-65535',
      resource: firewall('udp', { sourceRanges: ['0.0.0.0/0'], allowed: [{ protocol: 'udp', ports: ['1-65535'] }] }),
      messageId: 'open',
      evidence: { openings: ['0.0.0.0/0 udp 1-65535'] },
    },
  ],
  unknown: [{ name: 'firewalls not listable', coverage: [gcpGap(['gcp.compute.firewall'], { status: 'throttled', errorCode: 'RESOURCE_EXHAUSTED' })] }],
});
