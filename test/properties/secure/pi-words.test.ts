import { describe, expect, it } from 'vitest';
import { piWords } from '../../../src/properties/secure/pi-words.js';

describe('piWords', () => {
  it("gives π's fractional hex digits, as Blowfish's P-array starts", () => {
    expect([...piWords(4)]).toEqual([0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344]);
  });

  it('reaches the last word of the fourth S-box exactly (word 1042)', () => {
    const words = piWords(18 + 1024);
    expect(words[18]).toBe(0xd1310ba6); // S1[0]
    expect(words[18 + 256]).toBe(0x4b7a70e9); // S2[0]
    expect(words[1041]).toBe(0x3ac372e6); // S4[255]
  });
});
