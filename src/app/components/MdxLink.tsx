import type { ComponentPropsWithoutRef } from 'react';
import { Link } from 'react-router';

/** Internal links navigate in the app; external ones open normally and say where they go. */
export function MdxLink({ href = '', children, ...rest }: ComponentPropsWithoutRef<'a'>) {
  if (href.startsWith('/')) {
    return (
      <Link to={href} {...rest}>
        {children}
      </Link>
    );
  }
  return (
    <a href={href} {...rest} rel="noreferrer">
      {children}
    </a>
  );
}
