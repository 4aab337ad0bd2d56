import rule from '../../../policies/network/aws-nacl-open-admin-port.js';
import { defaultNacl, entry, nacl } from '../../support/aws-ec2.js';
import { gap, ruleTester } from '../../support/rule-tester.js';

ruleTester(rule, {
  valid: [
    {
      name: 'only https from anywhere',
      resource: nacl('acl-1', [entry(100, 'allow', 'tcp', 443, 443, '0.0.0.0/0'), entry(32767, 'deny', 'all', null, null, '0.0.0.0/0')]),
    },
    {
      name: 'deny ssh before allow all-tcp',
      resource: nacl('acl-1', [
        entry(90, 'deny', 'all', null, null, '::/0'),
        entry(50, 'deny', 'tcp', 0, 1023, '0.0.0.0/0'),
        entry(60, 'deny', 'tcp', 3389, 3389, '0.0.0.0/0'),
        entry(61, 'deny', 'udp', 3389, 3389, '0.0.0.0/0'),
        entry(62, 'deny', 'tcp', 5500, 5986, '0.0.0.0/0'),
        entry(100, 'allow', 'tcp', 0, 65535, '0.0.0.0/0'),
      ]),
    },
    { name: 'ssh only from the corporate range', resource: nacl('acl-1', [entry(100, 'allow', 'tcp', 22, 22, '203.0.113.0/24')]) },
    { name: 'egress allow all only', resource: nacl('acl-1', [entry(100, 'allow', 'all', null, null, '0.0.0.0/0', true)]) },
    {
      name: 'deny-all first wins over a later allow',
      resource: nacl('acl-1', [entry(10, 'deny', 'all', null, null, '0.0.0.0/0'), entry(100, 'allow', 'all', null, null, '0.0.0.0/0')]),
    },
  ],
  invalid: [
    { name: 'default acl allows all traffic', resource: defaultNacl(), messageId: 'allTraffic', evidence: { entry: '100 allow 0.0.0.0/0 all' } },
    {
      name: 'ssh from anywhere',
      resource: nacl('acl-1', [entry(100, 'allow', 'tcp', 22, 22, '0.0.0.0/0'), entry(200, 'deny', 'all', null, null, '0.0.0.0/0')]),
      messageId: 'open',
      evidence: { entry: '100 allow 0.0.0.0/0 tcp 22', port: 22, service: 'SSH' },
    },
    {
      name: 'a partial deny does not close the port',
      resource: nacl('acl-1', [
        entry(50, 'deny', 'tcp', 22, 22, '0.0.0.0/1'),
        entry(100, 'allow', 'tcp', 0, 65535, '0.0.0.0/0'),
        entry(200, 'deny', 'all', null, null, '0.0.0.0/0'),
      ]),
      messageId: 'open',
      evidence: { entry: '100 allow 0.0.0.0/0 tcp 0-65535', port: 22 },
    },
    {
      name: 'rdp over ipv6 with ports range',
      resource: nacl('acl-1', [entry(100, 'allow', 'tcp', 3000, 4000, '::/0')]),
      messageId: 'open',
      evidence: { port: 3389, service: 'RDP' },
    },
    {
      name: 'rule order, not list order, decides',
      resource: nacl('acl-1', [entry(200, 'deny', 'tcp', 22, 22, '0.0.0.0/0'), entry(100, 'allow', 'tcp', 22, 22, '0.0.0.0/0')]),
      messageId: 'open',
      evidence: { entry: '100 allow 0.0.0.0/0 tcp 22' },
    },
  ],
  unknown: [{ name: 'network acls denied', coverage: [gap(['aws.ec2.network-acl'], { errorCode: 'UnauthorizedOperation' })] }],
});
