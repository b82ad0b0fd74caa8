/**
 * The audit's public API (issue 11): `auditInput(text)` detects the format, parses, and returns the
 * findings by severity, what is fine, what could not be checked and the answers the guide can
 * start from. Never throws: bad input comes back as problems naming the line. The page and the CLI
 * are thin layers over this module.
 */
import { detectFormat, guardInput } from './input';
import { inferAnswers } from './infer';
import { parseCollectionJson } from './parse-json';
import { parseWinrmText } from './parse-text';
import { parseWinrmXml } from './parse-xml';
import { evaluateRules } from './rules';
import type { AuditOptions, AuditResult, ParseResult } from './types';

export type * from './types';
export { AUDIT_RULES, SEVERITY_ORDER, evaluateRules } from './rules';
export { inferAnswers, drift, type DriftItem, type DriftStatus } from './infer';
export { MAX_INPUT_CHARS } from './input';
export { COLLECTION_SCRIPT, COLLECTION_SCRIPT_FILE_NAME } from './collection-script';

/** Parses any supported input into an AuditConfig (or problems). Never throws. */
export function parseAuditInput(input: string): ParseResult {
  try {
    const guarded = guardInput(input);
    if (!guarded.ok) return guarded;
    const format = detectFormat(guarded.text);
    if (format === 'json') return parseCollectionJson(guarded.text);
    if (format === 'xml') return parseWinrmXml(guarded.text);
    return parseWinrmText(guarded.text);
  } catch (e) {
    return {
      ok: false,
      problems: [{ line: 1, message: `The input could not be read (${e instanceof Error ? e.message : 'unknown error'}).` }],
    };
  }
}

export function auditInput(input: string, options: AuditOptions = {}): AuditResult {
  const parsed = parseAuditInput(input);
  if (!parsed.ok) return parsed;
  try {
    const { config } = parsed;
    const evaluated = evaluateRules(config, options.now !== undefined ? { now: options.now } : {});
    return { ok: true, format: config.format, config, ...evaluated, inferredAnswers: inferAnswers(config) };
  } catch (e) {
    return {
      ok: false,
      problems: [
        { line: 1, message: `The audit failed on this input (${e instanceof Error ? e.message : 'unknown error'}). Please report it.` },
      ],
    };
  }
}
