import { describe, expect, it } from '@jest/globals';
import { INPUT_TYPES, RESOURCE_TYPES, isInputType, isResourceType, typesOf } from '../../src/model/registry.js';
import { checkLock, generateDataSchema, lockFor, readCommitted } from '../../src/model/tools/schema-lock.js';
import { PACKAGE_ROOT } from '../../src/version.js';

describe('resource type registry', () => {
  const schema = generateDataSchema(PACKAGE_ROOT);
  const committed = readCommitted(PACKAGE_ROOT);

  it('the committed per-type schema is what the model generates (run `npm run schema` after changing a model interface)', () => {
    expect(committed.schema).toEqual(schema);
  });

  it('the lock matches: a changed type has its version and the snapshot schema version bumped', () => {
    expect(checkLock(schema, committed.lock)).toEqual([]);
  });

  it('a type whose schema changed without a version bump is refused', () => {
    const lock = lockFor(schema);
    const [first] = Object.keys(lock.types);
    lock.types[first!]!.hash = '0000000000000000';
    const problems = checkLock(schema, lock);
    expect(problems.some((p) => p.startsWith('bump') && p.includes(first!))).toBe(true);
  });

  it('every type has a schema, and every schema a registry entry', () => {
    expect(Object.keys(schema.properties ?? {}).sort()).toEqual(Object.keys(RESOURCE_TYPES).sort());
  });

  it('type names are provider.service.kind with the provider they declare', () => {
    for (const [name, info] of [...Object.entries(RESOURCE_TYPES), ...Object.entries(INPUT_TYPES)]) {
      expect([name, /^[a-z]+\.[a-z0-9-]+\.[a-z0-9-]+$/.test(name) || /^tls\.[a-z-]+$/.test(name)]).toEqual([name, true]);
      expect([name, name.split('.')[0]]).toEqual([name, info.provider]);
      expect([name, info.description.length > 0]).toEqual([name, true]);
    }
  });

  it('resource types and virtual input types do not overlap, and the guards tell them apart', () => {
    for (const t of Object.keys(INPUT_TYPES)) expect(isResourceType(t)).toBe(false);
    expect(isResourceType('aws.ec2.security-group')).toBe(true);
    expect(isInputType('aws.s3.bucket-policy')).toBe(true);
    expect(isInputType('aws.ec2.volume')).toBe(false);
    expect(typesOf('gcp').every((t) => t.startsWith('gcp.'))).toBe(true);
  });
});
