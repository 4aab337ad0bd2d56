import rule from '../../../policies/network/gcp-firewall-open-admin-port.js';
import { firewall, gcpGap } from '../../fixtures/gcp/builders.js';
import { ruleTester } from '../../support/rule-tester.js';

const T = 'gcp.compute.firewall';
const tcp = (...ports: string[]) => ({ protocol: 'tcp', ports });

ruleTester(rule, {
  valid: [
    { name: 'ssh from IAP range', resource: firewall('iap', { sourceRanges: ['35.235.240.0/20'], allowed: [tcp('22')] }) },
    { name: 'https from anywhere', resource: firewall('web', { sourceRanges: ['0.0.0.0/0'], allowed: [tcp('443')] }) },
    { name: 'ssh from tagged instances only', resource: firewall('tags', { sourceTags: ['bastion'], allowed: [tcp('22')] }) },
    { name: 'udp 22 is not ssh', resource: firewall('udp', { sourceRanges: ['0.0.0.0/0'], allowed: [{ protocol: 'udp', ports: ['22'] }] }) },
    { name: 'deny rule from anywhere', resource: firewall('deny', { sourceRanges: ['0.0.0.0/0'], denied: [tcp('22')] }) },
    { name: 'disabled rule', resource: firewall('off', { disabled: true, sourceRanges: ['0.0.0.0/0'], allowed: [tcp('22')] }), status: 'not_applicable' },
    {
      name: 'egress rule',
      resource: firewall('out', { direction: 'EGRESS', destinationRanges: ['0.0.0.0/0'], allowed: [tcp('22')] }),
      status: 'not_applicable',
    },
  ],
  invalid: [
    {
      name: 'ssh and rdp from 0.0.0.0/0',
      resource: firewall('ssh', { sourceRanges: ['0.0.0.0/0'], allowed: [tcp('22', '3389')] }),
      messageId: 'open',
      evidence: { openings: ['0.0.0.0/0 tcp 22 (SSH)', '0.0.0.0/0 tcp 3389 (RDP)'], targets: 'all instances in the network' },
    },
    {
      name: 'range from ::/0 covers rdp',
      resource: firewall('v6', { sourceRanges: ['::/0'], allowed: [tcp('3000-4000')] }),
      messageId: 'open',
      evidence: { openings: ['::/0 tcp 3389 (RDP)'] },
    },
    { name: 'protocol all', resource: firewall('all', { sourceRanges: ['0.0.0.0/0'], allowed: [{ protocol: 'all', ports: [] }] }), messageId: 'open' },
    {
      name: 'tcp without ports',
      resource: firewall('tcp', { sourceRanges: ['0.0.0.0/0'], allowed: [{ protocol: 'tcp', ports: [] }], targetTags: ['vm'] }),
      messageId: 'open',
      evidence: { targets: ['tag:vm'] },
    },
    {
      name: 'no source at all defaults to 0.0.0.0/0',
      resource: firewall('nosrc', { allowed: [tcp('22')] }),
      messageId: 'open',
      evidence: { openings: ['0.0.0.0/0 tcp 22 (SSH)'] },
    },
    {
      name: 'custom port list',
      resource: firewall('custom', { sourceRanges: ['0.0.0.0/0'], allowed: [tcp('2222')] }),
      options: { ports: [2222] },
      messageId: 'open',
    },
  ],
  unknown: [
    { name: 'firewalls not listable', coverage: [gcpGap([T])] },
    {
      name: 'this rule could not be read',
      resource: firewall('x', {}),
      coverage: [gcpGap([T], { resourceId: '//compute.googleapis.com/projects/acme-prod/global/firewalls/x', status: 'error' })],
    },
    { name: 'unparseable port spec', resource: firewall('bad', { sourceRanges: ['0.0.0.0/0'], allowed: [tcp('ssh')] }) },
  ],
});
