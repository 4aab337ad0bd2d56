/** CloudTrail collector: pure toModel on responses recorded from moto (test/fixtures/aws/cloudtrail/) and realistic selectors. */
import { describe, expect, it } from '@jest/globals';
import type { Trail } from '@aws-sdk/client-cloudtrail';
import { type RawSelectors, accountToModel, managementEventsOf, trailToModel } from '../../../src/collectors/aws/cloudtrail.js';
import { fixture } from './data-fixtures.js';

const ACCOUNT = '123456789012';

describe('cloudtrail toModel on moto responses', () => {
  it('lists each trail once, in its home region', () => {
    const use1 = fixture<{ trailList: Trail[] }>('cloudtrail', 'describe-trails-us-east-1').trailList;
    const euw1 = fixture<{ trailList: Trail[] }>('cloudtrail', 'describe-trails-eu-west-1').trailList;
    expect(use1.map((t) => t.Name)).toEqual(['org-audit']);
    expect(euw1.map((t) => t.Name)).toEqual(['dev-trail']);
    // With shadow trails, the multi-region trail shows up in the other region too: the account view uses that.
    expect(
      fixture<{ trailList: Trail[] }>('cloudtrail', 'describe-trails-shadow-eu-west-1')
        .trailList.map((t) => t.Name)
        .sort(),
    ).toEqual(['dev-trail', 'org-audit']);
  });

  it('maps trail settings, status and selectors', () => {
    const [t] = fixture<{ trailList: Trail[] }>('cloudtrail', 'describe-trails-us-east-1').trailList;
    if (!t) throw new Error('no trail in describe-trails-us-east-1');
    const status = fixture('cloudtrail', 'get-trail-status-us-east-1')[t.TrailARN!];
    const sel = fixture('cloudtrail', 'get-event-selectors-us-east-1')[t.TrailARN!];
    const m = trailToModel(t, status.IsLogging, sel, ACCOUNT, 'us-east-1');
    expect(m.ref).toMatchObject({ type: 'aws.cloudtrail.trail', id: t.TrailARN, region: 'us-east-1', name: 'org-audit' });
    expect(m.data).toMatchObject({
      isMultiRegion: true,
      logFileValidationEnabled: true,
      s3BucketName: 'acme-cloudtrail-logs',
      isLogging: true,
      managementEvents: 'all',
    });
    expect(m.data.kmsKeyId).toMatch(/^arn:aws:kms:us-east-1:/);

    const [dev] = fixture<{ trailList: Trail[] }>('cloudtrail', 'describe-trails-eu-west-1').trailList;
    if (!dev) throw new Error('no trail in describe-trails-eu-west-1');
    const devStatus = fixture('cloudtrail', 'get-trail-status-eu-west-1')[dev.TrailARN!];
    const devSel = fixture('cloudtrail', 'get-event-selectors-eu-west-1')[dev.TrailARN!];
    expect(trailToModel(dev, devStatus.IsLogging, devSel, ACCOUNT, 'eu-west-1').data).toMatchObject({
      isMultiRegion: false,
      isLogging: false,
      logFileValidationEnabled: false,
      kmsKeyId: null,
      managementEvents: 'write-only',
    });
    expect(trailToModel(dev, null, null, ACCOUNT, 'eu-west-1').data).toMatchObject({ isLogging: null, managementEvents: null });
  });

  it('builds the account view from the shadow listing', () => {
    const trails = fixture<{ trailList: Trail[] }>('cloudtrail', 'describe-trails-shadow-eu-west-1').trailList;
    const m = accountToModel(
      'eu-west-1',
      trails.map((trail) => ({ trail, isLogging: trail.Name === 'org-audit', selectors: {} })),
      ACCOUNT,
    );
    expect(m.ref).toMatchObject({ type: 'aws.cloudtrail.account', id: ACCOUNT, region: 'global' });
    expect(m.data.multiRegionTrails).toEqual([
      {
        name: 'org-audit',
        arn: 'arn:aws:cloudtrail:us-east-1:123456789012:trail/org-audit',
        homeRegion: 'us-east-1',
        isOrganizationTrail: false,
        isLogging: true,
        managementEvents: 'all',
        cloudWatchLogsLogGroupArn: null,
      },
    ]);
  });
});

describe('management events from realistic selectors', () => {
  const sel = fixture<Record<string, RawSelectors>>('cloudtrail', 'realistic-event-selectors');
  it.each([
    ['default', false, 'all'],
    ['dataOnly', true, 'none'],
    ['advancedAll', true, 'all'],
    ['advancedWriteOnly', true, 'write-only'],
    ['advancedDataOnly', true, 'none'],
    ['splitReadWrite', true, 'all'],
  ])('%s → %s', (name, custom, expected) => expect(managementEventsOf(sel[name]!, custom as boolean)).toBe(expected));

  it('no selectors: all by default, none with custom selectors', () => {
    expect(managementEventsOf({ EventSelectors: [], AdvancedEventSelectors: [] }, false)).toBe('all');
    expect(managementEventsOf({ EventSelectors: [], AdvancedEventSelectors: [] }, true)).toBe('none');
  });
});
