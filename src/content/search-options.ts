import type { Options } from 'minisearch';

/** One section of a topic: the search lands on the section that matches, not the top of the page. */
export interface SearchDoc {
  /** `<slug>#<anchor>`. */
  id: string;
  slug: string;
  /** The section heading's id; '' for the introduction (the page's top). */
  anchor: string;
  /** The topic's title, on its introduction only: a match on it lands on the page, not a section. */
  title: string;
  heading: string;
  /** The section's text (the introduction's starts with the description), shown as the snippet. */
  text: string;
}

/**
 * A word as written, its parts joined by - _ or . kept together: CVE-2018-0886, WN22-CC-000330,
 * Enable-WSManCredSSP, sshd_config and Microsoft.PowerShell are one word each, so an id finds the
 * text that names it rather than every text with a "2018" or a "CC" in it.
 */
const WORD = /[\p{L}\p{N}]+(?:[-_.][\p{L}\p{N}]+)*/gu;
const JOINER = /[-_.]/;

/** A query's terms: whole words only, so an id is looked up as the one term it is. */
export function queryTerms(text: string): string[] {
  return text.match(WORD) ?? [];
}

/**
 * The index's terms: each whole word, and the parts of a joined one, so "CVE 2018 0886" or
 * "WSManCredSSP" typed alone still finds the page.
 */
export function indexTerms(text: string): string[] {
  const terms: string[] = [];
  for (const word of queryTerms(text)) {
    terms.push(word);
    if (JOINER.test(word)) terms.push(...word.split(JOINER));
  }
  return terms;
}

/** An id (it has a digit or joined parts) is looked up exactly or as a prefix, never fuzzily. */
export const isIdLike = (term: string): boolean => /\d/.test(term) || JOINER.test(term);

/** One definition for building the index (at build time) and loading it (in the browser). */
export const SEARCH_OPTIONS: Options<SearchDoc> = {
  fields: ['title', 'heading', 'text'],
  storeFields: ['slug', 'anchor', 'heading', 'text'],
  tokenize: indexTerms,
  searchOptions: {
    tokenize: queryTerms,
    // A topic's own name lands on its page's top, not on the section that uses the word most.
    boost: { title: 8, heading: 2 },
    prefix: true,
    // CVE-2018-0887 is not a misspelling of CVE-2018-0886.
    fuzzy: (term) => (isIdLike(term) ? false : 0.15),
  },
};
