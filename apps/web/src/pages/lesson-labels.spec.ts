import { paragraphs, statusTag, ukDate, visibilityLabel } from './lesson-labels';

describe('lesson labels', () => {
  it('says every status in plain English', () => {
    expect(statusTag('CHANGES_REQUESTED')).toEqual({
      label: 'Changes requested',
      colour: 'orange',
    });
    expect(statusTag('PUBLISHED').label).toBe('Published');
  });

  it('writes dates the UK way', () => {
    expect(ukDate('2026-12-04T23:30:00Z')).toBe('4 December 2026');
  });

  it('describes visibility', () => {
    expect(visibilityLabel('INTERNAL')).toBe('This organisation only');
  });

  it('splits text into paragraphs', () => {
    expect(paragraphs('One.\n\n Two.\r\nThree. ')).toEqual(['One.', 'Two.', 'Three.']);
  });
});
