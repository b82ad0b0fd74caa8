import { PageMeta } from '../components/PageMeta.tsx';

/**
 * The prerendered recommendation page (recommendation.html): the recommendation is worked out in
 * the browser from the answers in the address, so the file holds the page's frame, replaced as
 * soon as the app has read the address.
 */
export function RecommendationShell() {
  return (
    <main className="wide recommendation" aria-labelledby="rec-title">
      <PageMeta
        title="Your recommendation"
        description="A recommended PowerShell Remoting configuration: authentication, transport, second hop, endpoint and firewall, with reasons and scripts."
      />
      <h1 id="rec-title">Your recommended configuration</h1>
      <p className="muted">Worked out in your browser from the answers in this page&apos;s address.</p>
      <noscript>
        <p className="alert alert-warn">
          That needs JavaScript, which is off. The topic pages and the guide&apos;s questions can be read without it.
        </p>
      </noscript>
    </main>
  );
}
