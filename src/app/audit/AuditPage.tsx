import { useId, useState, type ChangeEvent, type DragEvent, type FormEvent } from 'react';
import { auditInput, COLLECTION_SCRIPT, COLLECTION_SCRIPT_FILE_NAME, MAX_INPUT_CHARS, type AuditResult } from '../../core/audit/index.ts';
import { PageMeta } from '../components/PageMeta.tsx';
import { CopyButton } from '../components/CopyButton.tsx';
import { downloadText } from '../recommendation/download.ts';
import { AuditReport } from './AuditReport.tsx';

/** Reads a dropped or chosen file as text, refusing what is far too large before reading it. */
async function readTextFile(file: File): Promise<{ text: string } | { error: string }> {
  // UTF-16 output of PowerShell's redirection is two bytes a character: allow for it.
  if (file.size > MAX_INPUT_CHARS * 2) return { error: `${file.name} is ${Math.round(file.size / 1024)} KiB: far larger than any WinRM configuration. Choose the output of winrm get winrm/config or of ${COLLECTION_SCRIPT_FILE_NAME}.` };
  const bytes = new Uint8Array(await file.arrayBuffer());
  // Windows PowerShell 5.1's `>` writes UTF-16 LE with a byte order mark.
  const utf16 = bytes[0] === 0xff && bytes[1] === 0xfe;
  return { text: new TextDecoder(utf16 ? 'utf-16le' : 'utf-8').decode(bytes) };
}

/**
 * /audit: what is wrong with a server as it is today. The pasted or dropped configuration is read
 * in the browser by the core's audit (nothing is sent anywhere) and shown as findings, what is
 * fine, and a guide pre-filled with what the audit could infer.
 */
export function AuditPage() {
  const inputId = useId();
  const [text, setText] = useState('');
  const [result, setResult] = useState<AuditResult | undefined>();
  const [fileError, setFileError] = useState<string | undefined>();

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    // The field as the browser holds it: text pasted while the prerendered page was still
    // loading its code never reached React's state, and must not be audited as empty.
    const typed = new FormData(e.currentTarget).get('configuration');
    const current = typeof typed === 'string' ? typed : text;
    if (current !== text) setText(current);
    setResult(auditInput(current));
  }

  async function loadFile(file: File | undefined) {
    if (!file) return;
    const read = await readTextFile(file);
    if ('error' in read) {
      setFileError(read.error);
      return;
    }
    setFileError(undefined);
    setText(read.text);
    setResult(auditInput(read.text));
  }

  function onDrop(e: DragEvent<HTMLTextAreaElement>) {
    if (e.dataTransfer.files.length === 0) return;
    e.preventDefault();
    void loadFile(e.dataTransfer.files[0]);
  }

  return (
    <main className="wide audit" aria-labelledby="audit-title">
      <PageMeta
        title="Audit a server"
        description="Paste the WinRM configuration of a server, or the output of the guide's read-only collection script, and see what is wrong with it, why, and how to fix it."
      />
      <h1 id="audit-title">Audit a server as it is today</h1>
      <p className="lede">
        Paste what a server reports about its remoting configuration. The audit reads it in this browser (nothing is sent
        anywhere), lists what is wrong with the reason and the fix, what is fine, and starts the guide from what it found.
      </p>
      <h2>What to paste</h2>
      <ol>
        <li>
          Best: the JSON that <strong>{COLLECTION_SCRIPT_FILE_NAME}</strong> prints. It only reads (it changes nothing) and
          covers listeners and their certificates, CredSSP, endpoints, firewall rules, logging policies, PowerShell 2.0 and
          sshd. Run it elevated on the server:{' '}
          <code>.\{COLLECTION_SCRIPT_FILE_NAME} | Out-File -FilePath audit.json -Encoding utf8</code> (a file written with{' '}
          <code>&gt;</code> in Windows PowerShell 5.1 is UTF-16: the page reads that too)
        </li>
        <li>
          Or the text of <code>winrm get winrm/config</code>, followed by <code>winrm enumerate winrm/config/listener</code>{' '}
          (run both in an elevated prompt and paste them together), or their XML form with <code>-format:xml</code>.
        </li>
      </ol>
      <details className="collection-script">
        <summary>
          Show {COLLECTION_SCRIPT_FILE_NAME} (read-only)
        </summary>
        {/* Plain text (no colouring): this page is prerendered and hydrated, and the script never changes. */}
        <div className="code-block script">
          <div className="script-actions">
            <CopyButton getText={() => COLLECTION_SCRIPT} label="Copy the collection script" />
            <button type="button" onClick={() => downloadText(COLLECTION_SCRIPT_FILE_NAME, COLLECTION_SCRIPT, 'text/plain')}>
              Download {COLLECTION_SCRIPT_FILE_NAME}
            </button>
          </div>
          {/* Scrollable code must be reachable by keyboard. */}
          {/* eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex */}
          <pre className="script-code" tabIndex={0} aria-label={`Collection script (${COLLECTION_SCRIPT_FILE_NAME})`}>
            <code>{COLLECTION_SCRIPT}</code>
          </pre>
        </div>
      </details>
      <form className="audit-form" onSubmit={onSubmit}>
        <label htmlFor={inputId}>Configuration to audit</label>
        <p className="muted" id={`${inputId}-hint`}>
          Paste it here, or drop the file on this box.
        </p>
        <textarea
          id={inputId}
          aria-describedby={`${inputId}-hint`}
          name="configuration"
          value={text}
          onChange={(e) => setText(e.target.value)}
          onDrop={onDrop}
          rows={14}
          spellCheck={false}
          autoCapitalize="off"
          autoComplete="off"
        />
        <p>
          <label className="file-label">
            Or choose a file{' '}
            <input type="file" accept=".json,.txt,.xml,text/plain,application/json,application/xml" onChange={(e: ChangeEvent<HTMLInputElement>) => void loadFile(e.target.files?.[0])} />
          </label>
        </p>
        {fileError && (
          <p className="alert alert-warn" role="alert">
            {fileError}
          </p>
        )}
        <p>
          {/* Always enabled: an empty field gets the audit's own message, and a field filled before
              the page's code loaded is read from the form, not from state that missed it. */}
          <button type="submit" className="button primary">
            Audit this configuration
          </button>
        </p>
      </form>
      {result && <AuditReport result={result} />}
    </main>
  );
}
