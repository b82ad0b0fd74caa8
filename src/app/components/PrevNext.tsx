import { Link } from 'react-router';
import { neighbours, topicPath } from '../topics/catalog.ts';

export function PrevNext({ slug }: { slug: string }) {
  const { previous, next } = neighbours(slug);
  return (
    <nav aria-label="Previous and next topic" className="prev-next">
      {previous ? (
        <Link to={topicPath(previous.slug)} rel="prev">
          <span>Previous</span>
          {previous.title}
        </Link>
      ) : (
        <span />
      )}
      {next && (
        <Link to={topicPath(next.slug)} rel="next" className="next">
          <span>Next</span>
          {next.title}
        </Link>
      )}
    </nav>
  );
}
