import { useEffect, useRef } from 'react';
import { Link } from 'react-router';
import type { AuditResult, AuditSeverity, Finding } from '../../core/audit/index.ts';
import { firstUnanswered } from '../../core/questions.ts';
import { CopyButton } from '../components/CopyButton.tsx';
import { guideHref } from '../guide/guide-url.ts';
import { topicBySlug, topicPath } from '../topics/catalog.ts';
import { DriftComparison } from './DriftComparison.tsx';
import { SOURCES } from '../../core/sources.ts';
import { SourceLinks } from '../recommendation/References.tsx';

const SEVERITY_TITLE: Record<AuditSeverity, string> = { high: 'High', medium: 'Medium', low: 'Low' };
const FORMAT_LABEL = { text: 'winrm get winrm/config (text)', xml: 'winrm get winrm/config (XML)', json: 'the collection script (JSON)' } as const;

function FixView({ finding }: { finding: Finding }) {
  const { fix } = finding;
  if (fix.kind === 'group-policy') {
    return (
      <p>
        <strong>Fix (set by Group Policy):</strong> {fix.path}: <strong>{fix.state}</strong>
        {fix.note && <> {fix.note}</>}
      </p>
    );
  }
  return (
    <div className="fix">
      <p>
        <strong>Fix:</strong>
        {fix.note && <> {fix.note}</>}
      </p>
      <div className="code-block">
        <CopyButton getText={() => fix.command} label={`Copy the fix for ${finding.title}`} />
        <pre>
          <code>{fix.command}</code>
        </pre>
      </div>
    </div>
  );
}

function FindingView({ finding }: { finding: Finding }) {
  const topic = topicBySlug.get(finding.topic);
  return (
    <li className={`finding sev-${finding.severity}`}>
      <h4>
        {finding.title}
        {finding.subject && <span className="finding-subject"> ({finding.subject})</span>}
      </h4>
      <p>
        <strong>Found:</strong> <code>{finding.found}</code>
        {finding.source === 'group-policy' && <> (set by Group Policy)</>}
      </p>
      <p>{finding.message}</p>
      <FixView finding={finding} />
      <p className="cite">
        {topic && (
          <>
            <Link to={topicPath(finding.topic)}>Read about {topic.title}</Link>.{' '}
          </>
        )}
        <SourceLinks keys={finding.sources} catalogue={SOURCES} />
      </p>
    </li>
  );
}

/** The audit of one input: problems naming the line, or findings by severity, what is fine, and where to go next. */
export function AuditReport({ result }: { result: AuditResult }) {
  const heading = useRef<HTMLHeadingElement>(null);
  // A new result moves focus to its heading, so keyboard and screen reader users land on it.
  useEffect(() => heading.current?.focus(), [result]);

  if (!result.ok) {
    return (
      <section aria-labelledby="audit-result-title" className="audit-result">
        <h2 id="audit-result-title" tabIndex={-1} ref={heading}>
          This could not be audited
        </h2>
        <ul className="alert alert-warn">
          {result.problems.map((p, i) => (
            <li key={i}>
              Line {p.line}: {p.message}
            </li>
          ))}
        </ul>
      </section>
    );
  }
  const { findings, fine, notChecked, inferredAnswers } = result;
  const count = (s: AuditSeverity) => findings.filter((f) => f.severity === s).length;
  const next = firstUnanswered(inferredAnswers.answers);
  return (
    <section aria-labelledby="audit-result-title" className="audit-result">
      <h2 id="audit-result-title" tabIndex={-1} ref={heading}>
        Findings: {count('high')} high, {count('medium')} medium, {count('low')} low
      </h2>
      <p className="muted">Read from {FORMAT_LABEL[result.format]}.</p>
      {(['high', 'medium', 'low'] as const).map((severity) => {
        const list = findings.filter((f) => f.severity === severity);
        if (list.length === 0) return null;
        return (
          <section key={severity} aria-labelledby={`findings-${severity}`}>
            <h3 id={`findings-${severity}`}>{SEVERITY_TITLE[severity]}</h3>
            <ul className="findings">
              {list.map((f, i) => (
                <FindingView key={`${f.ruleId}-${i}`} finding={f} />
              ))}
            </ul>
          </section>
        );
      })}
      {fine.length > 0 && (
        <section aria-labelledby="audit-fine">
          <h3 id="audit-fine">What is fine</h3>
          <ul>
            {fine.map((f, i) => (
              <li key={`${f.ruleId}-${i}`}>
                {f.title}: <code>{f.found}</code>
              </li>
            ))}
          </ul>
        </section>
      )}
      {notChecked.length > 0 && (
        <section aria-labelledby="audit-not-checked">
          <h3 id="audit-not-checked">Not checked (not in what you pasted)</h3>
          <ul>
            {notChecked.map((n) => (
              <li key={n.ruleId}>{n.title}</li>
            ))}
          </ul>
        </section>
      )}
      <section aria-labelledby="audit-next">
        <h3 id="audit-next">Start the guide from this</h3>
        {Object.keys(inferredAnswers.reasons).length > 0 ? (
          <ul>
            {Object.entries(inferredAnswers.reasons).map(([question, reason]) => (
              <li key={question}>{reason}</li>
            ))}
          </ul>
        ) : (
          <p>The audit could not infer any answer from this input.</p>
        )}
        <p>
          <Link className="button primary" to={guideHref(inferredAnswers.answers, next ?? 'done')}>
            Start the guide with {Object.keys(inferredAnswers.answers).length} answer(s) filled in
          </Link>
        </p>
      </section>
      <DriftComparison config={result.config} />
    </section>
  );
}
