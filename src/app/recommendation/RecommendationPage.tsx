import { Suspense, lazy, startTransition, useCallback, useEffect, useMemo, useState } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import type { Answers, QuestionId } from '../../core/model.ts';
import type { ScriptModel } from '../../core/powershell/common.ts';
import { decodePermalink, encodeAnswers } from '../../core/permalink.ts';
import { applicableQuestions, firstUnanswered, getQuestion, isComplete } from '../../core/questions.ts';
import { recommendModel } from '../../core/recommend-model.ts';
import { PageMeta } from '../components/PageMeta.tsx';
import { CredentialFlowDiagram } from '../guide/CredentialFlowDiagram.tsx';
import { ProblemList } from '../guide/ProblemList.tsx';
import { hasHostText } from '../guide/carry.ts';
import { guideHref } from '../guide/guide-url.ts';
import { Alternatives, Headline, Impacts, PrintNotes, Rationale, SettingsTable, Warnings } from './Decisions.tsx';
import { HostFields } from './HostFields.tsx';
import { PrintScripts } from './PrintScripts.tsx';
import { References, SourceCatalogueContext, useSourceCatalogue } from './References.tsx';
import { Scripts, type FilesState } from './Scripts.tsx';
import { fleetOf, fullRecommendation, scriptsOf, type ShownRecommendation } from './files.ts';
import { GroupPolicySettings } from './GroupPolicySettings.tsx';
import { splitScriptParam, withScriptParam } from './script-param.ts';
import { scriptTabs, type ScriptName } from './script-tabs.ts';
import { SectionNav, type SectionLink } from './SectionNav.tsx';
import { SavedNote, ShareActions } from './ShareActions.tsx';
import { SITUATION_QUESTION } from './situation-labels.ts';
import { useHostFields, useSyncAddress } from './use-host-fields.ts';
import { useStagedReveal } from './use-staged-reveal.ts';

// Below the first screen: loaded with the deferred part of the page, not in its first load.
const FirstStep = lazy(() => import('./FirstStep.tsx').then((m) => ({ default: m.FirstStep })));
const Prerequisites = lazy(() => import('./Prerequisites.tsx').then((m) => ({ default: m.Prerequisites })));
const JeaCommandsField = lazy(() => import('./JeaCommandsField.tsx').then((m) => ({ default: m.JeaCommandsField })));

export function RecommendationPage() {
  const { pathname, search, state } = useLocation();
  const navigate = useNavigate();
  // The script tab is part of the address but not of the saved configuration.
  const { permalink, script } = useMemo(() => splitScriptParam(search), [search]);
  const decoded = useMemo(() => decodePermalink(permalink), [permalink]);
  const showScript = (name: ScriptName | undefined) =>
    void navigate({ pathname, search: withScriptParam(permalink, name) }, { replace: true, state, preventScrollReset: true, flushSync: true });
  const missing = decoded.problems.filter((p) => p.kind === 'missing-answer').map((p) => p.key);
  const other = decoded.problems.filter((p) => p.kind !== 'missing-answer');
  const complete = isComplete(decoded.answers);

  return (
    <main className="wide recommendation" aria-labelledby="rec-title">
      <PageMeta
        title="Your recommendation"
        description="A recommended PowerShell Remoting configuration: authentication, transport, second hop, endpoint and firewall, with reasons and scripts."
      />
      <h1 id="rec-title">Your recommended configuration</h1>
      {other.length > 0 && <ProblemList problems={other} intro="This link has problems. These parts were not used:" />}
      {!complete ? (
        <Incomplete answers={decoded.answers} missing={missing} />
      ) : (
        // Keyed by the answers alone: host names entering or leaving the address (use-host-fields.ts) must not remount it.
        <Result key={encodeAnswers(decoded.answers)} decoded={decoded} script={script} onShowScript={showScript} />
      )}
    </main>
  );
}

function Incomplete({ answers, missing }: { answers: Answers; missing: QuestionId[] }) {
  const next = firstUnanswered(answers);
  return (
    <div className="alert alert-warn" role="alert">
      <p>
        <strong>This link does not answer every question yet, so there is no recommendation to show.</strong>
      </p>
      {missing.length > 0 && <p>Missing: {missing.map((k) => getQuestion(k).prompt).join(' · ')}</p>}
      <p>
        <Link className="button primary" to={guideHref(answers, next ?? 'done')}>
          Continue the questionnaire{next ? ` at: ${getQuestion(next).prompt}` : ''}
        </Link>
      </p>
    </div>
  );
}

interface ResultProps {
  decoded: ReturnType<typeof decodePermalink>;
  script: string | undefined;
  onShowScript: (name: ScriptName | undefined) => void;
}

