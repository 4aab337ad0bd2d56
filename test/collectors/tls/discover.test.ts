import { describe, expect, it } from '@jest/globals';
import { discoverTlsTargets } from '../../../src/collectors/tls/discover.js';
import { defaultNacl, entry, instance, nacl, perm, sg } from '../../support/aws-ec2.js';
import { snapshotOf } from '../../support/rule-tester.js';

// Addresses here are documentation ranges in a synthetic snapshot: nothing is contacted.
describe('discoverTlsTargets', () => {
  it('derives host:443 for running instances reachable from the internet on 443', () => {
    const snap = snapshotOf([
      sg('sg-web', [perm('tcp', 443, 443, '0.0.0.0/0')]),
      sg('sg-ssh', [perm('tcp', 22, 22, '0.0.0.0/0')]),
      defaultNacl(),
      instance('i-web', { publicIpAddress: '203.0.113.10', securityGroupIds: ['sg-web'] }),
      instance('i-ssh', { publicIpAddress: '203.0.113.11', securityGroupIds: ['sg-ssh'] }),
      instance('i-private', { publicIpAddress: null, securityGroupIds: ['sg-web'] }),
      instance('i-stopped', { state: 'stopped', publicIpAddress: '203.0.113.12', securityGroupIds: ['sg-web'] }),
    ]);
    expect(discoverTlsTargets(snap)).toEqual(['https://203.0.113.10:443']);
  });

  it('honours the NACL and extra ports, and brackets IPv6 addresses', () => {
    const snap = snapshotOf([
      sg('sg-web', [perm('tcp', 8000, 9000, '0.0.0.0/0'), perm('tcp', 443, 443, '::/0')]),
      nacl('acl-1', [entry(100, 'deny', 'tcp', 443, 443, '0.0.0.0/0'), entry(200, 'allow', 'all', null, null, '0.0.0.0/0'), entry(300, 'allow', 'all', null, null, '::/0')]),
      instance('i-1', { publicIpAddress: '203.0.113.20', ipv6Addresses: ['2001:db8::20'], securityGroupIds: ['sg-web'] }),
    ]);
    expect(discoverTlsTargets(snap, [443, 8443]).sort()).toEqual(['203.0.113.20:8443', 'https://[2001:db8::20]:443']);
  });
});
