import { backoffSeconds, circuitOpenSeconds, RETRY_POLICY } from './retry-policy';

describe('the retry policy', () => {
  it('doubles the wait from two seconds to at most an hour, with jitter of a quarter', () => {
    const middle = () => 0.5;
    expect([1, 2, 3, 4, 11, 12, 30].map((n) => backoffSeconds(n, middle))).toEqual([
      2, 4, 8, 16, 2048, 3600, 3600,
    ]);
    expect(backoffSeconds(5, () => 0)).toBe(24);
    expect(backoffSeconds(5, () => 1)).toBe(40);
  });

  it('ends a delivery on 2xx and 409 (delivered) and on 4xx other than 408 and 429 (dead)', () => {
    const outcome = (status: number) => RETRY_POLICY.outcome(status);
    expect([200, 202, 409].map(outcome)).toEqual(['delivered', 'delivered', 'delivered']);
    expect([400, 401, 403, 404, 410, 413, 422].map(outcome)).toEqual(Array(7).fill('dead'));
    expect([408, 429, 500, 502, 503, 0].map(outcome)).toEqual(Array(6).fill('retry'));
  });

  it('takes a 409 as delivered only when the receiver has the activity, any other conflict as final', () => {
    expect(RETRY_POLICY.outcome(409, 'DUPLICATE_ACTIVITY')).toBe('delivered');
    expect(RETRY_POLICY.outcome(409, 'ODS_CODE_IN_USE')).toBe('dead');
  });

  it('opens a circuit for 30 s, doubling each time, at most an hour', () => {
    expect([1, 2, 3, 8, 20].map(circuitOpenSeconds)).toEqual([30, 60, 120, 3600, 3600]);
  });
});
