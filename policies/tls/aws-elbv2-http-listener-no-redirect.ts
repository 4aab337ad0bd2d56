import { defineRule } from '../../src/api/rule.js';
import { ELBV2_LISTENER } from '../../src/model/aws/elbv2.js';
import { ELB_REFS, listenerName } from '../_lib/aws-elbv2.js';

export default defineRule({
  id: 'aws-elbv2-http-listener-no-redirect',
  title: 'Load balancer HTTP listener does not redirect to HTTPS',
  severity: 'medium',
  resourceTypes: [ELBV2_LISTENER],
  description:
    'Fails for an Application Load Balancer listener on plain HTTP whose default action is anything but a redirect to `HTTPS` (a `forward`, a `fixed-response`, or a redirect that keeps `#{protocol}` or `HTTP`). Listeners of other protocols are not applicable. Only the default action is read: path or host rules of the listener (DescribeRules) are not collected yet.',
  risk: 'Requests and responses, including session cookies, credentials and personal data, cross the network in clear text and can be read or altered on the path; users who type the bare host name never reach the TLS listener.',
  remediation: [
    "Make the HTTP listener's default action a permanent redirect to HTTPS, port 443.",
    '',
    '- Console: EC2 → Load Balancers → Listeners → HTTP:80 → Edit → Default action "Redirect to URL", protocol HTTPS, port 443, status 301.',
    "- CLI: `aws elbv2 modify-listener --listener-arn ARN --default-actions 'Type=redirect,RedirectConfig={Protocol=HTTPS,Port=443,StatusCode=HTTP_301}'`",
    '- Terraform: `default_action { type = "redirect" redirect { protocol = "HTTPS" port = "443" status_code = "HTTP_301" } }` on `aws_lb_listener`.',
  ].join('\n'),
  references: [ELB_REFS.redirect, 'https://docs.aws.amazon.com/securityhub/latest/userguide/elb-controls.html#elb-1'],
  messages: {
    noRedirect: 'Listener {{listener}} serves plain HTTP: its default action is {{action}}, not a redirect to HTTPS.',
    redirects: 'Listener {{listener}} redirects to HTTPS.',
    notHttp: 'Listener {{listener}} is not a plain-HTTP listener.',
  },
  evaluate(l) {
    const listener = listenerName(l);
    if (l.data.protocol !== 'HTTP') return { status: 'not_applicable', messageId: 'notHttp', data: { listener } };
    const actions = [...l.data.defaultActions].sort((a, b) => (a.order ?? Infinity) - (b.order ?? Infinity));
    // The last action of the default chain answers the request (authenticate-* actions come first).
    const final = actions.at(-1);
    if (final?.type === 'redirect' && final.redirect?.protocol === 'HTTPS') return { status: 'pass', messageId: 'redirects', data: { listener } };
    const action = final ? (final.type === 'redirect' ? `a redirect to protocol ${final.redirect?.protocol ?? '(unset)'}` : final.type) : 'not stated';
    return {
      status: 'fail',
      messageId: 'noRedirect',
      data: { listener, action },
      evidence: { listenerArn: l.data.arn, scheme: l.data.scheme, defaultActions: l.data.defaultActions },
    };
  },
});
