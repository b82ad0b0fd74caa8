import { useRef, type ComponentPropsWithoutRef } from 'react';
import { CopyButton } from './CopyButton.tsx';

/** Every code block on a topic page: the highlighted <pre> from the build, plus a copy button. */
export function CodeBlock(props: ComponentPropsWithoutRef<'pre'>) {
  const ref = useRef<HTMLPreElement>(null);
  return (
    <div className="code-block">
      {/* Scrollable code must be reachable by keyboard. */}
      {/* eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex */}
      <pre ref={ref} {...props} tabIndex={0} />
      <CopyButton getText={() => ref.current?.innerText.replace(/\n$/, '') ?? ''} label="Copy code" />
    </div>
  );
}
