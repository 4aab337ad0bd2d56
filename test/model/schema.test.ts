import { describe, expect, it } from '@jest/globals';
import { parseSnapshot } from '../../src/model/schema.js';
import { InputError } from '../../src/util/errors.js';
import { snapshotOf } from '../support/rule-tester.js';

describe('parseSnapshot', () => {
  it('accepts a well-formed snapshot', () => {
    const s = snapshotOf([{ ref: { provider: 'aws', account: '1', region: 'us-east-1', type: 'aws.ec2.vpc', id: 'vpc-1' }, data: {} }]);
    expect(parseSnapshot(JSON.stringify(s)).resources).toHaveLength(1);
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
