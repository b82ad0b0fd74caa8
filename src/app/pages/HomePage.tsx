import { Link } from 'react-router';
import { PageMeta, SITE_NAME } from '../components/PageMeta.tsx';
import { topicPath, topicsBySection } from '../topics/catalog.ts';

export function HomePage() {
  return (
    <main className="wide home" aria-labelledby="home-title">
      <PageMeta
        title={SITE_NAME}
        description="Secure PowerShell Remoting with current, sourced advice: answer a few questions and get a recommended configuration with the PowerShell to apply and undo it."
      />
      <section className="hero">
        <h1 id="home-title">Secure PowerShell Remoting, with the reasons</h1>
        <p className="lede">
          Answer a few questions about your machines and your people. Get back the authentication to use (Kerberos, NTLM over
          HTTPS, certificates or SSH), whether you need TLS or TrustedHosts, how to solve the second hop, and scripts to apply
          the configuration and to roll it back — each decision explained and linked to its source.
        </p>
        <p className="cta-row">
          <Link className="button primary" to="/guide">
            Start the guide
          </Link>
          <Link className="button" to="/topics">
            Browse the topics
          </Link>
        </p>
        <ul className="promises">
          <li>Current to Windows Server 2025 and PowerShell 7.6, including NTLM's deprecation.</li>
          <li>Never suggests TrustedHosts <code>*</code>, Basic authentication, unencrypted traffic or unconstrained delegation.</li>
          <li>Your answers stay in your browser; the page link is the saved configuration.</li>
        </ul>
      </section>
      {topicsBySection.map(({ section, topics }) => (
        <section key={section} className="home-section" aria-label={section}>
          <h2>{section}</h2>
          <ul className="link-grid">
            {topics.map((t) => (
              <li key={t.slug}>
                <Link to={topicPath(t.slug)}>{t.title}</Link>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </main>
  );
}
