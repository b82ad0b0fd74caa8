import { useEffect, useState } from 'react';
import type { Heading } from '../../content/schema.ts';
import { activeHeading } from './scroll-spy.ts';

function readingPosition(ids: string[]) {
  const root = document.documentElement;
  const tops = ids.map((id) => document.getElementById(id)?.getBoundingClientRect().top ?? Number.POSITIVE_INFINITY);
  let target = -1;
  try {
    target = ids.indexOf(decodeURIComponent(window.location.hash.slice(1)));
  } catch {
    // A malformed #anchor names no heading.
  }
  return {
    tops,
    line: parseFloat(getComputedStyle(root).scrollPaddingTop) || 0,
    viewportHeight: window.innerHeight,
    atEnd: Math.ceil(window.scrollY + window.innerHeight) >= root.scrollHeight - 1,
    target,
  };
}

/** The id of the section being read, kept up to date as the page scrolls (none while prerendered). */
function useActiveHeading(ids: string[]): string | undefined {
  const [active, setActive] = useState<string>();
  const key = ids.join('\n');
  useEffect(() => {
    const list = key ? key.split('\n') : [];
    let frame = 0;
    const update = () => {
      frame = 0;
      setActive(list[activeHeading(readingPosition(list))]);
    };
    const schedule = () => {
      frame ||= requestAnimationFrame(update);
    };
    update();
    window.addEventListener('scroll', schedule, { passive: true });
    window.addEventListener('resize', schedule);
    window.addEventListener('hashchange', schedule);
    return () => {
      cancelAnimationFrame(frame);
      window.removeEventListener('scroll', schedule);
      window.removeEventListener('resize', schedule);
      window.removeEventListener('hashchange', schedule);
    };
  }, [key]);
  return active;
}

function HeadingLinks({ headings }: { headings: Heading[] }) {
  const active = useActiveHeading(headings.map((h) => h.id));
  return (
    <ul>
      {headings.map((h) => (
        <li key={h.id} className={h.depth === 3 ? 'sub' : undefined}>
          <a href={`#${h.id}`} aria-current={h.id === active ? 'location' : undefined}>
            {h.text}
          </a>
        </li>
      ))}
    </ul>
  );
}

/**
 * The page's sections. `beside`: the column to the right of the text on wide screens, marking the
 * section being read. `folded`: in the text, under the title, folded, where that column has no
 * room (phones, narrow windows). The stylesheet shows one of the two at any width.
 */
export function OnThisPage({ headings, placement }: { headings: Heading[]; placement: 'beside' | 'folded' }) {
  if (headings.length === 0) return null;
  if (placement === 'folded') {
    return (
      <nav aria-label="On this page" className="on-this-page-folded">
        <details>
          <summary>On this page</summary>
          <HeadingLinks headings={headings} />
        </details>
      </nav>
    );
  }
  return (
    <nav aria-label="On this page" className="on-this-page">
      <h2>On this page</h2>
      <HeadingLinks headings={headings} />
    </nav>
  );
}
