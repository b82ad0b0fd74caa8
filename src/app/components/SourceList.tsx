/** Repository paths link to GitHub; URLs link as they are. */
function sourceHref(source: string): string | undefined {
  if (source.startsWith('https://')) return source;
  const m = /^([\w.-]+\/[\w.-]+): (\S+)/.exec(source);
  return m ? `https://github.com/${m[1]}/blob/main/${m[2]}` : undefined;
}

export function SourceList({ sources, reviewed }: { sources: string[]; reviewed: string }) {
  return (
    <section className="sources" aria-labelledby="sources-heading">
      <h2 id="sources-heading">Sources</h2>
      <ul>
        {sources.map((s) => {
          const href = sourceHref(s);
          return <li key={s}>{href ? <a href={href} rel="noreferrer">{s}</a> : s}</li>;
        })}
      </ul>
      <p className="muted">
        Last reviewed <time dateTime={reviewed}>{reviewed}</time>.
      </p>
    </section>
  );
}
