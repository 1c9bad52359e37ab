import { modelNames } from './names';
import { tokenize } from './tagger';

const found = (text: string) => modelNames(text).map((c) => text.slice(c.start, c.end));

describe('the name tagger', () => {
  it('splits a possessive off its word, and keeps apostrophes and hyphens inside names', () => {
    expect(tokenize("Okafor's O'Neill Smith-Jones").map((t) => t.text)).toEqual([
      'Okafor',
      "'s",
      "O'Neill",
      'Smith-Jones',
    ]);
  });

  it('finds names that rules miss: a lone first name that is a word, lower-case names in notes', () => {
    expect(found('When we spoke on the phone Dawn said the call bell was out of reach.')).toContain(
      'Dawn',
    );
    expect(found('seen by dn pryce at 14:00, obs stable, pt comfortable.')).toContain('pryce');
    expect(found('Her son Jack asked why the falls assessment was not repeated.')).toContain(
      'Jack',
    );
  });

  it('leaves clinical words, drugs and teams alone', () => {
    const text =
      'The Patient Safety Team reviewed the NEWS2 chart; Co-amoxiclav was given and the ward manager informed.';
    expect(found(text)).toEqual([]);
  });

  it('redacts a name without its possessive', () => {
    const text = 'We are sorry that Mrs Adeyemi’s medication was delayed.';
    for (const name of found(text)) expect(name).not.toMatch(/['’]s$/);
  });
});
