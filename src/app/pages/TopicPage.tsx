import { useLoaderData } from 'react-router';
import { CodeBlock } from '../components/CodeBlock.tsx';
import { MdxLink } from '../components/MdxLink.tsx';
import { OnThisPage } from '../components/OnThisPage.tsx';
import { PageMeta } from '../components/PageMeta.tsx';
import { PrevNext } from '../components/PrevNext.tsx';
import { ScrollTable } from '../components/ScrollTable.tsx';
import { TopicNav } from '../components/TopicNav.tsx';
import { topicBySlug } from '../topics/catalog.ts';
import type { LoadedTopic } from '../topics/load-topic.ts';
import { NotFoundPage } from './NotFoundPage.tsx';
import { SourceList } from '../components/SourceList.tsx';

const mdxComponents = { pre: CodeBlock, a: MdxLink, table: ScrollTable };

export function TopicPage() {
  const { slug, Content } = useLoaderData() as LoadedTopic;
  const meta = topicBySlug.get(slug);
  if (!Content || !meta) return <NotFoundPage />;
  return (
    <div className="doc-layout">
      <PageMeta title={meta.title} description={meta.description} />
      <TopicNav />
      <main className="doc" aria-labelledby="topic-title">
        <p className="eyebrow">{meta.section}</p>
        <h1 id="topic-title">{meta.title}</h1>
        <p className="lede">{meta.description}</p>
        <article className="prose">
          <Content components={mdxComponents} />
        </article>
        <SourceList sources={meta.sources} reviewed={meta.reviewed} />
        <PrevNext slug={slug} />
      </main>
      <OnThisPage headings={meta.headings} />
    </div>
  );
}
