import { CREDENTIAL_TYPES } from '@tandem/shared/schema';
import { describe, expect, it } from 'vitest';
import { buildData, credentialType, credentialTypes, initialValues } from './credential-types.ts';

describe('credential forms', () => {
  it('cover every vault type with the same fields and the same secrets', () => {
    expect(credentialTypes.map((t) => t.type).sort()).toEqual(Object.keys(CREDENTIAL_TYPES).sort());
    for (const [type, def] of Object.entries(CREDENTIAL_TYPES)) {
      const form = credentialType(type);
      expect(form.fields.map((f) => f.key).sort(), type).toEqual(Object.keys(def.schema.shape).sort());
      expect(
        form.fields
          .filter((f) => f.secret)
          .map((f) => f.key)
          .sort(),
        type,
      ).toEqual([...def.secret].sort());
    }
  });

  it('builds data the vault schema accepts from the defaults plus required input', () => {
    for (const t of credentialTypes) {
      const values = initialValues(t);
      for (const f of t.fields)
        if (f.required && values[f.key] === '') values[f.key] = f.key === 'url' ? 'https://x.test' : 'v';
      const { data, errors } = buildData(t, values, false);
      expect(errors, t.type).toEqual({});
      const schema = CREDENTIAL_TYPES[t.type as keyof typeof CREDENTIAL_TYPES].schema;
      expect(schema.safeParse(data).success, t.type).toBe(true);
    }
  });

  it('reports missing required fields and bad numbers', () => {
    const t = credentialType('mySql');
    const { errors } = buildData(t, { ...initialValues(t), host: '', port: 'abc' }, false);
    expect(Object.keys(errors).sort()).toEqual(['database', 'host', 'port', 'user']);
  });

  it('never pre-fills secrets and lets an edit keep them by leaving them blank', () => {
    const t = credentialType('httpHeaderAuth');
    const values = initialValues(t, { name: 'X-Key', value: 'leaked?' });
    expect(values).toEqual({ name: 'X-Key', value: '' });
    expect(buildData(t, values, true)).toEqual({ data: { name: 'X-Key' }, errors: {} });
    expect(buildData(t, values, false).errors.value).toBeDefined();
  });

  it('keeps secrets verbatim (no trimming) and parses numbers', () => {
    const t = credentialType('redis');
    const { data } = buildData(t, { ...initialValues(t), password: ' p w ', port: '6380' }, false);
    expect(data).toMatchObject({ password: ' p w ', port: 6380, host: 'localhost' });
  });

  it('shows unknown types from a newer server without fields', () => {
    expect(credentialType('fancyNew')).toEqual({ type: 'fancyNew', label: 'fancyNew', fields: [] });
  });
});
