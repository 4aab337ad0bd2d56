import { defineRule } from '../../src/api/rule.js';
import { LAMBDA_FUNCTION, LAMBDA_FUNCTION_POLICY, LAMBDA_FUNCTION_URL } from '../../src/model/aws/lambda.js';
import { publicGrants } from '../_lib/aws-resource-policy.js';

export default defineRule({
  id: 'aws-lambda-function-public',
  title: 'Lambda function callable by anyone',
  severity: 'high',
  resourceTypes: [LAMBDA_FUNCTION],
  inputs: [LAMBDA_FUNCTION_POLICY, LAMBDA_FUNCTION_URL],
  description:
    'Flags functions whose resource-based policy allows `*` (or `NotPrincipal`) without a condition pinning the caller or its source (`aws:SourceArn`, `aws:SourceAccount`, `aws:PrincipalOrgID`, …), and functions with a function URL whose auth type is `NONE`.',
  risk: 'Anyone on the internet (URL with `AuthType NONE`) or any AWS account (policy `Principal: "*"`) can invoke the function: run its code with its role\'s permissions, feed it hostile input, and run up the bill.',
  remediation: [
    'Use `AuthType AWS_IAM` for function URLs (front public endpoints with API Gateway or CloudFront with authentication), and give each permission a named principal plus `SourceArn` / `SourceAccount`.',
    '',
    '- CLI: `aws lambda update-function-url-config --function-name FN --auth-type AWS_IAM`; `aws lambda remove-permission --function-name FN --statement-id SID`',
    '- Terraform: `authorization_type = "AWS_IAM"` on `aws_lambda_function_url`; `source_arn` on `aws_lambda_permission`.',
  ].join('\n'),
  references: [
    'https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html',
    'https://docs.aws.amazon.com/lambda/latest/dg/access-control-resource-based.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/lambda-controls.html#lambda-1',
  ],
  messages: {
    public: 'Lambda function {{name}} can be invoked by anyone ({{why}}).',
    restricted: 'Lambda function {{name}} is not open to everyone.',
    policyUnreadable: 'Lambda function {{name}}: its resource policy could not be read.',
    urlsUnreadable: 'Lambda function {{name}}: its function URLs could not be read.',
  },
  evaluate(fn) {
    const { name, policy, functionUrls } = fn.data;
    const open = (functionUrls ?? []).filter((u) => u.authType === 'NONE');
    const grants = policy?.document ? publicGrants(policy.document) : [];
    const why = [...open.map((u) => `function URL ${u.url} with AuthType NONE`), ...grants.map((g) => `policy statement ${g.statement} allows ${g.principal}`)];
    // A finding stands on what was read; a pass needs both reads.
    if (why.length > 0)
      return {
        status: 'fail',
        messageId: 'public',
        data: { name, why: why.join('; ') },
        evidence: { functionArn: fn.data.arn, openUrls: open.map((u) => u.url), publicStatements: grants },
      };
    if (policy === null || (policy.exists && !policy.document)) return { status: 'unknown', messageId: 'policyUnreadable', data: { name } };
    if (functionUrls === null) return { status: 'unknown', messageId: 'urlsUnreadable', data: { name } };
    return { status: 'pass', messageId: 'restricted', data: { name } };
  },
});
