import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema, parse, validate } from 'graphql';
import { ALL_OPERATIONS } from './operations';

describe('web UI operations', () => {
  const schema = buildSchema(readFileSync(join(__dirname, '../../../../schema.gql'), 'utf8'));

  it.each(ALL_OPERATIONS.map((op) => [op.name, op.document]))(
    '%s is valid against the committed schema.gql',
    (name, document) => {
      const parsed = parse(document);
      expect(validate(schema, parsed).map((e) => e.message)).toEqual([]);
      const names = parsed.definitions.map((d) => ('name' in d ? d.name?.value : undefined));
      expect(names).toEqual([name]);
    },
  );

  it('has unique operation names', () => {
    const names = ALL_OPERATIONS.map((op) => op.name);
    expect(new Set(names).size).toBe(names.length);
  });
});
