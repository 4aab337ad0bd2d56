import { describe, expect, it } from '@jest/globals';
import { Ajv } from 'ajv';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parse } from 'yaml';
import { builtinRules } from '../../policies/index.js';
import { BUILTIN_FRAMEWORK_FILES, FRAMEWORK_SCHEMA_FILE, FRAMEWORKS_DIR, type Framework, loadFramework } from '../../src/engine/frameworks.js';

/** Rules about the framework packs (Prowler learned these late: duplicate control ids, references to checks that do not exist). */

const schema = JSON.parse(readFileSync(FRAMEWORK_SCHEMA_FILE, 'utf8')) as Record<string, unknown>;
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
const raw = (file: string): unknown => parse(readFileSync(join(FRAMEWORKS_DIR, file), 'utf8'));
// Loaded without the rule check so each problem below is reported by its own test.
const packs: Framework[] = BUILTIN_FRAMEWORK_FILES.map((f) => loadFramework(join(FRAMEWORKS_DIR, f)));
const ruleIds = new Set(builtinRules.map((r) => r.id));

interface FrameworkFree {
  rules: { id: string; reason: string }[];
}
const frameworkFree = raw('framework-free.yaml') as FrameworkFree;

describe('framework packs', () => {
  it('the folder holds exactly the listed packs, the schema, framework-free.yaml and the README', () => {
    const files = readdirSync(FRAMEWORKS_DIR).sort();
    expect(files).toEqual([...BUILTIN_FRAMEWORK_FILES, 'README.md', 'framework-free.yaml', 'framework.schema.json'].sort());
  });

  it('the schema forbids unknown properties at every level', () => {
    expect(schema.additionalProperties).toBe(false);
    const defs = schema.definitions as Record<string, { additionalProperties?: boolean }>;
    expect(defs.control?.additionalProperties).toBe(false);
    expect(defs.ruleRef?.additionalProperties).toBe(false);
  });

  for (const file of BUILTIN_FRAMEWORK_FILES) {
    const fw = packs.find((p) => p.file === join(FRAMEWORKS_DIR, file))!;
    describe(file, () => {
      it('validates against frameworks/framework.schema.json', () => {
        const ok = validate(raw(file));
        expect(validate.errors ?? []).toEqual([]);
        expect(ok).toBe(true);
      });

      it('its id equals its file name', () => {
        expect(fw.id).toBe(basename(file, '.yaml'));
      });

      it('control ids are unique', () => {
        const ids = fw.controls.map((c) => c.id);
        expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
      });

      it('no control lists a rule twice', () => {
        const twice = fw.controls.flatMap((c) =>
          (c.rules ?? [])
            .map((r) => r.id)
            .filter((id, i, a) => a.indexOf(id) !== i)
            .map((id) => `${c.id}: ${id}`),
        );
        expect(twice).toEqual([]);
      });

      it('every automated control lists at least one rule, every manual control says what to attest', () => {
        for (const c of fw.controls) {
          if (c.manual) expect({ id: c.id, rules: c.rules, rationale: !!c.rationale?.trim() }).toEqual({ id: c.id, rules: undefined, rationale: true });
          else expect({ id: c.id, rules: (c.rules ?? []).length > 0 }).toEqual({ id: c.id, rules: true });
        }
      });

      it('every referenced rule exists in builtinRules', () => {
        const missing = fw.controls.flatMap((c) => (c.rules ?? []).filter((r) => !ruleIds.has(r.id)).map((r) => `${c.id} → ${r.id}`));
        expect(missing).toEqual([]);
      });

      it('every mapping has a one-line rationale', () => {
        for (const c of fw.controls)
          for (const r of c.rules ?? [])
            expect({ control: c.id, rule: r.id, ok: r.rationale.trim().length > 10 && !r.rationale.includes('\n') }).toEqual({
              control: c.id,
              rule: r.id,
              ok: true,
            });
      });

      it('has both automated and manual controls and a real source URL', () => {
        expect(fw.controls.some((c) => c.manual)).toBe(true);
        expect(fw.controls.some((c) => !c.manual)).toBe(true);
        expect(fw.source).toMatch(/^https:\/\//);
      });
    });
  }

  it('control ids follow each standard’s numbering', () => {
    const ids = (id: string) => packs.find((p) => p.id === id)!.controls.map((c) => c.id);
    for (const id of ids('hipaa')) expect(id).toMatch(/^164\.(308|310|312|316)\([a-e]\)(\(\d+\))?(\((i|ii|iii|iv)\))?(\([A-E]\))?$/);
    for (const id of ids('soc2')) expect(id).toMatch(/^(CC[1-9]\.\d|A1\.[1-3]|C1\.[12]|PI1\.[1-5]|P[1-8]\.\d)$/);
    for (const id of ids('pci-dss-4.0')) expect(id).toMatch(/^(1[0-2]|[1-9])\.\d+\.\d+(\.\d+)?$/);
  });

  it('every built-in rule maps to at least one control of some pack, or is framework-free on purpose', () => {
    const mapped = new Set(packs.flatMap((p) => p.controls.flatMap((c) => (c.rules ?? []).map((r) => r.id))));
    const free = new Set(frameworkFree.rules.map((r) => r.id));
    expect(builtinRules.map((r) => r.id).filter((id) => !mapped.has(id) && !free.has(id))).toEqual([]);
  });

  it('no rule maps to more controls than fit in SARIF tags (GitHub keeps 20 per rule; the reporter adds its own)', () => {
    const perRule = new Map<string, number>();
    for (const p of packs) for (const c of p.controls) for (const r of c.rules ?? []) perRule.set(r.id, (perRule.get(r.id) ?? 0) + 1);
    expect([...perRule].filter(([, n]) => n > 16)).toEqual([]);
  });

  it('framework-free.yaml lists existing, unmapped rules, each once and with a reason', () => {
    expect(Array.isArray(frameworkFree.rules)).toBe(true);
    const mapped = new Set(packs.flatMap((p) => p.controls.flatMap((c) => (c.rules ?? []).map((r) => r.id))));
    const ids = frameworkFree.rules.map((r) => r.id);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
    for (const r of frameworkFree.rules) {
      expect(Object.keys(r).sort()).toEqual(['id', 'reason']);
      expect({ id: r.id, exists: ruleIds.has(r.id), mapped: mapped.has(r.id), reason: typeof r.reason === 'string' && r.reason.trim().length > 10 }).toEqual({
        id: r.id,
        exists: true,
        mapped: false,
        reason: true,
      });
    }
  });
});
