import { afterEach, describe, expect, it } from '@jest/globals';
import { REDACTED, SecretRedactor, maskSecretTags, maskTagValue, redactPatterns, registerAwsCredentials, runSecrets } from '../../src/model/redaction.js';

const KEY_ID = 'ASIAQWERTYUIOPASDFGH';
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const TOKEN = 'IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQD+token/with+slashes==';

afterEach(() => runSecrets.clear());

describe('SecretRedactor', () => {
  it('replaces every registered value and its URL-encoded form; short values are not registered', () => {
    const r = new SecretRedactor();
    r.register(SECRET, TOKEN, 'short', undefined, '');
    expect(r.size).toBe(4); // both values, both encoded forms
    const text = `secret ${SECRET} token=${encodeURIComponent(TOKEN)} and ${TOKEN}; short stays`;
    expect(r.redact(text)).toBe(`secret ${REDACTED} token=${REDACTED} and ${REDACTED}; short stays`);
    expect(r.leaks(text)).toBe(true);
    expect(r.leaks(r.redact(text))).toBe(false);
  });

  it('redacts strings and keys of a JSON value in place, arrays and nesting included', () => {
    const r = new SecretRedactor();
    r.register(TOKEN);
    const value = { a: [`x ${TOKEN}`, { [TOKEN]: TOKEN }], n: 3, b: null };
    expect(r.redactInPlace(value)).toBe(value);
    expect(JSON.stringify(value)).not.toContain(TOKEN);
    expect(value.a[0]).toBe(`x ${REDACTED}`);
    expect(value.a[1]).toEqual({ [REDACTED]: REDACTED });
  });

  it('leaves text alone when nothing is registered', () => {
    expect(new SecretRedactor().redact(`a ${SECRET}`)).toBe(`a ${SECRET}`);
  });
});

describe('redactPatterns', () => {
  it('removes key ids, authorization headers, signatures, tokens in URLs and password assignments, then the run values', () => {
    registerAwsCredentials({ accessKeyId: KEY_ID, secretAccessKey: SECRET, sessionToken: TOKEN });
    const out = redactPatterns(
      `AKIAIOSFODNN7EXAMPLE Authorization: AWS4-HMAC-SHA256 Credential=x ?X-Amz-Signature=abc&X-Amz-Security-Token=def password=hunter2 db_password: "s3 cr3t" ${SECRET} ${TOKEN}`,
    );
    for (const raw of ['IOSFODNN7EXAMPLE', 'Credential=x', 'abc', 'def', 'hunter2', 's3 cr3t', SECRET, TOKEN]) expect(out).not.toContain(raw);
    expect(out).toContain('AKIA…');
    expect(out).toContain(`password=${REDACTED}`);
  });

  it('keeps ordinary messages readable', () => {
    const m = 'User: arn:aws:iam::123456789012:user/auditor is not authorized to perform: kms:ListKeys (ExpiredToken: the security token expired)';
    expect(redactPatterns(m)).toBe(m);
  });
});

describe('secret-looking tags in reports', () => {
  it('hides values of secret-named keys, AWS keys and high-entropy secret-shaped values; masks password=… inside values', () => {
    expect(maskTagValue('DB_PASSWORD', 'hunter2')).toBe(REDACTED);
    expect(maskTagValue('api-key', 'x')).toBe(REDACTED);
    expect(maskTagValue('GitHubToken', 'ghp_x')).toBe(REDACTED);
    expect(maskTagValue('client_secret', 'y')).toBe(REDACTED);
    expect(maskTagValue('note', 'AKIAIOSFODNN7EXAMPLE')).toBe(REDACTED);
    expect(maskTagValue('note', SECRET)).toBe(REDACTED);
    expect(maskTagValue('conn', 'host=db user=app password=hunter2 port=5432')).toBe(`host=db user=app password=${REDACTED} port=5432`);
  });

  it('leaves ordinary tags as they are (same object when nothing is masked)', () => {
    const tags = { Name: 'web-1', Owner: 'team-a', Author: 'alice', bypass: 'no', CostCenter: '1234', Path: 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' };
    expect(maskSecretTags(tags)).toBe(tags);
    const masked = maskSecretTags({ Name: 'web-1', password: 'x' });
    expect(masked).toEqual({ Name: 'web-1', password: REDACTED });
  });
});
