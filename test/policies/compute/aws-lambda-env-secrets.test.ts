import rule from '../../../policies/compute/aws-lambda-env-secrets.js';
import { lambdaFunction } from '../../support/aws-datastores.js';
import { gap, ruleTester } from '../../support/rule-tester.js';

ruleTester(rule, {
  valid: [{ name: 'names only, nothing secret-like', resource: lambdaFunction('f', { environmentVariableNames: ['LOG_LEVEL', 'TABLE'] }), messageId: 'clean' }],
  invalid: [
    {
      name: 'secret-looking variables are named with the kind of match',
      resource: lambdaFunction('f', {
        environmentVariableNames: ['AWS_KEY', 'DB_PASSWORD'],
        secretLikeVariables: [
          { name: 'AWS_KEY', reason: 'aws-access-key-id' },
          { name: 'DB_PASSWORD', reason: 'secret-name-with-literal-value' },
        ],
      }),
      messageId: 'secrets',
      data: { name: 'f', count: 2, names: 'AWS_KEY, DB_PASSWORD' },
    },
  ],
  unknown: [{ name: 'functions not listed', coverage: [gap(['aws.lambda.function'])] }],
});
