import { describe, expect, it } from '@jest/globals';
import { parseSnapshot } from '../../src/model/schema.js';
import { InputError } from '../../src/util/errors.js';
import { SNAPSHOT_SCHEMA_VERSION } from '../../src/model/types.js';
import { perm, sg } from '../support/aws-ec2.js';
import { snapshotOf } from '../support/rule-tester.js';

const vpc = { vpcId: 'vpc-1', cidrBlocks: ['10.0.0.0/16'], ipv6CidrBlocks: [], isDefault: false, state: 'available' };
const describeError = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return (e as InputError).describe();
  }
  throw new Error('no error');
};

describe('parseSnapshot', () => {
  it('accepts a well-formed snapshot', () => {
    const s = snapshotOf([{ ref: { provider: 'aws', account: '1', region: 'us-east-1', type: 'aws.ec2.vpc', id: 'vpc-1' }, data: vpc }]);
    expect(parseSnapshot(JSON.stringify(s)).resources).toHaveLength(1);
  });

  it("validates every resource's data against its type: a malformed security group is an input error naming the place, never evaluated", () => {
    const group = sg('sg-1', [perm('tcp', 22, 22, '0.0.0.0/0')]);
    const s = snapshotOf([group]) as unknown as { resources: { data: Record<string, unknown> }[] };
    expect(parseSnapshot(JSON.stringify(s)).resources).toHaveLength(1);
    s.resources[0]!.data.ingress = 'oops';
    const text = describeError(() => parseSnapshot(JSON.stringify(s), 'snap.json'));
    expect(text).toContain('snap.json: $.resources[0].data.ingress (aws.ec2.security-group "sg-1" in 123456789012/us-east-1)');
    expect(text).toContain('must be array');
    expect(text).toContain('fix:');
  });

  it('rejects a resource of a type the registry does not know, naming it', () => {
    const s = snapshotOf([{ ref: { provider: 'aws', account: '1', region: 'us-east-1', type: 'aws.ec2.vpcc' as 'aws.ec2.vpc', id: 'vpc-1' }, data: vpc }]);
    expect(describeError(() => parseSnapshot(JSON.stringify(s), 'snap.json'))).toContain(
      `snap.json: $.resources[0].ref.type: "aws.ec2.vpcc" is not one of the`,
    );
  });

  it('rejects extra and missing fields inside data (the schema is closed)', () => {
    const extra = snapshotOf([
      { ref: { provider: 'aws', account: '1', region: 'us-east-1', type: 'aws.ec2.vpc', id: 'vpc-1' }, data: { ...vpc, secret: 'x' } },
    ]);
    expect(describeError(() => parseSnapshot(JSON.stringify(extra), 's.json'))).toContain('$.resources[0].data');
    const { isDefault: _, ...partial } = vpc;
    const missing = snapshotOf([{ ref: { provider: 'aws', account: '1', region: 'us-east-1', type: 'aws.ec2.vpc', id: 'vpc-1' }, data: partial }]);
    expect(describeError(() => parseSnapshot(JSON.stringify(missing), 's.json'))).toContain('isDefault');
  });

  it('migrates a version-1 snapshot to the current version', () => {
    const s = {
      ...snapshotOf([{ ref: { provider: 'aws', account: '1', region: 'us-east-1', type: 'aws.ec2.vpc', id: 'vpc-1' }, data: vpc }]),
      schemaVersion: 1,
    };
    const parsed = parseSnapshot(JSON.stringify(s), 'v1.json');
    expect(parsed.schemaVersion).toBe(SNAPSHOT_SCHEMA_VERSION);
    expect(parsed.resources).toHaveLength(1);
  });

  it('refuses a snapshot written by a newer Vigil, saying what to do', () => {
    const text = describeError(() => parseSnapshot(JSON.stringify({ ...snapshotOf([]), schemaVersion: SNAPSHOT_SCHEMA_VERSION + 1 }), 'new.json'));
    expect(text).toContain(`schema version ${SNAPSHOT_SCHEMA_VERSION + 1}`);
    expect(text).toMatch(/fix: .*newer Vigil/);
  });

  it('names the JSON path of a schema error', () => {
    const s = snapshotOf([{ ref: { provider: 'aws', account: '1', region: 'us-east-1', type: 'aws.ec2.vpc', id: '' }, data: {} }]);
    expect(() => parseSnapshot(JSON.stringify(s), 'snap.json')).toThrow(InputError);
    try {
      parseSnapshot(JSON.stringify(s), 'snap.json');
    } catch (e) {
      expect((e as InputError).describe()).toContain('snap.json: $.resources[0].ref.id');
    }
  });

  it('names line and column of a JSON syntax error', () => {
    try {
      parseSnapshot('{\n  "schemaVersion": 1,\n  oops\n}', 'bad.json');
      throw new Error('no error');
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      expect((e as InputError).describe()).toMatch(/bad\.json: line 3, column 3/);
    }
  });

  it('rejects another schema version with the fix', () => {
    expect(() => parseSnapshot(JSON.stringify({ ...snapshotOf([]), schemaVersion: 99 }), 'old.json')).toThrow(/schema version 99/);
  });
});

describe('JSON syntax errors without a position in the message', () => {
  it.each([
    ['{"resources": [' + '{"x":1},'.repeat(50) + '{"a": tru}]}', 'line 1, column'],
    ['{"a": tru,\n' + '"b": 1,\n'.repeat(20) + '"c": 2}', 'line 1, column 10'],
    ['{\n' + '"b": 1,\n'.repeat(20) + '"c": tru\n}', 'line 22, column 9'],
    ['{"a": [1, 2', 'line 1, column 12'],
  ])('%#: names the line and column', (text, place) => {
    try {
      parseSnapshot(text, 'bad.json');
      throw new Error('no error');
    } catch (e) {
      expect((e as InputError).describe()).toContain(`bad.json: ${place}`);
    }
  });
});

describe('validators generated at build time (validators.cjs in the installed package)', () => {
  it('exports the envelope and one validator per resource type, judging data as the run-time ones do', async () => {
    const { mkdirSync, mkdtempSync, writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { createRequire } = await import('node:module');
    const { standaloneValidatorCode } = await import('../../src/model/schema.js');
    const { RESOURCE_TYPES } = await import('../../src/model/registry.js');
    // Inside the project, so the generated code's require('ajv-formats/…') resolves as it does in dist/.
    const cache = join(process.cwd(), 'node_modules', '.cache');
    mkdirSync(cache, { recursive: true });
    const file = join(mkdtempSync(join(cache, 'vigil-validators-')), 'validators.cjs');
    writeFileSync(file, await standaloneValidatorCode());
    type V = ((data: unknown) => boolean) & { errors?: { instancePath: string }[] | null };
    const mod = createRequire(import.meta.url)(file) as { snapshot: V; types: Record<string, string> } & Record<string, V>;
    expect(Object.keys(mod.types).sort()).toEqual(Object.keys(RESOURCE_TYPES).sort());
    const group = snapshotOf([sg('sg-1', [perm('tcp', 22, 22, '0.0.0.0/0')])]) as unknown as { resources: { data: Record<string, unknown> }[] };
    expect(mod.snapshot(group)).toBe(true);
    const validateSg = mod[mod.types['aws.ec2.security-group'] ?? '']!;
    expect(validateSg(group.resources[0]!.data)).toBe(true);
    expect(validateSg({ ...group.resources[0]!.data, ingress: 'oops' })).toBe(false);
    expect(validateSg.errors?.[0]?.instancePath).toBe('/ingress');
    expect(mod.snapshot({ ...group, schemaVersion: 'one' })).toBe(false);
  });
});
