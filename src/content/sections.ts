// Kept apart from the zod schema so the browser bundle needs no validation library.
export const SECTIONS = [
  'Foundations',
  'Authentication and transport',
  'Second hop and delegated access',
  'Hardening',
] as const;

export type Section = (typeof SECTIONS)[number];
