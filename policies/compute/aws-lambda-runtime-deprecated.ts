import { defineRule } from '../../src/api/rule.js';
import { LAMBDA_FUNCTION } from '../../src/model/aws/lambda.js';
import { ageInDays } from '../_lib/iam-rules.js';
import { LAMBDA_RUNTIME_DEPRECATION, LAMBDA_RUNTIMES_AS_OF, LAMBDA_RUNTIMES_SOURCE } from '../_lib/lambda-runtimes.js';

export default defineRule({
  id: 'aws-lambda-runtime-deprecated',
  title: 'Lambda function on a deprecated runtime',
  severity: 'medium',
  resourceTypes: [LAMBDA_FUNCTION],
  description: `Flags functions whose managed runtime is deprecated (or will be within \`warnDays\`, default 0), from a dated table of runtimes and deprecation dates (${LAMBDA_RUNTIMES_SOURCE}, as of ${LAMBDA_RUNTIMES_AS_OF}). A runtime missing from the table is unknown; container-image functions are not applicable.`,
  risk: 'A deprecated runtime gets no more security patches for its language runtime or OS; known vulnerabilities stay, and AWS later blocks updates, so an urgent fix cannot be deployed without a runtime upgrade.',
  remediation: [
    'Upgrade the function to a supported runtime of its language, test it, and deploy.',
    '',
    '- CLI: `aws lambda update-function-configuration --function-name FN --runtime nodejs22.x`',
    '- Terraform: `runtime` on `aws_lambda_function`.',
  ].join('\n'),
  references: [
    LAMBDA_RUNTIMES_SOURCE,
    'https://docs.aws.amazon.com/lambda/latest/dg/runtime-support-policy.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/lambda-controls.html#lambda-2',
  ],
  messages: {
    deprecated: 'Lambda function {{name}} runs on {{runtime}}, deprecated since {{date}}.',
    soon: 'Lambda function {{name}} runs on {{runtime}}, deprecated on {{date}} (within {{warnDays}} days).',
    supported: 'Lambda function {{name}} runs on {{runtime}}, supported until {{date}}.',
    image: "Lambda function {{name}} is a container image; its runtime is the image's.",
    unlisted: "Lambda function {{name}} runs on {{runtime}}, which is not in Vigil's runtime table (as of {{asOf}}).",
    unknown: 'Lambda function {{name}}: its runtime was not reported.',
  },
  defaults: { warnDays: 0 },
  optionsSchema: { type: 'object', properties: { warnDays: { type: 'integer', minimum: 0, maximum: 730 } }, additionalProperties: false },
  evaluate(fn, ctx) {
    const name = fn.data.name;
    const runtime = fn.data.runtime;
    if (runtime === null)
      return fn.data.packageType === 'Image'
        ? { status: 'not_applicable', messageId: 'image', data: { name } }
        : { status: 'unknown', messageId: 'unknown', data: { name } };
    const date = LAMBDA_RUNTIME_DEPRECATION[runtime];
    if (!date) return { status: 'unknown', messageId: 'unlisted', data: { name, runtime, asOf: LAMBDA_RUNTIMES_AS_OF } };
    const left = -ageInDays(`${date}T00:00:00Z`, ctx.now);
    const evidence = { functionArn: fn.data.arn, runtime, deprecationDate: date, table: LAMBDA_RUNTIMES_AS_OF };
    if (left <= 0) return { status: 'fail', messageId: 'deprecated', data: { name, runtime, date }, evidence };
    if (left <= ctx.options.warnDays) return { status: 'fail', messageId: 'soon', data: { name, runtime, date, warnDays: ctx.options.warnDays }, evidence };
    return { status: 'pass', messageId: 'supported', data: { name, runtime, date } };
  },
});
