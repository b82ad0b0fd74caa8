import type { MouseEvent } from 'react';

export interface SectionLink {
  /** The id of the section's heading (or of the section, whose first heading then takes focus). */
  id: string;
  label: string;
}

/**
 * The recommendation is 8,000 px long on a desktop and twice that on a phone: links to its parts.
 * A link scrolls to its section and moves keyboard focus there, so the next Tab continues from it.
 */
export function SectionNav({ links }: { links: SectionLink[] }) {
  return (
    <nav aria-label="Sections of this recommendation" className="section-nav">
      <span className="section-nav-title" aria-hidden="true">
        Jump to:
      </span>
      <ul>
        {links.map((l) => (
          <li key={l.id}>
            <a href={`#${l.id}`} onClick={(e) => goTo(e, l.id)}>
              {l.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** Scroll to the section and focus its heading; without a target (not rendered yet) the browser's jump stays. */
function goTo(event: MouseEvent<HTMLAnchorElement>, id: string) {
  const target = document.getElementById(id);
  if (!target) return;
  event.preventDefault();
  const heading = target.matches('h1, h2, h3') ? target : (target.querySelector<HTMLElement>('h2, h3') ?? target);
  // A heading is not focusable by itself; -1 keeps it out of the Tab order.
  if (!heading.hasAttribute('tabindex')) heading.tabIndex = -1;
  heading.scrollIntoView({ block: 'start' });
  heading.focus({ preventScroll: true });
}
