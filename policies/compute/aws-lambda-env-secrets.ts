import { defineRule } from '../../src/api/rule.js';
import { LAMBDA_FUNCTION } from '../../src/model/aws/lambda.js';

export default defineRule({
  id: 'aws-lambda-env-secrets',
  title: 'Lambda environment variable holds a secret',
  severity: 'high',
  resourceTypes: [LAMBDA_FUNCTION],
  description:
    'Flags functions with an environment variable whose value looks like a credential (AWS access key id, private key, GitHub / Slack / Stripe token, JWT, URL with a password) or whose name says secret (`PASSWORD`, `TOKEN`, `API_KEY`, …) with a literal value rather than a Secrets Manager or Parameter Store reference. The collector decides this in memory; values are never stored, printed or reported — only names and the kind of match.',
  risk: 'Environment variables are shown in the console and returned by `lambda:GetFunctionConfiguration` to anyone with read access, copied into deployment templates and CI logs; a secret there is readable far beyond the function.',
  remediation: [
    'Move the secret to Secrets Manager or SSM Parameter Store (SecureString), read it at run time (the AWS Parameters and Secrets Lambda Extension caches it), and rotate the exposed value.',
    '',
    '- CLI: `aws secretsmanager create-secret --name app/api-key --secret-string …` then remove the variable with `aws lambda update-function-configuration --environment …`',
    "- Terraform: drop the value from `environment { variables }`; pass the secret's ARN instead.",
  ].join('\n'),
  references: [
    'https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-encryption',
    'https://docs.aws.amazon.com/secretsmanager/latest/userguide/retrieving-secrets_lambda.html',
  ],
  messages: {
    secrets: 'Lambda function {{name}} has {{count}} environment variable(s) that look like secrets: {{names}}.',
    clean: 'Lambda function {{name}}: no environment variable looks like a secret.',
  },
  evaluate(fn) {
    const { name, secretLikeVariables } = fn.data;
    if (secretLikeVariables.length === 0) return { status: 'pass', messageId: 'clean', data: { name } };
    return {
      status: 'fail',
      messageId: 'secrets',
      data: { name, count: secretLikeVariables.length, names: secretLikeVariables.map((v) => v.name).join(', ') },
      evidence: { functionArn: fn.data.arn, variables: secretLikeVariables },
    };
  },
});
