import type { ComponentPropsWithoutRef } from 'react';

/**
 * Links in topic text are plain links (the text may be the prerendered HTML kept as it is): the
 * topic page's article listener navigates within the app for internal ones. External links open
 * normally.
 */
export function MdxLink({ href = '', children, ...rest }: ComponentPropsWithoutRef<'a'>) {
  return (
    <a href={href} {...rest} rel={href.startsWith('/') || href.startsWith('#') ? undefined : 'noreferrer'}>
      {children}
    </a>
  );
}
