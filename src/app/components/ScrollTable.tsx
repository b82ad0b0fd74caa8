import type { ComponentPropsWithoutRef } from 'react';

/** Wide tables scroll on their own on a phone; the region is focusable so keyboards can scroll it. */
export function ScrollTable(props: ComponentPropsWithoutRef<'table'>) {
  return (
    // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
    <div className="table-scroll" tabIndex={0} role="region" aria-label="Table (scrolls sideways)">
      <table {...props} />
    </div>
  );
}
