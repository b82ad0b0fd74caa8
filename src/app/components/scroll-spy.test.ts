import { describe, expect, test } from 'vitest';
import { activeHeading } from './scroll-spy.ts';

const at = (tops: number[], extra: Partial<Parameters<typeof activeHeading>[0]> = {}) =>
  activeHeading({ tops, line: 76, viewportHeight: 800, atEnd: false, target: -1, ...extra });

describe('the section being read', () => {
  test('none above the first heading', () => {
    expect(at([300, 900, 1500])).toBe(-1);
  });

  test('a heading the page jumped to is current, even a fraction below the line', () => {
    // scrollIntoView leaves the heading at the scroll padding (76 px), give or take sub-pixels.
    expect(at([-600, 76, 700])).toBe(1);
    expect(at([-600, 77.5, 700])).toBe(1);
  });

  test('the last heading above the line, not the next one coming into view', () => {
    expect(at([-900, -40, 200])).toBe(1);
    expect(at([-900, -400, 90])).toBe(1);
  });

  test('at the end of the page, the heading jumped to when it cannot reach the line', () => {
    expect(at([-900, -100, 400, 600], { atEnd: true, target: 3 })).toBe(3);
    // Not a heading off screen, nor one above the section being read.
    expect(at([-900, -100, 400, 900], { atEnd: true, target: 3 })).toBe(1);
    expect(at([-900, -100, 400, 600], { atEnd: true, target: 0 })).toBe(1);
    expect(at([-900, -100, 400, 600], { atEnd: false, target: 3 })).toBe(1);
  });
});
