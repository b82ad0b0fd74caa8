/**
 * The XML form: `winrm get winrm/config -format:xml` (a `cfg:Config` element in the namespace
 * http://schemas.microsoft.com/wbem/wsman/1/config, `Source="GPO"` on values set by Group Policy)
 * and `winrm enumerate winrm/config/listener -format:xml` (`cfg:Listener` elements in
 * .../config/listener, inside a `wsman:Results` element). Both may be pasted one after the other.
 * Parsed with fast-xml-parser (no DOM in the core); document type declarations are refused, so
 * no entity is ever expanded. Never throws.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { emptyConfig, listenerFromValues } from './normalize';
import type { ConfigValue, InputProblem, ParseResult } from './types';
import { BOOLEAN_NAMES, REQUIRED_LISTENER_VALUES, REQUIRED_VALUES, WINRM_CONTAINERS, isBooleanText } from './winrm-schema';

export const WSMAN_CONFIG_NS = 'http://schemas.microsoft.com/wbem/wsman/1/config';
const WRAPPER = 'AuditPaste';

type Node = Record<string, unknown>;

interface Element {
  name: string;
  namespace: string;
  attributes: Record<string, string>;
  children: Element[];
  text: string;
}

function toElements(nodes: unknown, scope: Record<string, string>): Element[] {
  if (!Array.isArray(nodes)) return [];
  const out: Element[] = [];
  for (const node of nodes as Node[]) {
    const key = Object.keys(node).find((k) => k !== ':@');
    if (!key || key === '#text' || key.startsWith('?') || key === '#comment') continue;
    const rawAttributes = (node[':@'] ?? {}) as Record<string, unknown>;
    const attributes: Record<string, string> = {};
    const inner = { ...scope };
    for (const [k, v] of Object.entries(rawAttributes)) {
      const name = k.replace(/^@_/, '');
      const value = typeof v === 'string' ? v : String(v);
      if (name === 'xmlns') inner[''] = value;
      else if (name.startsWith('xmlns:')) inner[name.slice(6)] = value;
      else attributes[name.replace(/^[^:]*:/, '')] = value;
    }
    const colon = key.indexOf(':');
    const prefix = colon === -1 ? '' : key.slice(0, colon);
    const children = node[key];
    const texts = Array.isArray(children) ? (children as Node[]).filter((c) => '#text' in c).map((c) => String(c['#text'])) : [];
    out.push({
      name: colon === -1 ? key : key.slice(colon + 1),
      namespace: inner[prefix] ?? '',
      attributes,
      children: toElements(children, inner),
      text: texts.join('').trim(),
    });
  }
  return out;
}

function lineOfTag(text: string, tag: string): number {
  const i = text.search(new RegExp(`<(?:[\\w.-]+:)?${tag}\\b`));
  return i === -1 ? 1 : text.slice(0, i).split('\n').length;
}

export function parseWinrmXml(text: string): ParseResult {
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) {
    const line = lineOfTag(text, '!DOCTYPE');
    return {
      ok: false,
      problems: [
        {
          line,
          message: 'The XML has a document type declaration (<!DOCTYPE> or <!ENTITY>): winrm never prints one. This is not winrm output.',
        },
      ],
    };
  }
  if (/^\s*<(?:html|!--|body|head)\b/i.test(text)) {
    return {
      ok: false,
      problems: [{ line: 1, message: 'Line 1: this is an HTML page, not the output of winrm get winrm/config -format:xml.' }],
    };
  }
  // XML declarations may appear once per pasted document: blank them, keeping line numbers.
  const body = text.replace(/<\?xml[^>]*\?>/g, (m) => m.replace(/[^\n]/g, ' '));
  const wrapped = `<${WRAPPER}>${body}</${WRAPPER}>`;
  const valid = XMLValidator.validate(wrapped);
  if (valid !== true) {
    const line = Math.max(1, valid.err.line);
    return {
      ok: false,
      problems: [
        {
          line,
          message: `Line ${line}: the XML is broken or incomplete (${valid.err.msg.replace(WRAPPER, 'the end of the input')}). If you copied it from a console, the output looks truncated: copy it whole, or save it with > config.xml and open the file.`,
        },
      ],
    };
  }
  let roots: Element[];
  try {
    const parser = new XMLParser({
      ignoreAttributes: false,
      parseTagValue: false,
      parseAttributeValue: false,
      trimValues: true,
      preserveOrder: true,
      processEntities: true,
      htmlEntities: false,
    });
    roots = toElements(parser.parse(wrapped), {})[0]?.children ?? [];
  } catch (e) {
    return {
      ok: false,
      problems: [{ line: 1, message: `The XML could not be read: ${e instanceof Error ? e.message : 'unknown error'}.` }],
    };
  }

  const problems: InputProblem[] = [];
  const config = emptyConfig('xml');
  const winrm: Record<string, ConfigValue> = {};
  let sawConfig = false;
  let listeners: ReturnType<typeof listenerFromValues>[] | undefined;

  const readValue = (el: Element, path: string): void => {
    const container = WINRM_CONTAINERS[path];
    if (container && el.children.length > 0) {
      for (const child of el.children) readValue(child, `${path}/${child.name}`);
      return;
    }
    if (BOOLEAN_NAMES.has(el.name) && el.text !== '' && !isBooleanText(el.text)) {
      problems.push({
        line: lineOfTag(text, el.name),
        message: `${path.replace(/\//g, '\\')} should be true or false, found ${JSON.stringify(el.text.slice(0, 40))}.`,
      });
      return;
    }
    winrm[path] = { value: el.text, gpo: (el.attributes.Source ?? '').toUpperCase() === 'GPO' };
  };

  const readListener = (el: Element): void => {
    const values: Record<string, ConfigValue> = {};
    const listeningOn: string[] = [];
    for (const c of el.children) {
      if (c.name === 'ListeningOn') listeningOn.push(c.text);
      else values[c.name] = { value: c.text, gpo: false };
    }
    const missing = REQUIRED_LISTENER_VALUES.filter((k) => !values[k]);
    if (missing.length) {
      problems.push({
        line: lineOfTag(text, 'Listener'),
        message: `A Listener element has no ${missing.join(', ')}: the XML looks truncated or edited.`,
      });
      return;
    }
    (listeners ??= []).push(listenerFromValues(values, listeningOn, (el.attributes.Source ?? '').toUpperCase() === 'GPO'));
  };

  const visit = (el: Element): void => {
    if (el.name === 'Config' && el.namespace === WSMAN_CONFIG_NS) {
      if (sawConfig) {
        problems.push({
          line: lineOfTag(text, 'Config'),
          message: 'The input holds two Config elements: paste the output of one server only.',
        });
        return;
      }
      sawConfig = true;
      for (const child of el.children) readValue(child, child.name);
      return;
    }
    if (el.name === 'Listener' && el.namespace.startsWith(WSMAN_CONFIG_NS)) {
      listeners ??= [];
      readListener(el);
      return;
    }
    if (el.name === 'Results' || el.name === 'Items') {
      listeners ??= [];
      for (const child of el.children) visit(child);
      return;
    }
    const ns = el.namespace ? ` in the namespace ${el.namespace}` : ' without a namespace';
    problems.push({
      line: lineOfTag(text, el.name),
      message: `Line ${lineOfTag(text, el.name)}: expected the element cfg:Config (${WSMAN_CONFIG_NS}) of winrm get winrm/config -format:xml, or cfg:Listener; found <${el.name}>${ns}. This looks like another command's output.`,
    });
  };
  for (const root of roots) {
    if (problems.length) break;
    visit(root);
  }
  if (problems.length) return { ok: false, problems: problems.slice(0, 5) };
  if (!sawConfig && listeners === undefined)
    return { ok: false, problems: [{ line: 1, message: 'The XML holds neither a cfg:Config nor a cfg:Listener element.' }] };
  if (sawConfig) {
    if (!Object.keys(winrm).some((k) => k.startsWith('Winrs/'))) {
      return {
        ok: false,
        problems: [
          {
            line: text.split('\n').length,
            message:
              'The Config element has no Winrs block, which closes every winrm get winrm/config output: it looks truncated or edited.',
          },
        ],
      };
    }
    const missing = REQUIRED_VALUES.find((p) => !winrm[p]);
    if (missing)
      return {
        ok: false,
        problems: [{ line: 1, message: `The Config element has no ${missing.replace(/\//g, '\\')}: it looks truncated or edited.` }],
      };
  }
  config.winrm = winrm;
  if (listeners) config.listeners = listeners;
  return { ok: true, config };
}
