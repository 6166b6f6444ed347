import { describe, expect, it } from 'vitest';
import { secondsInWords } from '../../src/shared/seconds-words.ts';

describe('a wait in words', () => {
  it.each([
    [0, '0 s'],
    [58, '58 s'],
    [60, '1 min'],
    [110, '1 min 50 s'],
    [300, '5 min'],
  ])('%i seconds read "%s"', (seconds, words) => {
    expect(secondsInWords(seconds)).toBe(words);
  });
});
