import { defineRule } from '../../src/api/rule.js';
import { ELB_LOAD_BALANCER } from '../../src/model/aws/elb.js';
import { CLASSIC_TLS_PROTOCOLS, CLB_REFS, listenerLabel } from '../_lib/aws-elb.js';

const CLEAR = new Set(['HTTP', 'TCP']);

export default defineRule({
  id: 'aws-elb-http-listener',
  title: 'Classic Load Balancer accepts clear-text HTTP or TCP',
  severity: 'medium',
  resourceTypes: [ELB_LOAD_BALANCER],
  description:
    'Fails for an internet-facing Classic Load Balancer with a front-end listener on plain `HTTP` or `TCP`. Classic listeners cannot redirect, so such a listener always carries the traffic in clear: the message says whether the load balancer has no HTTPS/SSL listener at all (`noTls`) or serves clear text beside one (`alongsideTls`; the application itself may answer with a redirect, which Vigil cannot see: set `allowAlongsideTls` when it does). Internal load balancers are not applicable unless `includeInternal` is set.',
  risk: 'Requests and responses, including session cookies, credentials and personal data, cross the internet in clear text and can be read or altered on the path.',
  remediation: [
    'Serve clients over HTTPS only: replace the HTTP/TCP listener by an HTTPS/SSL one, or migrate to an Application Load Balancer, whose HTTP listener can redirect to HTTPS.',
    '',
    '- Console: EC2 → Load Balancers → the Classic Load Balancer → Listeners → Edit → remove HTTP:80 (add HTTPS:443 with a certificate if missing); or "Launch ALB migration wizard".',
    '- CLI: `aws elb create-load-balancer-listeners --load-balancer-name LB --listeners Protocol=HTTPS,LoadBalancerPort=443,InstanceProtocol=HTTP,InstancePort=80,SSLCertificateId=ARN` then `aws elb delete-load-balancer-listeners --load-balancer-name LB --load-balancer-ports 80`',
    '- Terraform: keep only `listener { lb_protocol = "https" … ssl_certificate_id = … }` blocks on `aws_elb`, or move to `aws_lb` with a redirecting `aws_lb_listener` on port 80.',
  ].join('\n'),
  references: [CLB_REFS.listeners, CLB_REFS.migrate, 'https://docs.aws.amazon.com/securityhub/latest/userguide/elb-controls.html#elb-3'],
  messages: {
    noTls: 'Classic Load Balancer {{name}} ({{scheme}}) serves {{listeners}} in clear text and has no HTTPS or SSL listener.',
    alongsideTls: 'Classic Load Balancer {{name}} ({{scheme}}) serves {{listeners}} in clear text beside its TLS listener(s); Classic ELB cannot redirect.',
    ok: 'Classic Load Balancer {{name}} accepts only HTTPS/SSL.',
    allowed: 'Classic Load Balancer {{name}} serves {{listeners}} beside TLS listener(s), allowed by `allowAlongsideTls`.',
    internal: 'Classic Load Balancer {{name}} is internal.',
  },
  defaults: { includeInternal: false, allowAlongsideTls: false },
  optionsSchema: {
    type: 'object',
    properties: { includeInternal: { type: 'boolean' }, allowAlongsideTls: { type: 'boolean' } },
    additionalProperties: false,
  },
  evaluate(lb, ctx) {
    const { name, scheme, listeners } = lb.data;
    if (scheme !== 'internet-facing' && !ctx.options.includeInternal) return { status: 'not_applicable', messageId: 'internal', data: { name } };
    const clear = listeners.filter((l) => CLEAR.has(l.protocol));
    if (clear.length === 0) return { status: 'pass', messageId: 'ok', data: { name } };
    const tls = listeners.some((l) => CLASSIC_TLS_PROTOCOLS.has(l.protocol));
    const data = { name, scheme: scheme ?? 'scheme unknown', listeners: clear.map(listenerLabel).join(', ') };
    if (tls && ctx.options.allowAlongsideTls) return { status: 'pass', messageId: 'allowed', data };
    return {
      status: 'fail',
      messageId: tls ? 'alongsideTls' : 'noTls',
      data,
      evidence: { arn: lb.data.arn, scheme, dnsName: lb.data.dnsName, clearListeners: clear.map((l) => ({ protocol: l.protocol, port: l.port })) },
    };
  },
});
