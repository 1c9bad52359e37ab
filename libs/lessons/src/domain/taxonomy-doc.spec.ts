import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderTaxonomyMarkdown } from './taxonomy-doc';

const DOC = join(__dirname, '../../../../docs/taxonomy.md');

describe('docs/taxonomy.md', () => {
  it('matches the taxonomy and templates in the code', () => {
    const rendered = renderTaxonomyMarkdown();
    if (process.env.UPDATE_DOCS === '1') writeFileSync(DOC, rendered);
    expect(readFileSync(DOC, 'utf8')).toBe(rendered);
  });
});
