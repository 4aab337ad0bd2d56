/**
 * Compiles one event class of a vendored OCSF schema release (the source files of github.com/ocsf/ocsf-schema:
 * dictionary, classes with `extends`, objects, `$include`d includes and profiles) into a JSON Schema that ajv can
 * check events against. It applies what the OCSF server's validator applies: every attribute is declared
 * (no extra keys: `unmapped` is the place for those), types follow the dictionary (scalar types through their
 * base types, with their regex and max length), objects recurse, `_id` enums are closed, `required` attributes
 * are present (profile attributes only when the event lists the profile in `metadata.profiles`), and the
 * object constraints (`at_least_one`, `just_one`) hold. Deprecation and `recommended` are advice, not rules.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

type Json = Record<string, any>;
interface AttrDef {
  type?: string;
  is_array?: boolean;
  requirement?: string;
  enum?: Record<string, unknown>;
  profile?: string | null;
}

export class OcsfSchema {
  private readonly dict: Json;
  private readonly cache = new Map<string, Json>();
  constructor(private readonly root: string) {
    this.dict = this.read('dictionary.json');
  }
  get version(): string {
    return this.read('version.json').version;
  }
  private read(path: string): Json {
    const hit = this.cache.get(path);
    if (hit) return hit;
    const v = JSON.parse(readFileSync(join(this.root, path), 'utf8'));
    this.cache.set(path, v);
    return v;
  }

  /** Attributes of a class or object, its parents' first, `$include`s merged (profile files tag their attributes). */
  private attributes(kind: 'events' | 'objects', name: string, path?: string): { attrs: Record<string, AttrDef>; def: Json } {
    const def = this.read(path ?? `objects/${name}.json`);
    let attrs: Record<string, AttrDef> = {};
    if (def.extends) {
      const parent = kind === 'objects' ? this.attributes(kind, def.extends) : this.attributes(kind, def.extends, this.eventPath(def.extends));
      attrs = { ...parent.attrs };
    }
    const own = { ...(def.attributes ?? {}) };
    for (const inc of own.$include ?? []) {
      const file = this.read(inc);
      const profile = file.meta === 'profile' ? file.name : undefined;
      for (const [k, v] of Object.entries<AttrDef>(file.attributes))
        attrs[k] = { ...attrs[k], ...v, ...(profile && attrs[k]?.profile !== null ? { profile } : {}) };
    }
    delete own.$include;
    for (const [k, v] of Object.entries<AttrDef>(own)) attrs[k] = { ...attrs[k], ...v };
    return { attrs, def };
  }

  private eventPath(name: string): string {
    return name === 'base_event' ? 'events/base_event.json' : `events/findings/${name}.json`;
  }

  /** JSON Schema of a dictionary scalar type (`timestamp_t` → integer, `datetime_t` → string with its pattern…). */
  private scalar(type: string): Json {
    const t = this.dict.types.attributes[type];
    if (!t) throw new Error(`OCSF type ${type} is not in the dictionary`);
    const base: Record<string, Json> = {
      string_t: { type: 'string' },
      integer_t: { type: 'integer' },
      long_t: { type: 'integer' },
      float_t: { type: 'number' },
      boolean_t: { type: 'boolean' },
      json_t: {},
    };
    const out: Json = { ...(base[type] ?? this.scalar(t.type)) };
    if (t.regex) out.pattern = t.regex;
    if (t.max_len) out.maxLength = t.max_len;
    return out;
  }

  private objectSchema(name: string, defs: Json, profiles: string[]): Json {
    if (name === 'object') return { type: 'object' };
    const ref = { $ref: `#/definitions/${name}` };
    if (defs[name]) return ref;
    defs[name] = {};
    const { attrs, def } = this.attributes('objects', name);
    defs[name] = this.shape(attrs, def.constraints, defs, profiles);
    return ref;
  }

  private shape(attrs: Record<string, AttrDef>, constraints: Json | undefined, defs: Json, profiles: string[]): Json {
    const properties: Json = {};
    const required: string[] = [];
    for (const [k, a] of Object.entries(attrs)) {
      const d = this.dict.attributes[k];
      if (!d) throw new Error(`OCSF attribute ${k} is not in the dictionary`);
      const type: string = a.type ?? d.type;
      let s = type.endsWith('_t') ? this.scalar(type) : this.objectSchema(type, defs, profiles);
      const values = { ...(d.enum ?? {}), ...(a.enum ?? {}) };
      if (k.endsWith('_id') && Object.keys(values).length) s = { ...s, enum: Object.keys(values).map(Number) };
      properties[k] = (a.is_array ?? d.is_array) ? { type: 'array', items: s } : s;
      const applies = !a.profile || profiles.includes(a.profile);
      if (a.requirement === 'required' && applies) required.push(k);
    }
    const out: Json = { type: 'object', properties, required, additionalProperties: false };
    if (constraints?.at_least_one) out.anyOf = constraints.at_least_one.map((k: string) => ({ required: [k] }));
    if (constraints?.just_one) out.oneOf = constraints.just_one.map((k: string) => ({ required: [k] }));
    return out;
  }

  /** The JSON Schema of one event class (e.g. `compliance_finding`) for events that apply `profiles`. */
  eventSchema(name: string, profiles: string[] = []): Json {
    const { attrs, def } = this.attributes('events', name, this.eventPath(name));
    const category = this.read('categories.json').attributes[def.category];
    const classUid = category.uid * 1000 + def.uid;
    const defs: Json = {};
    const schema = this.shape(attrs, def.constraints, defs, profiles);
    const activities = Object.keys({ ...(this.dict.attributes.activity_id.enum ?? {}), ...(attrs.activity_id?.enum ?? {}) }).map(Number);
    schema.properties.category_uid = { const: category.uid };
    schema.properties.class_uid = { const: classUid };
    schema.properties.type_uid = { enum: activities.map((a) => classUid * 100 + a) };
    return { $schema: 'http://json-schema.org/draft-07/schema#', title: `OCSF ${this.version} ${def.caption}`, ...schema, definitions: defs };
  }
}
