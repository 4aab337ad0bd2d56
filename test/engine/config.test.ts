import { describe, expect, it } from '@jest/globals';
import { parseConfig, ruleOptionsFromConfig } from '../../src/engine/config.js';
import type { Rule } from '../../src/engine/types.js';
import { InputError } from '../../src/util/errors.js';

const rule = {
  id: 'x-rule',
  pack: 'test',
  optionsSchema: { type: 'object', additionalProperties: false, properties: { ports: { type: 'array', items: { type: 'integer' } } } },
} as unknown as Rule;

function errorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return (e as InputError).describe();
  }
  throw new Error('expected an InputError');
}

describe('config', () => {
  it('reads a full config', () => {
    const cfg = parseConfig(
      'aws:\n  regions: [us-east-1]\nrules:\n  x-rule:\n    options:\n      ports: [22]\nsuppressions:\n  - rule: x-rule\n    resource: sg-1\n    justification: approved\n    expires: 2027-01-01\noutput:\n  failOn: medium\n',
      'vigil.config.yaml',
    );
    expect(cfg.aws?.regions).toEqual(['us-east-1']);
    expect(ruleOptionsFromConfig(cfg, [rule])).toEqual({ 'x-rule': { ports: [22] } });
  });

  it('names file, line and column of a YAML syntax error', () => {
    expect(errorOf(() => parseConfig('aws:\n  regions: [us-east-1\n', 'c.yaml'))).toMatch(/^c\.yaml: line \d+, column \d+: invalid YAML/);
  });

  it('names the path and line of a schema error', () => {
    const msg = errorOf(() => parseConfig('aws:\n  regions: us-east-1\n', 'c.yaml'));
    expect(msg).toContain('c.yaml: $.aws.regions (line 2, column 12)');
    expect(msg).toContain('fix:');
  });

  it('rejects unknown keys, unknown rules and bad tunables with their place', () => {
    expect(errorOf(() => parseConfig('awz: {}\n', 'c.yaml'))).toMatch(/unknown property "awz"/);
    expect(errorOf(() => ruleOptionsFromConfig(parseConfig('rules:\n  nope: {}\n', 'c.yaml'), [rule], 'c.yaml'))).toMatch(
      /c\.yaml: \$\.rules\.nope \(line 2, column 9\): unknown rule "nope"/,
    );
    expect(errorOf(() => ruleOptionsFromConfig(parseConfig('rules:\n  x-rule:\n    options:\n      ports: [ssh]\n', 'c.yaml'), [rule], 'c.yaml'))).toMatch(
      /\$\.rules\.x-rule\.options\.ports\[0\] \(line 4, column 15\): must be integer/,
    );
  });

  it('requires a justification on suppressions and a real expiry date', () => {
    expect(errorOf(() => parseConfig('suppressions:\n  - rule: a\n    resource: b\n', 'c.yaml'))).toMatch(/justification/);
    expect(errorOf(() => parseConfig('suppressions:\n  - {rule: a, resource: b, justification: ok ok, expires: 2027-13-45}\n', 'c.yaml'))).toMatch(
      /not a date/,
    );
  });
});

describe('examples/vigil.config.example.yaml', () => {
  it('is a valid config for the built-in rules', async () => {
    const { readFile } = await import('node:fs/promises');
    const { builtinRules } = await import('../../policies/index.js');
    const file = 'examples/vigil.config.example.yaml';
    const cfg = parseConfig(await readFile(file, 'utf8'), file);
    expect(() => ruleOptionsFromConfig(cfg, builtinRules, file)).not.toThrow();
  });
});
