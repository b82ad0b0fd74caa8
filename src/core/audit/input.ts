/**
 * What every input goes through before a parser sees it: a size limit, binary data, broken
 * UTF-16, then the format. Never throws.
 */
import type { AuditFormat, InputProblem } from './types';

/** The largest input read: a whole server's collection JSON is well under 200 KB. */
export const MAX_INPUT_CHARS = 2_000_000;

export type Guarded = { ok: true; text: string } | { ok: false; problems: InputProblem[] };

function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

function codePoint(cp: number): string {
  return `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * Size, NUL bytes and other control characters, lone UTF-16 surrogates. Removes a leading byte
 * order mark and turns CRLF and CR line ends into LF.
 */
export function guardInput(input: unknown): Guarded {
  if (typeof input !== 'string') return { ok: false, problems: [{ line: 1, message: 'The input is not text.' }] };
  if (input.length > MAX_INPUT_CHARS) {
    const mb = (input.length / 1_000_000).toFixed(1);
    return {
      ok: false,
      problems: [
        {
          line: 1,
          message: `The input is ${mb} million characters long; the audit reads at most 2 MB (${MAX_INPUT_CHARS.toLocaleString('en-US')} characters). Paste the output of one server: winrm get winrm/config, winrm enumerate winrm/config/listener, or the JSON of Get-RemotingAudit.ps1 (a few dozen KB).`,
        },
      ],
    };
  }
  const nul = input.indexOf('\u0000');
  if (nul !== -1) {
    return {
      ok: false,
      problems: [
        {
          line: lineAt(input, nul),
          message: `Line ${lineAt(input, nul)} contains a NUL character: this is binary data, or a UTF-16 file read as another encoding. Save the output as UTF-8 text (Out-File -Encoding utf8) and try again.`,
        },
      ],
    };
  }
  // eslint-disable-next-line no-control-regex
  const control = /[\u0001-\u0008\u000b\u000e-\u001f\u007f]/.exec(input);
  if (control) {
    const line = lineAt(input, control.index);
    return {
      ok: false,
      problems: [
        {
          line,
          message: `Line ${line} contains a control character (${codePoint(control[0].charCodeAt(0))}): this is binary data, not command output.`,
        },
      ],
    };
  }
  const surrogate = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.exec(input);
  if (surrogate) {
    const line = lineAt(input, surrogate.index);
    return {
      ok: false,
      problems: [
        {
          line,
          message: `Line ${line} contains a broken UTF-16 character (a lone surrogate, ${codePoint(surrogate[0].charCodeAt(0))}): the text was damaged or is binary data.`,
        },
      ],
    };
  }
  const text = input.replace(/^\ufeff/, '').replace(/\r\n?/g, '\n');
  if (text.trim() === '')
    return {
      ok: false,
      problems: [
        { line: 1, message: 'The input is empty. Paste the output of winrm get winrm/config, or the JSON of Get-RemotingAudit.ps1.' },
      ],
    };
  return { ok: true, text };
}

/** The format by the first character that is not white space. */
export function detectFormat(text: string): AuditFormat {
  const first = text.trimStart()[0];
  if (first === '{' || first === '[') return 'json';
  if (first === '<') return 'xml';
  return 'text';
}
