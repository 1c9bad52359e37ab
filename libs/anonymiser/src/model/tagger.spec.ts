import { modelNames } from './names';
import { NAME_MODEL } from './name-model';
import { compile, features, LABELS, prepare, score, tokenize, type Weights } from './tagger';

// Margin 1: the tagger's own word (anonymise() asks for more, MODEL_MARGIN).
const found = (text: string) => modelNames(text, 1).map((c) => text.slice(c.start, c.end));

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

  it('scores a token from its cached word sums exactly as from its feature strings', () => {
    const weights = JSON.parse(NAME_MODEL) as Weights;
    const compiled = compile(weights);
    const text =
      'NIC note: pt mr bill carter (Bay 3) seen by hcsw Dawn. Dawn said Mrs Okafor’s son Jack rang; Dr. Ward aware.';
    const tokens = tokenize(text);
    const info = prepare(text, tokens);
    const into = new Float64Array(LABELS.length);
    for (const previous of LABELS)
      for (let i = 0; i < tokens.length; i++) {
        const expected = score(weights, features(info, i, previous));
        // twice: the second time from the caches
        for (let round = 0; round < 2; round++) {
          compiled.scoreInto(info, i, previous, into);
          LABELS.forEach((label, k) => expect(into[k]).toBeCloseTo(expected[label], 9));
        }
      }
  });
});
