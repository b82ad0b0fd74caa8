/** Where the page stands, read from the DOM; `activeHeading` decides from it alone. */
export interface ReadingPosition {
  /** Each heading's top, relative to the viewport, in page order. */
  tops: number[];
  /**
   * The reading line: where a heading stops when the page jumps to it (the root's scroll
   * padding, which keeps it clear of the sticky header). A heading at the line is being read.
   */
  line: number;
  viewportHeight: number;
  /** The page is scrolled to its end: the last, short sections can then never reach the line. */
  atEnd: boolean;
  /** The heading the address's #anchor names, or -1. */
  target: number;
}

/** Sub-pixel layout puts a heading the page just jumped to a fraction below the line. */
const SLACK_PX = 4;

/**
 * The heading of the section being read: the last one at or above the reading line (-1 above
 * the first). Measuring against the same line the browser scrolls headings to is what keeps a
 * jump to a heading from marking the section before it. At the page's end, a heading the reader
 * jumped to that is on screen but cannot reach the line is the one they are reading.
 */
export function activeHeading({ tops, line, viewportHeight, atEnd, target }: ReadingPosition): number {
  let active = -1;
  for (const [i, top] of tops.entries()) {
    if (top > line + SLACK_PX) break;
    active = i;
  }
  const targetTop = tops[target];
  if (atEnd && target > active && targetTop !== undefined && targetTop < viewportHeight) return target;
  return active;
}
