import type { Options } from 'minisearch';

export interface SearchDoc {
  id: string;
  title: string;
  description: string;
  headings: string;
  text: string;
}

/** One definition for building the index (at build time) and loading it (in the browser). */
export const SEARCH_OPTIONS: Options<SearchDoc> = {
  fields: ['title', 'description', 'headings', 'text'],
  storeFields: ['title', 'description'],
  searchOptions: {
    boost: { title: 4, headings: 2, description: 2 },
    prefix: true,
    fuzzy: 0.15,
  },
};
