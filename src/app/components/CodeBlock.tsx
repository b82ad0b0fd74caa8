import type { ComponentPropsWithoutRef } from 'react';

/**
 * Every code block on a topic page: the highlighted <pre> from the build, plus a copy button.
 * The markup is static (the topic page may keep the prerendered HTML as it is); the button works
 * through the topic page's article listener, which calls `copyCodeBlock`.
 */
export function CodeBlock(props: ComponentPropsWithoutRef<'pre'>) {
  return (
    <div className="code-block">
      {/* Scrollable code must be reachable by keyboard. */}
      {/* eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex */}
      <pre {...props} tabIndex={0} />
      <button type="button" className="copy-button" aria-label={COPY_LABEL} data-copy-code="">
        <span aria-hidden="true">{COPY_LABEL}</span>
      </button>
      {/* The announcement lives outside the button: it speaks once per copy, and the button going
          back to its label is not announced. */}
      <span role="status" className="visually-hidden" />
    </div>
  );
}

const COPY_LABEL = 'Copy code';
const timers = new WeakMap<HTMLButtonElement, ReturnType<typeof setTimeout>>();

/** Copies the block's code and says so, visibly (for two seconds) and to screen readers. */
export function copyCodeBlock(button: HTMLButtonElement) {
  const block = button.closest('.code-block');
  const pre = block?.querySelector('pre');
  const label = button.querySelector('span');
  const status = block?.querySelector('[role="status"]');
  if (!pre || !label || !status) return;
  const show = (visible: string, spoken: string) => {
    label.textContent = visible;
    // A fresh node per copy, so copying twice in a row is announced twice.
    const said = document.createElement('span');
    said.textContent = spoken;
    status.replaceChildren(said);
    clearTimeout(timers.get(button));
    timers.set(
      button,
      setTimeout(() => {
        label.textContent = COPY_LABEL;
        status.replaceChildren();
      }, 2000),
    );
  };
  navigator.clipboard.writeText(pre.innerText.replace(/\n$/, '')).then(
    () => show('Copied', 'Copied to the clipboard'),
    () => show('Copy failed', 'Copy failed'),
  );
}
