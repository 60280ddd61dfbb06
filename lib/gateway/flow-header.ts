// X-Flow names the flow a call belongs to (a flow exists from its first call). Trimmed; at most
// 64 characters of letters, digits, "-", "_" and "."; a missing or blank header is flow "unknown".
import { InvalidRequestError } from './errors';

export const UNKNOWN_FLOW = 'unknown';
const FLOW_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;

export function parseFlowHeader(value: string | string[] | null | undefined): string {
  if (Array.isArray(value)) {
    if (value.length > 1) throw new InvalidRequestError('Send one X-Flow header, not several.', 'X-Flow', 'invalid_flow');
    value = value[0];
  }
  if (value == null) return UNKNOWN_FLOW;
  const flow = value.trim();
  if (flow === '') return UNKNOWN_FLOW;
  if (FLOW_PATTERN.test(flow)) return flow;
  const reason = flow.length > 64 ? `it is ${flow.length} characters long (at most 64)` : 'it may only contain letters, digits, "-", "_" and "."';
  throw new InvalidRequestError(`Invalid X-Flow header: ${reason}.`, 'X-Flow', 'invalid_flow');
}
