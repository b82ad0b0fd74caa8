declare module 'virtual:topics' {
  import type { TopicMeta } from './schema';
  export const topics: TopicMeta[];
}
declare module 'virtual:search-index' {
  export const serializedIndex: string;
}
declare module '*.mdx' {
  import type { ComponentType } from 'react';
  import type { MDXProps } from 'mdx/types';
  const MDXContent: ComponentType<MDXProps>;
  export default MDXContent;
}
