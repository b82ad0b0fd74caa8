import { useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { canGoBack, type QuestionnaireView } from '../../core/questionnaire-view.ts';
import type { Answers, QuestionId } from '../../core/model.ts';
import { applicableQuestions, getQuestion, isComplete, progress } from '../../core/questions.ts';
import { PageMeta } from '../components/PageMeta.tsx';
import { topicPath } from '../topics/catalog.ts';
import { hasHostText, hostTextOf, includeHostsOf, readCarried, validHostsOf, type Carried } from './carry.ts';
import { ProblemList } from './ProblemList.tsx';
import { guideHref, parseGuideSearch, recommendationHref } from './guide-url.ts';
import { progressText } from './progress-text.ts';
import { RestartControl } from './RestartControl.tsx';
import { useQuestionnaire } from './use-questionnaire.ts';

/** A link (address and history state) to a place in the guide or to the recommendation. */
interface To {
  href: string;
  state: Carried;
}

/**
 * Where each step leads, carrying the host fields along (carry.ts): in the address only when the
 * user asked for them in links, else in the history entry's state.
 */
function useDestinations(decoded: ReturnType<typeof parseGuideSearch>['decoded'], state: unknown) {
  return useMemo(() => {
    const carried = readCarried(state);
    const fields = hostTextOf(decoded, carried);
    const includeHosts = includeHostsOf(decoded, carried);
    const { hosts } = validHostsOf(fields);
    const kept: Carried = hasHostText(fields) || includeHosts ? { hosts: fields, includeHosts } : {};
    return {
      returnTo: carried.returnTo,
      guide: (answers: Answers, step: QuestionId | 'done', returnTo: Carried['returnTo']): To => ({
        href: guideHref(answers, step, hosts, includeHosts),
        state: { ...kept, ...(returnTo && { returnTo }) },
      }),
      recommendation: (answers: Answers): To => ({ href: recommendationHref(answers, hosts, includeHosts), state: kept }),
    };
  }, [decoded, state]);
}

export function GuidePage() {
  const { search, key: locationKey, state } = useLocation();
  const navigate = useNavigate();
  const { decoded, step } = useMemo(() => parseGuideSearch(search), [search]);
  const { view, send, loadFailed } = useQuestionnaire(decoded.answers, step);
  const answers = view.context.answers;
  const current = view.value;
  const to = useDestinations(decoded, state);
  const follow = ({ href, state: carried }: To) => void navigate(href, { state: carried });

  /**
   * A step that completes the answers leads to the recommendation, or back to "all answered"
   * when the user changed an answer from there (to review the rest).
   */
  const go = (next: QuestionnaireView, returnTo: Carried['returnTo'] = to.returnTo) => {
    const nextStep = next.value;
    const finished = nextStep === 'done' && current !== 'done';
    if (finished && returnTo !== 'guide') follow(to.recommendation(next.context.answers));
    else follow(to.guide(next.context.answers, nextStep, finished ? undefined : returnTo));
  };
  const seeRecommendation = isComplete(answers) ? to.recommendation(answers) : undefined;
  // Restart keeps the host fields (they describe the computers, not the answers) but not where a change returns to.
  const restart = () => send({ type: 'RESTART' }, (start) => follow(to.guide(start.context.answers, start.value, undefined)));

  return (
    <main className="narrow guide" aria-labelledby="guide-title">
      <PageMeta
        title="The guide"
        description="Answer a few questions about your computers, network and people to get a recommended PowerShell Remoting configuration with scripts."
      />
      <h1 id="guide-title">Find your configuration</h1>
      <p className="muted">
        One question at a time. Your answers are kept in this page&apos;s address, so reloading or sharing it keeps your place,
        and the browser&apos;s back button goes to the previous step.
      </p>
      {decoded.problems.length > 0 && <ProblemList problems={decoded.problems} intro="Some parts of this link could not be used, so they were left out:" />}
      {current === 'done' ? (
        <Finished answers={answers} recommendation={to.recommendation(answers)} onRestart={restart} />
      ) : (
        <QuestionStep
          // Every navigation starts the step afresh, even to the same address (Restart on step 1).
          key={`${current}:${locationKey}`}
          question={current}
          answers={answers}
          canGoBack={canGoBack(view.context)}
          seeRecommendation={seeRecommendation}
          onAnswer={(value) => send({ type: 'ANSWER', question: current, value }, go)}
          onBack={() => send({ type: 'BACK' }, go)}
          onRestart={restart}
        />
      )}
      {loadFailed && (
        <p className="field-error" role="alert">
          The next step could not be loaded. Check your connection, then try again.
        </p>
      )}
      <AnswerSummary
        answers={answers}
        current={current}
        // A change started from "all answered" comes back there, unless the user came from the recommendation.
        onChange={(question) => send({ type: 'GOTO', question }, (next) => go(next, current === 'done' && to.returnTo !== 'recommendation' ? 'guide' : to.returnTo))}
      />
    </main>
  );
}

function QuestionStep(props: {
  question: QuestionId;
  answers: Answers;
  canGoBack: boolean;
  /** Set when every question on the path has an answer: the recommendation is one click away. */
  seeRecommendation: To | undefined;
  onAnswer: (value: string) => void;
  onBack: () => void;
  onRestart: () => void;
}) {
  const { question, answers } = props;
  const q = getQuestion(question);
  const [choice, setChoice] = useState<string | undefined>(answers[question]);
  // How many times Next was pressed without a choice: each attempt is announced again.
  const [missing, setMissing] = useState(0);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const errorId = useId();
  const counts = progress(answers);
  const said = progressText(counts);

  // Each new step takes focus, so keyboard and screen-reader users land on the new question.
  useEffect(() => {
    headingRef.current?.focus();
  }, []);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (choice === undefined) {
      setMissing((n) => n + 1);
      return;
    }
    props.onAnswer(choice);
  };

  return (
    <form className="question" onSubmit={submit} noValidate>
      {/* The step count is read with the question (in the focused heading), so these are visual only. */}
      <p className="step-count" aria-hidden="true">
        {said}
      </p>
      <progress max={counts.answered + counts.remaining} value={counts.answered} aria-hidden="true" />
      {/* The group is named by the question alone; the focused heading also says the step. */}
      <fieldset aria-labelledby={`${errorId}-prompt`} aria-describedby={`${errorId}-why${missing ? ` ${errorId}` : ''}`}>
        <legend>
          <h2 ref={headingRef} tabIndex={-1}>
            <span className="visually-hidden">{said}: </span>
            <span id={`${errorId}-prompt`}>{q.prompt}</span>
          </h2>
        </legend>
        <p id={`${errorId}-why`} className="why">
          {q.why}{' '}
          <Link to={topicPath(q.topic)}>Learn more about this on the topic page</Link>
        </p>
        <div className="choices">
          {/* Each answer is named by its label; its explanation is the description. */}
          {q.options.map((o, i) => (
            <label key={o.value} className="choice">
              <input
                type="radio"
                name={question}
                value={o.value}
                checked={choice === o.value}
                aria-invalid={missing > 0 || undefined}
                aria-labelledby={`${errorId}-${i}-label`}
                aria-describedby={`${errorId}-${i}-help${missing ? ` ${errorId}` : ''}`}
                onChange={() => {
                  setChoice(o.value);
                  setMissing(0);
                }}
              />
              <span>
                <strong id={`${errorId}-${i}-label`}>{o.label}</strong>
                <span className="muted" id={`${errorId}-${i}-help`}>
                  {o.help}
                </span>
              </span>
            </label>
          ))}
        </div>
        {missing > 0 && (
          <p id={errorId} className="field-error" role="alert" key={missing}>
            Choose one of the answers to continue.
          </p>
        )}
      </fieldset>
      <div className="step-buttons">
        <button type="button" onClick={props.onBack} disabled={!props.canGoBack}>
          Back
        </button>
        <button type="submit" className="primary">
          Next
        </button>
        {props.seeRecommendation && (
          <Link className="button" to={props.seeRecommendation.href} state={props.seeRecommendation.state}>
            See recommendation
          </Link>
        )}
        <RestartControl answered={counts.answered} onRestart={props.onRestart} />
      </div>
    </form>
  );
}

