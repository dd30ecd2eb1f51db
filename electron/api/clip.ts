import type { ApiError } from './result';

/** Rejected input is echoed back cut to this many characters: enough to recognise it, never a payload's worth. */
export const ECHO_MAX = 120;
const MESSAGE_MAX = 400;
const LIST_MAX = 1000;

export const clip = (s: string, max = ECHO_MAX): string => (s.length > max ? `${s.slice(0, max)}…` : s);

function clipDeep(v: unknown, depth: number): unknown {
  if (typeof v === 'string') return clip(v);
  if (depth > 6 || v === null || typeof v !== 'object') return depth > 6 ? '…' : v;
  if (Array.isArray(v)) return v.slice(0, LIST_MAX).map((x) => clipDeep(x, depth + 1));
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [clip(k), clipDeep(x, depth + 1)]));
}

/** A refusal as it crosses the boundary: the message and every string in its details cut to a sane length. */
export const clipError = (e: ApiError): ApiError => ({
  code: e.code,
  message: clip(e.message, MESSAGE_MAX),
  ...(e.details && { details: clipDeep(e.details, 0) as ApiError['details'] }),
});
