import { describe, expect, it } from '@jest/globals';
import { functionToModel, secretReason } from '../../../src/collectors/aws/lambda.js';

describe('Lambda environment: secret-looking values', () => {
  it.each([
    ['X', 'AKIAIOSFODNN7EXAMPLE', 'aws-access-key-id'],
    ['CERT', '-----BEGIN RSA PRIVATE KEY-----\nMIIE', 'private-key'],
    ['GH', `ghp_${'a'.repeat(36)}`, 'github-token'],
    ['HOOK', 'xoxb-1234567890-abcdefghij', 'slack-token'],
    ['DATABASE_URL', 'postgres://app:hunter22@db.internal:5432/app', 'url-with-password'],
    ['DB_PASSWORD', 'correct-horse-battery', 'secret-name-with-literal-value'],
    ['API_KEY', 'k3y-abcdefgh-1234', 'secret-name-with-literal-value'],
  ])('%s is flagged as %s', (name, value, reason) => {
    expect(secretReason(name, value)).toBe(reason);
  });

  it.each([
    ['DB_PASSWORD_ARN', 'arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf'],
    ['API_TOKEN_PARAM', 'arn:aws:ssm:us-east-1:123456789012:parameter/app/token'],
    ['USE_TOKEN_CACHE', 'true'],
    ['TOKEN_TTL', '3600'],
    ['LOG_LEVEL', 'debug'],
    ['DATABASE_URL', 'postgres://db.internal:5432/app'],
  ])('%s is not flagged', (name, value) => {
    expect(secretReason(name, value)).toBeNull();
  });

  it('the model keeps names and reasons, never a value', () => {
    const value = 'AKIAIOSFODNN7EXAMPLE';
    const fn = functionToModel(
      { FunctionName: 'f', Runtime: 'nodejs22.x', Environment: { Variables: { KEY_ID: value, LOG_LEVEL: 'info' } } },
      { policy: null, urls: [] },
      { partition: 'aws', account: '123456789012', region: 'us-east-1' },
    );
    expect(fn.data.environmentVariableNames).toEqual(['KEY_ID', 'LOG_LEVEL']);
    expect(fn.data.secretLikeVariables).toEqual([{ name: 'KEY_ID', reason: 'aws-access-key-id' }]);
    expect(JSON.stringify(fn)).not.toContain(value);
    expect(JSON.stringify(fn)).not.toContain('info');
  });
});
