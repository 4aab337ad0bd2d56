import { describe, expect, it } from '@jest/globals';
import { defineRule, inPack } from '../../src/engine/define-rule.js';
import { defineDerivation } from '../../src/engine/derive.js';
import { evaluate } from '../../src/engine/evaluate.js';
import { EBS_ENCRYPTION_DEFAULT } from '../../src/model/aws/ebs.js';
import { collectedSnapshot, resource } from '../support/rule-tester.js';

const snapshot = () =>
  collectedSnapshot(
    [
      resource(EBS_ENCRYPTION_DEFAULT, 'us-east-1', { region: 'us-east-1', enabled: true }),
      resource(EBS_ENCRYPTION_DEFAULT, 'eu-west-1', { region: 'eu-west-1', enabled: false }, { region: 'eu-west-1' }),
    ],
    [EBS_ENCRYPTION_DEFAULT],
  );

function ruleReading(id: string, derivation: ReturnType<typeof defineDerivation<Set<string>>>, declare = true) {
  return inPack(
    'test',
    defineRule({
      id,
      title: id,
      severity: 'low',
      resourceTypes: [EBS_ENCRYPTION_DEFAULT],
      derives: declare ? [derivation] : [],
      description: 'd',
      risk: 'r',
      remediation: 'x',
      references: [],
      messages: { on: '{{id}} on', off: '{{id}} off' },
      evaluate(r, ctx) {
        const enabled = ctx.derived(derivation);
        if (enabled.has(r.ref.id)) return { status: 'pass', messageId: 'on' as const, data: { id: r.ref.id } };
        return { status: 'fail', messageId: 'off' as const, data: { id: r.ref.id } };
      },
    }),
  );
}

describe('derive stage', () => {
  it('computes a derivation once per evaluation for every rule that reads it, and anew for the next evaluation', () => {
    let runs = 0;
    const enabledRegions = defineDerivation({
      id: 'enabled-regions',
      inputs: [EBS_ENCRYPTION_DEFAULT],
      compute: (index) => {
        runs++;
        return new Set(
          index
            .ofType(EBS_ENCRYPTION_DEFAULT)
            .filter((r) => r.data.enabled)
            .map((r) => r.ref.id),
        );
      },
    });
    const rules = [ruleReading('test-a', enabledRegions), ruleReading('test-b', enabledRegions)];
    const res = evaluate(snapshot(), rules);
    expect(runs).toBe(1);
    expect(res.findings.map((f) => [f.ruleId, f.resource.id, f.status])).toEqual([
      ['test-a', 'us-east-1', 'pass'],
      ['test-a', 'eu-west-1', 'fail'],
      ['test-b', 'us-east-1', 'pass'],
      ['test-b', 'eu-west-1', 'fail'],
    ]);
    evaluate(snapshot(), rules);
    expect(runs).toBe(2);
  });

  it('a derivation that throws makes the rules reading it unknown, never pass', () => {
    const broken = defineDerivation<Set<string>>({
      id: 'broken',
      inputs: [],
      compute: () => {
        throw new Error('join failed');
      },
    });
    const res = evaluate(snapshot(), [ruleReading('test-broken', broken)]);
    expect(res.findings.map((f) => [f.status, f.messageId])).toEqual([
      ['unknown', '_error'],
      ['unknown', '_error'],
    ]);
    expect(res.findings[0]!.message).toContain('derived data broken could not be computed: join failed');
  });

  it('a rule reading a derivation it does not declare is unknown with a message naming it', () => {
    const d = defineDerivation({ id: 'undeclared', inputs: [], compute: () => new Set<string>() });
    const res = evaluate(snapshot(), [ruleReading('test-undeclared', d, false)]);
    expect(res.findings.every((f) => f.status === 'unknown')).toBe(true);
    expect(res.findings[0]!.message).toContain('without listing it in `derives`');
  });
});
