import { type Candidate, FindingType } from '../types';

/** Bed, bed-space, cubicle and side-room numbers. A ward or bay name alone is fine. */
export function beds(text: string): Candidate[] {
  const out: Candidate[] = [];
  const re =
    /\b(?:bed(?:\s*space)?|bedspace|cubicle|side[\s-]?room|SR)\s*(?:no\.?|number)?\s*[#:.]?\s*\d{1,3}[A-Za-z]?\b/gi;
  for (const m of text.matchAll(re)) {
    if (/^sr/i.test(m[0]) && !/^SR\s*\d/.test(m[0])) continue;
    out.push({
      start: m.index,
      end: m.index + m[0].length,
      type: FindingType.BED,
      confidence: 0.9,
      rule: 'bed',
    });
  }
  return out;
}

const STREET =
  '(?:Road|Rd|Street|St|Avenue|Ave|Lane|Ln|Close|Cl|Drive|Dr|Way|Court|Ct|Crescent|Cres|Gardens|Gdns|Place|Pl|Terrace|Terr|Grove|Gr|Hill|Park|Row|Walk|Square|Sq|Mews|Rise|View|Green|Parade|Boulevard|Vale|Meadows?|Fields?|Wharf|Yard|Hollow|Croft|Chase|Villas|Paddock|Copse|Ridge|Side|Corner|Heights|Gate|End|Mount|Fold|Bank|Brow|Garth|Wynd|Nook|Lea|Dale|Approach|Circus|Embankment|Quay|Spinney|Coppice|Orchard|Passage|Alley)';

/** Street addresses: a house number (or Flat n,) then one to four words and a street type. */
export function addresses(text: string): Candidate[] {
  const out: Candidate[] = [];
  const re = new RegExp(
    `\\b(?:(?:Flat|Apartment|Apt|Unit)\\s+\\d{1,4}[A-Za-z]?,?\\s+)?\\d{1,4}[A-Za-z]?,?\\s+(?:[A-Z][A-Za-z'’-]+\\s+){1,4}${STREET}\\b\\.?(?:,\\s*[A-Z][a-z][A-Za-z'’-]*(?:\\s+[A-Z][a-z][A-Za-z'’-]*){0,2})?`,
    'g',
  );
  for (const m of text.matchAll(re)) {
    out.push({
      start: m.index,
      end: m.index + m[0].length,
      type: FindingType.ADDRESS,
      confidence: 0.9,
      rule: 'street-address',
    });
  }
  return out;
}