function Finished({ answers, recommendation, onRestart }: { answers: Answers; recommendation: To; onRestart: () => void }) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);
  return (
    <section className="question" aria-labelledby="finished-title">
      <h2 id="finished-title" ref={headingRef} tabIndex={-1}>
        All questions answered
      </h2>
      <p>Your recommendation is ready. You can still change any answer below.</p>
      <div className="step-buttons">
        <Link className="button primary" to={recommendation.href} state={recommendation.state}>
          See the recommendation
        </Link>
        <RestartControl answered={Object.keys(answers).length} onRestart={onRestart} />
      </div>
    </section>
  );
}

function AnswerSummary({ answers, current, onChange }: { answers: Answers; current: QuestionId | 'done'; onChange: (q: QuestionId) => void }) {
  const answered = applicableQuestions(answers).filter((q) => answers[q.id] !== undefined);
  if (answered.length === 0) return null;
  return (
    <section className="answer-summary" aria-labelledby="summary-title">
      <h2 id="summary-title">Your answers so far</h2>
      <dl>
        {answered.map((q) => {
          const option = q.options.find((o) => o.value === answers[q.id]);
          return (
            <div key={q.id} className={q.id === current ? 'current' : undefined}>
              <dt>{q.prompt}</dt>
              <dd>
                <span>{option?.label}</span>
                {q.id !== current && (
                  <button type="button" className="link-button" onClick={() => onChange(q.id)} aria-label={`Change: ${q.prompt}`}>
                    Change
                  </button>
                )}
              </dd>
            </div>
          );
        })}
      </dl>
    </section>
  );
}
