import type { CapturedRequest } from '../../evidence/schema.js';
import type { Finding } from '../../judge/finding.js';

/** One decoded parameter of a request, and whether it is the one that leaked. */
export interface ParamRow {
  /** `query` or `body`. */
  where: 'query' | 'body';
  name: string;
  value: string;
  leaking: boolean;
}

/** What the HTML shows of a request: its URL, decoded parameters, and the body as text. */
export interface RequestView {
  method: string;
  url: string;
  params: ParamRow[];
  /** The body as text when it is not a form (JSON, text, multipart), cut to a readable length. */
  bodyText?: string;
}

const MAX_BODY = 8000;

/** `query.ud[em]` → `ud[em]`; `body.form.udff[ph]` → `udff[ph]`. */
function leakingName(parameter: string): { where: 'query' | 'body'; name: string } | undefined {
  if (parameter.startsWith('query.')) return { where: 'query', name: parameter.slice('query.'.length) };
  if (parameter.startsWith('body.form.')) return { where: 'body', name: parameter.slice('body.form.'.length) };
  return undefined;
}

/** Decodes a captured request for display, marking the parameter a finding names. */
export function requestView(request: CapturedRequest | undefined, finding: Finding): RequestView {
  const url = request?.url ?? finding.requestUrl;
  const target = leakingName(finding.parameter);
  const params: ParamRow[] = [];
  try {
    for (const [name, value] of new URL(url).searchParams) {
      params.push({ where: 'query', name, value, leaking: target?.where === 'query' && target.name === name });
    }
  } catch {
    // An unparsable URL is still shown whole.
  }
  let bodyText: string | undefined;
  if (request?.bodyBase64) {
    const body = Buffer.from(request.bodyBase64, 'base64').toString('utf8');
    const type = request.headers['content-type'] ?? '';
    if (type.includes('application/x-www-form-urlencoded')) {
      for (const [name, value] of new URLSearchParams(body)) {
        params.push({ where: 'body', name, value, leaking: target?.where === 'body' && target.name === name });
      }
    } else {
      bodyText = body.length > MAX_BODY ? `${body.slice(0, MAX_BODY)}… (${body.length} characters)` : body;
    }
  }
  // When the view path names no query or form parameter (JSON, header, path), mark any row holding the text.
  if (!params.some((p) => p.leaking)) {
    for (const p of params) if (p.value.toLowerCase().includes(finding.matched.toLowerCase())) p.leaking = true;
  }
  return { method: request?.method ?? finding.method, url, params, ...(bodyText !== undefined ? { bodyText } : {}) };
}
