import { defineRule } from '../../src/api/rule.js';
import { ELB_LOAD_BALANCER, ELB_LOAD_BALANCER_ATTRIBUTES } from '../../src/model/aws/elb.js';
import { CLB_REFS } from '../_lib/aws-elb.js';

export default defineRule({
  id: 'aws-elb-access-logs-off',
  title: 'Classic Load Balancer access logs are off',
  severity: 'low',
  resourceTypes: [ELB_LOAD_BALANCER],
  inputs: [ELB_LOAD_BALANCER_ATTRIBUTES],
  description:
    'Fails for a Classic Load Balancer whose `AccessLog.Enabled` attribute (DescribeLoadBalancerAttributes) is not `true` (AWS’s default is off). Unknown when the attribute is not returned or the attributes could not be read.',
  risk: 'Without access logs there is no record of who reached the application through the load balancer (client IPs, paths, TLS protocol and suite negotiated), which incident response and the audit-trail requirements of PCI DSS 10 and SOC 2 CC7 rely on.',
  remediation: [
    'Enable access logs to an S3 bucket whose policy lets the regional ELB account (or the `logdelivery.elasticloadbalancing.amazonaws.com` service) write.',
    '',
    '- Console: EC2 → Load Balancers → the Classic Load Balancer → Attributes → Edit → Access logs on, S3 location.',
    '- CLI: `aws elb modify-load-balancer-attributes --load-balancer-name LB --load-balancer-attributes \'{"AccessLog":{"Enabled":true,"S3BucketName":"BUCKET","EmitInterval":5}}\'`',
    '- Terraform: `access_logs { bucket = "BUCKET" enabled = true interval = 5 }` on `aws_elb`.',
  ].join('\n'),
  references: [CLB_REFS.accessLogs, 'https://docs.aws.amazon.com/securityhub/latest/userguide/elb-controls.html#elb-5'],
  messages: {
    off: 'Classic Load Balancer {{name}} does not write access logs.',
    on: 'Classic Load Balancer {{name}} writes access logs to {{bucket}}.',
    notReturned: 'Classic Load Balancer {{name}}: the access log setting was not returned, so whether it logs is unknown.',
  },
  evaluate(lb) {
    const name = lb.data.name;
    const enabled = lb.data.attributes?.accessLogEnabled ?? null;
    if (enabled === null) return { status: 'unknown', messageId: 'notReturned', data: { name } };
    if (enabled) return { status: 'pass', messageId: 'on', data: { name, bucket: lb.data.attributes?.accessLogBucket ?? '(bucket not stated)' } };
    return { status: 'fail', messageId: 'off', data: { name }, evidence: { arn: lb.data.arn, scheme: lb.data.scheme, accessLogEnabled: false } };
  },
});