function Result({ decoded, script, onShowScript }: ResultProps) {
  const [printScripts, setPrintScripts] = useState(false);
  const catalogue = useSourceCatalogue();
  // Only values that pass validation reach the engine; anything else keeps the example value.
  const hostFields = useHostFields(decoded);
  // The answers are fixed for this Result (its key); the address changing with the host names must not rebuild the model.
  const [answers] = useState(decoded.answers);
  const { fields: hostText, includeHosts, validHosts, targetKind } = hostFields;

  // The first render needs only the decisions; the scripts, then the fleet outputs (GPO,
  // Ansible), follow from a worker (files.ts).
  const model = useMemo(
    () => recommendModel(answers, validHosts, { permalinkBase: `${window.location.origin}/recommendation`, includeHostsInPermalink: includeHosts }),
    [answers, validHosts, includeHosts],
  );
  const scripts = useRendered(model, scriptsOf);
  const fleet = useRendered(model, fleetOf);
  const rec: ShownRecommendation = useMemo(
    () => ({ ...model, ...(scripts && { scripts: scripts.value }), ...fleet?.value }),
    [model, scripts, fleet],
  );
  const files: FilesState = { scripts: stateOf(scripts), fleet: stateOf(fleet) };
  const getFull = useCallback(() => fullRecommendation(model), [model]);
  useSyncAddress(model.permalink, hostFields.carried, hostFields.edited);
  // The first render is what fills the first screen; the rest of the page follows in three
  // parts, each rendered and committed after the one before (use-staged-reveal.ts).
  const shown = useStagedReveal(3);

  return (
    <SourceCatalogueContext value={catalogue}>
      <SavedNote hostsLeftOut={!includeHosts && hasHostText(hostText)} />
      <ShareActions
        rec={rec}
        getFull={getFull}
        edit={hostFields.editLink(answers)}
        printScripts={printScripts}
        onPrintScriptsChange={setPrintScripts}
      />
      <Suspense fallback={null}>
        <FirstStep answers={rec.answers} hosts={validHosts} includeHosts={includeHosts} />
      </Suspense>
      <Situation answers={rec.answers} />
      <SectionNav links={sectionLinks(rec.warnings.length > 0)} />
      <Headline rec={rec} />
      {shown >= 1 && (
        <>
          <CredentialFlowDiagram authentication={rec.authentication} secondHop={rec.secondHop} />
          <Warnings rec={rec} />
          <Rationale rec={rec} />
          <Impacts rec={rec} />
          <Suspense fallback={null}>
            <Prerequisites rec={rec} />
          </Suspense>
          <HostFields
            target={hostText.target}
            resource={hostText.resource}
            adminSubnet={hostText.adminSubnet}
            targetKind={targetKind}
            showResource={rec.secondHop !== 'none'}
            includeInLink={includeHosts}
            onChange={hostFields.setField}
            onIncludeChange={hostFields.setIncludeHosts}
            delegatedUsers={rec.endpoint === 'jea'}
          />
          {rec.endpoint === 'jea' && (
            <Suspense fallback={null}>
              <JeaCommandsField value={hostText.jeaCommands ?? ''} onChange={(value) => hostFields.setField('jeaCommands', value)} />
            </Suspense>
          )}
          <Scripts rec={rec} files={files} requested={script} onRequest={onShowScript} />
        </>
      )}
      {shown >= 2 && (
        <>
          {/* The last line of the printed one-page summary; the details follow on the next pages. */}
          <p className="print-only">
            Saved configuration (ruleset {rec.rulesetVersion}): {rec.permalink}
          </p>
          <PrintNotes rec={rec} />
          <SettingsTable rec={rec} />
        </>
      )}
      {shown >= 3 && (
        <>
          <Alternatives rec={rec} />
          <GroupPolicySettings rec={rec} />
          <References rec={model} />
          {printScripts && rec.scripts && <PrintScripts tabs={scriptTabs({ ...rec, scripts: rec.scripts })} runOrder={rec.runOrder} />}
        </>
      )}
    </SourceCatalogueContext>
  );
}

/** The parts of a recommendation, in page order (the warnings only when there are some). */
function sectionLinks(hasWarnings: boolean): SectionLink[] {
  return [
    { id: 'headline-title', label: 'Configuration' },
    ...(hasWarnings ? [{ id: 'warnings-title', label: 'Warnings' }] : []),
    { id: 'why-title', label: 'Why' },
    { id: 'impacts-title', label: 'What may break' },
    { id: 'scripts-title', label: 'Scripts' },
    { id: 'settings-title', label: 'Settings' },
    { id: 'alt-title', label: 'Alternatives' },
    { id: 'references-title', label: 'References' },
  ];
}

/**
 * What `render` makes of `model` (in a worker), once it arrives; undefined until the first does.
 * When `model` changes (host names typed), the last value stays until the new one arrives
 * (`current` false meanwhile), so the script tabs do not come and go while the user types.
 */
function useRendered<T>(model: ScriptModel, render: (model: ScriptModel) => Promise<T>): { value: T; current: boolean } | undefined {
  const [done, setDone] = useState<{ model: ScriptModel; value: T }>();
  useEffect(() => {
    let cancelled = false;
    // A task of its own: starting a worker and handing it the model is not free.
    const timer = setTimeout(() =>
      render(model).then(
        (value) => {
          if (!cancelled) startTransition(() => setDone({ model, value }));
        },
        () => undefined,
      ),
    );
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [model, render]);
  return done && { value: done.value, current: done.model === model };
}

const stateOf = (rendered: { current: boolean } | undefined) => (rendered ? (rendered.current ? 'current' : 'updating') : 'pending');

/** The answers this recommendation rests on, in words (a change request needs the situation too). */
function Situation({ answers }: { answers: Answers }) {
  const items = applicableQuestions(answers).map((q) => ({
    id: q.id,
    prompt: q.prompt,
    question: SITUATION_QUESTION[q.id],
    answer: q.options.find((o) => o.value === answers[q.id])?.label ?? '',
  }));
  return (
    <section aria-labelledby="situation-title" className="situation">
      <h2 id="situation-title">Your situation</h2>
      <ul>
        {items.map((i) => (
          <li key={i.id} title={i.prompt}>
            <span className="situation-question">{i.question}:</span> <strong>{i.answer}</strong>
          </li>
        ))}
      </ul>
    </section>
  );
}
