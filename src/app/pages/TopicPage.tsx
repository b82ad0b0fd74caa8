import { use, useEffect, useRef } from 'react';
import { useNavigate, useParams, type NavigateFunction } from 'react-router';
import { CodeBlock, copyCodeBlock } from '../components/CodeBlock.tsx';
import { MdxLink } from '../components/MdxLink.tsx';
import { OnThisPage } from '../components/OnThisPage.tsx';
import { PageMeta } from '../components/PageMeta.tsx';
import { PrevNext } from '../components/PrevNext.tsx';
import { ScrollTable } from '../components/ScrollTable.tsx';
import { SourceList } from '../components/SourceList.tsx';
import { TopicNav } from '../components/TopicNav.tsx';
import { topicBySlug } from '../topics/catalog.ts';
import { isTopicSlug, loadTopic, type TopicBody } from '../topics/load-topic.ts';
import { NotFoundPage } from './NotFoundPage.tsx';

const mdxComponents = { pre: CodeBlock, a: MdxLink, table: ScrollTable };

export function TopicPage() {
  const { slug = '' } = useParams();
  const meta = topicBySlug.get(slug);
  if (!meta || !isTopicSlug(slug)) return <NotFoundPage />;
  // Loaded before the page shows (src/app/App.tsx, src/main.tsx): `use` returns at once.
  const { details, body } = use(loadTopic(slug));
  return (
    <div className="doc-layout">
      <PageMeta title={meta.title} description={details.description} />
      <TopicNav />
      <main className="doc" aria-labelledby="topic-title">
        <p className="eyebrow">{meta.section}</p>
        <h1 id="topic-title">{meta.title}</h1>
        <p className="lede">{details.description}</p>
        <OnThisPage headings={details.headings} placement="folded" />
        <TopicBodyView body={body} />
        <SourceList sources={details.sources} reviewed={details.reviewed} />
        <PrevNext slug={slug} />
      </main>
      <OnThisPage headings={details.headings} placement="beside" />
    </div>
  );
}

/**
 * The topic's text: the compiled page, or, on the page the browser loaded first, the prerendered
 * markup kept as it is. Either way its code blocks' copy buttons and its links to other pages
 * work through one listener on the article, so the two render the same and behave the same.
 */
function TopicBodyView({ body }: { body: TopicBody }) {
  const ref = useRef<HTMLElement>(null);
  const navigate = useNavigate();
  useEffect(() => {
    const article = ref.current;
    if (!article) return;
    const onClick = (e: MouseEvent) => handleArticleClick(e, navigate);
    article.addEventListener('click', onClick);
    return () => article.removeEventListener('click', onClick);
  }, [navigate]);
  if ('html' in body) return <article ref={ref} className="prose" dangerouslySetInnerHTML={{ __html: body.html }} />;
  const { Content } = body;
  return (
    <article ref={ref} className="prose">
      <Content components={mdxComponents} />
    </article>
  );
}

function handleArticleClick(e: MouseEvent, navigate: NavigateFunction) {
  if (!(e.target instanceof Element)) return;
  const copy = e.target.closest<HTMLButtonElement>('button[data-copy-code]');
  if (copy) {
    copyCodeBlock(copy);
    return;
  }
  const link = e.target.closest<HTMLAnchorElement>('a[href]');
  if (!link || e.defaultPrevented || e.button !== 0 || e.metaKey || e.altKey || e.ctrlKey || e.shiftKey) return;
  if (link.origin !== window.location.origin || (link.target && link.target !== '_self') || link.hasAttribute('download')) return;
  // A jump within the page is the browser's to make; a link to another page navigates in the app.
  if (link.pathname === window.location.pathname && link.search === window.location.search && link.hash) return;
  e.preventDefault();
  void navigate(`${link.pathname}${link.search}${link.hash}`);
}
