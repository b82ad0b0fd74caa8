import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { AUTHENTICATION_NAME } from '../../core/display-names.ts';
import type { FirstStep as Step, WarningCount } from '../../core/first-steps.ts';
import type { Answers, HostInput } from '../../core/model.ts';
import { SourceLinks } from './References.tsx';

interface FirstStepProps {
  answers: Answers;
  /** The validated host fields (as the engine gets them). */
  hosts: HostInput;
  /** Carry the host names into the variant's link, as this page's own link does. */
  includeHosts: boolean;
}

/**
 * The first steps for these answers. The engine runs on each variant; that code (and the rule
 * table) is loaded once the page is live, in a task of its own, not in the page's first load.
 */
function useFirstSteps(answers: Answers, hosts: HostInput, includeHosts: boolean): Step[] {
  const [steps, setSteps] = useState<Step[]>([]);
  useEffect(() => {
    let cancelled = false;
    const timer = setTimeout(() => {
      import('../../core/first-steps.ts').then(
        ({ firstSteps }) => {
          if (!cancelled) setSteps(firstSteps(answers, hosts, { includeHosts }));
        },
        () => undefined,
      );
    });
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [answers, hosts, includeHosts]);
  return steps;
}

/** "What to do first": a cheap change that gives a clearly safer configuration, with a link to it. */
export function FirstStep({ answers, hosts, includeHosts }: FirstStepProps) {
  const steps = useFirstSteps(answers, hosts, includeHosts);
  if (steps.length === 0) return null;
  return (
    <section aria-labelledby="first-step-title" className="first-step alert alert-info print-hide">
      <h2 id="first-step-title">What to do first</h2>
      <ul>
        {steps.map((step) => (
          <li key={step.id}>
            <p>
              <strong>{step.action}.</strong> {step.because}{' '}
              <span className="cite">
                <SourceLinks keys={step.sources} />
              </span>
            </p>
            <p>
              {whatItChanges(step)}{' '}
              <Link to={`/recommendation?${step.query}`} data-first-step={step.id}>
                See the recommendation with this change
              </Link>
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}

const count = (c: WarningCount, severity: string) => `${c.removed} of ${c.of} ${severity} warning${c.of === 1 ? '' : 's'}`;

/** "It removes 3 of 4 high warnings and 1 of 2 medium warnings; authentication becomes ..." */
function whatItChanges(step: Step): string {
  const parts: string[] = [];
  if (step.warnings.high.removed > 0) parts.push(count(step.warnings.high, 'high'));
  if (step.warnings.medium.removed > 0) parts.push(count(step.warnings.medium, 'medium'));
  const removes = parts.length > 0 ? `It removes ${parts.join(' and ')}` : '';
  const { from, to } = step.authentication;
  const auth = from === to ? '' : `authentication becomes ${AUTHENTICATION_NAME[to]} instead of ${AUTHENTICATION_NAME[from]}`;
  const sentence = [removes, auth].filter(Boolean).join('; ');
  return `${sentence.charAt(0).toUpperCase()}${sentence.slice(1)}.`;
}
