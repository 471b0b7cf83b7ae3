import { describe, expect, it } from 'vitest';
import { seconds } from '../../src/util/seconds.js';

describe('seconds', () => {
  it('rounds up to whole seconds', () => {
    expect([seconds(1_000), seconds(1_001), seconds(1_500), seconds(59_999)]).toEqual([1, 2, 2, 60]);
  });

  it('is never less than 1', () => {
    expect([seconds(0), seconds(1), seconds(-5)]).toEqual([1, 1, 1]);
  });
});
