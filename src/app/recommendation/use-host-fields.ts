import { useEffect, useMemo, useRef, useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import type { Answers } from '../../core/model.ts';
import type { DecodedPermalink } from '../../core/permalink.ts';
import { hostTextOf, includeHostsOf, readCarried, validHostsOf, type Carried, type HostText } from '../guide/carry.ts';
import { guideHref } from '../guide/guide-url.ts';
import { splitScriptParam, withScriptParam } from './script-param.ts';

/**
 * The recommendation's host fields and "include in the link" box, kept where they belong:
 * - the address bar holds exactly the page's permalink (what "Copy link" gives and the saved-
 *   configuration note promises): host names appear in it while the box is ticked, only the
 *   values that pass validation, and leave it when it is unticked;
 * - the history entry's state holds the fields as typed, so a reload in this tab and the round
 *   trip through the guide ("Edit answers") keep them without putting them in a link.
 * Both are written with `replace` (no new history entry per keystroke) once the user has edited
 * something: the address a link opened with is left alone until then (its problems stay listed).
 */
export function useHostFields(decoded: DecodedPermalink) {
  const { state } = useLocation();
  const [initial] = useState(() => readCarried(state));
  const [fields, setFields] = useState<HostText>(() => hostTextOf(decoded, initial));
  const [includeHosts, setIncludeHosts] = useState(() => includeHostsOf(decoded, initial));
  const edited = useRef(false);
  const { hosts: validHosts, targetKind } = useMemo(() => validHostsOf(fields), [fields]);

  const carried: Carried = { hosts: fields, includeHosts };
  return {
    fields,
    includeHosts,
    validHosts,
    targetKind,
    setField: (field: keyof HostText, value: string) => {
      edited.current = true;
      setFields((f) => ({ ...f, [field]: value }));
    },
    setIncludeHosts: (include: boolean) => {
      edited.current = true;
      setIncludeHosts(include);
    },
    /** "Edit answers": the guide's "all answered", with the fields carried and a change returning here. */
    editLink: (answers: Answers) => ({
      href: guideHref(answers, 'done', validHosts, includeHosts),
      state: { ...carried, returnTo: 'recommendation' } satisfies Carried,
    }),
    carried,
    edited,
  };
}

/**
 * Writes the permalink (`?v=1&...` of the recommendation's `permalink`) and the carried fields
 * into the current history entry after an edit, keeping the script tab of the address.
 */
export function useSyncAddress(permalink: string, carried: Carried, edited: { current: boolean }) {
  const { pathname, search } = useLocation();
  const navigate = useNavigate();
  const query = permalink.slice(permalink.indexOf('?'));
  const { target, resource, adminSubnet, jeaCommands } = carried.hosts ?? {};
  const include = carried.includeHosts;
  useEffect(() => {
    if (!edited.current) return;
    edited.current = false;
    const { script } = splitScriptParam(search);
    const state: Carried = {
      hosts: { target: target ?? '', resource: resource ?? '', adminSubnet: adminSubnet ?? '', ...(jeaCommands ? { jeaCommands } : {}) },
      includeHosts: include,
    };
    void navigate({ pathname, search: withScriptParam(query, script) }, { replace: true, state, preventScrollReset: true });
    // Only an edit (fields, box, and so the permalink) writes the address; a change of address alone must not.
  }, [query, target, resource, adminSubnet, jeaCommands, include]);
}
