declare module 'virtual:topics' {
  import type { TopicSummary } from './topic-types';
  export const topics: TopicSummary[];
}
declare module 'virtual:topic-details' {
  import type { TopicDetails } from './topic-types';
  /** One loader per topic slug; each topic's details are a chunk of their own. */
  export const detailLoaders: Record<string, () => Promise<{ details: TopicDetails }>>;
}
declare module 'virtual:topic-descriptions' {
  export const descriptions: Record<string, string>;
}
declare module 'virtual:search-docs' {
  import type { SearchDoc } from './search-options';
  /** Every section of every topic, indexed in the browser when search first opens. */
  export const docs: SearchDoc[];
}
declare module '*.mdx' {
  import type { ComponentType } from 'react';
  import type { MDXProps } from 'mdx/types';
  const MDXContent: ComponentType<MDXProps>;
  export default MDXContent;
}
