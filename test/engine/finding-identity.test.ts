/**
 * A finding's identity must not depend on data a failed call can change (#12.3): when GetBucketLocation
 * fails for a bucket, its region is unknown (not `global`), and its finding ids, SARIF fingerprints and the
 * diff against the earlier run stay those of the same bucket.
 */
import { describe, expect, it } from '@jest/globals';
import { builtinRules } from '../../policies/index.js';
import { type RawBucket, accountPublicAccessBlockToModel, bucketToModel } from '../../src/collectors/aws/s3.js';
import { diffFindings, parseFindingsJson } from '../../src/engine/diff.js';
import { evaluate } from '../../src/engine/evaluate.js';
import { S3_BUCKET_LOCATION } from '../../src/model/aws/s3.js';
import { renderFindingsJson } from '../../src/reporters/json.js';
import { renderSarif } from '../../src/reporters/sarif.js';
import { fixture } from '../collectors/aws/data-fixtures.js';
import { collectedSnapshot, gap } from '../support/rule-tester.js';

const ACCOUNT = '123456789012';
const raws = fixture<RawBucket[]>('s3', 'raw-buckets');
const NAME = 'acme-public-assets-eu-west-1';
const s3Rules = builtinRules.filter((r) => r.resourceTypes.includes('aws.s3.bucket'));

function run(located: boolean) {
  const raw = raws.find((r) => r.bucket.Name === NAME)!;
  const bucket = bucketToModel(located ? raw : { ...raw, region: null }, ACCOUNT, 'aws');
  const coverage = located
    ? []
    : [
        gap([S3_BUCKET_LOCATION], {
          region: 'global',
          service: 's3',
          operation: 'GetBucketLocation',
          resourceId: NAME,
          status: 'error',
          errorCode: 'InternalError',
        }),
      ];
  const types = [...new Set(s3Rules.flatMap((r) => [...r.resourceTypes, ...(r.inputs ?? [])]))];
  const snap = collectedSnapshot([bucket, accountPublicAccessBlockToModel('not-configured', ACCOUNT)], types, coverage);
  return evaluate(snap, s3Rules, { now: new Date('2026-03-01T00:00:00Z') });
}

describe('finding identity when GetBucketLocation fails', () => {
  const before = run(true);
  const after = run(false);
  const ofBucket = (r: typeof before) => r.findings.filter((f) => f.resource.id === NAME);

  it('the bucket region is unknown, not global', () => {
    expect(ofBucket(before)[0]!.resource.region).toBe('eu-west-1');
    expect(ofBucket(after)[0]!.resource.region).toBe('unknown');
  });

  it('keeps the same finding ids and SARIF fingerprints, and its public-bucket failure still fails', () => {
    expect(ofBucket(before).some((f) => f.ruleId === 'aws-s3-bucket-public' && f.status === 'fail')).toBe(true);
    const ids = (r: typeof before) =>
      ofBucket(r)
        .map((f) => `${f.ruleId} ${f.id} ${f.status}`)
        .sort();
    expect(ids(after)).toEqual(ids(before));
    const fingerprints = (r: typeof before) =>
      JSON.parse(renderSarif(r)[0]!.content)
        .runs.flatMap((run: { results: { partialFingerprints: { primaryLocationLineHash: string } }[] }) =>
          run.results.map((x) => x.partialFingerprints.primaryLocationLineHash),
        )
        .sort();
    expect(fingerprints(after)).toEqual(fingerprints(before));
  });

  it('`vigil diff` reports nothing resolved and nothing new', () => {
    const d = diffFindings(parseFindingsJson(renderFindingsJson(before), 'old.json'), parseFindingsJson(renderFindingsJson(after), 'new.json'));
    expect(d.resolved).toEqual([]);
    expect(d.newFailures).toEqual([]);
  });
});
