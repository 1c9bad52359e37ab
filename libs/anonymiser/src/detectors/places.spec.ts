import { beds } from './places';

/** The text of each candidate of one detector. */
function texts(text: string, detect: (t: string) => Array<{ start: number; end: number }>) {
  return detect(text).map((c) => text.slice(c.start, c.end));
}

describe('beds', () => {
  it('a bay written as B and a number, before the bed, is part of one span', () => {
    expect(texts('moved to B3 bed 6 then b12 bed 1', beds)).toEqual(['B3 bed 6', 'b12 bed 1']);
  });

  it('a bay after the bed is part of it too; a bedroom on a mental health ward is a bed', () => {
    expect(texts('in bed 5, bay 2 overnight; found in Bedroom 11 at 03:00', beds)).toEqual([
      'bed 5, bay 2',
      'Bedroom 11',
    ]);
  });

  it('leaves a bay alone, a bed count, vitamins and a bedroom without a number alone', () => {
    for (const text of [
      'Bay 3 was closed; 28 beds open; vitamin B12 given; her bedroom was tidy',
      'B4 was busy; the bed was made; a bedroom door; bed rails up',
    ])
      expect([text, texts(text, beds)]).toEqual([text, []]);
  });
});
