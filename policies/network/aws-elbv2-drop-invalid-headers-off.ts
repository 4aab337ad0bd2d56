import { defineRule } from '../../src/api/rule.js';
import { ELBV2_LOAD_BALANCER, ELBV2_LOAD_BALANCER_ATTRIBUTES } from '../../src/model/aws/elbv2.js';
import { ELB_REFS } from '../_lib/aws-elbv2.js';

const ATTRIBUTE = 'routing.http.drop_invalid_header_fields.enabled';

export default defineRule({
  id: 'aws-elbv2-drop-invalid-headers-off',
  title: 'Application Load Balancer forwards invalid HTTP header fields',
  severity: 'low',
  resourceTypes: [ELBV2_LOAD_BALANCER],
  inputs: [ELBV2_LOAD_BALANCER_ATTRIBUTES],
  description: `Fails for an Application Load Balancer whose attribute \`${ATTRIBUTE}\` is not \`true\` (AWS's default is \`false\`). Unknown when the attribute is not returned (moto omits it unless it was set) or the attributes could not be read; other load balancer types are not applicable.`,
  risk: 'Header names that do not match RFC 7230 reach the targets, which helps HTTP request smuggling and header-injection attacks against back ends that parse them differently from the load balancer.',
  remediation: [
    'Enable the attribute.',
    '',
    '- Console: EC2 → Load Balancers → the ALB → Attributes → Edit → "Drop invalid header fields" on.',
    `- CLI: \`aws elbv2 modify-load-balancer-attributes --load-balancer-arn ARN --attributes Key=${ATTRIBUTE},Value=true\``,
    '- Terraform: `drop_invalid_header_fields = true` on `aws_lb`.',
  ].join('\n'),
  references: [ELB_REFS.attributes, 'https://docs.aws.amazon.com/securityhub/latest/userguide/elb-controls.html#elb-4'],
  messages: {
    off: 'Load balancer {{name}} forwards invalid header fields ({{attribute}} = {{value}}).',
    on: 'Load balancer {{name}} drops invalid header fields.',
    notAlb: 'Load balancer {{name}} is not an Application Load Balancer.',
    notReturned: 'Load balancer {{name}}: {{attribute}} was not returned, so whether invalid headers are dropped is unknown.',
  },
  evaluate(lb) {
    const name = lb.data.name;
    if (lb.data.type !== 'application') return { status: 'not_applicable', messageId: 'notAlb', data: { name } };
    const value = lb.data.attributes?.[ATTRIBUTE];
    if (value === undefined) return { status: 'unknown', messageId: 'notReturned', data: { name, attribute: ATTRIBUTE } };
    if (value === 'true') return { status: 'pass', messageId: 'on', data: { name } };
    return {
      status: 'fail',
      messageId: 'off',
      data: { name, attribute: ATTRIBUTE, value },
      evidence: { arn: lb.data.arn, scheme: lb.data.scheme, [ATTRIBUTE]: value },
    };
  },
});
