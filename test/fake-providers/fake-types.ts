// Public types of the fake upstream providers used by integration tests and benchmarks.

export type FakeProviderName = 'openai' | 'anthropic' | 'gemini' | 'openrouter' | 'compat';

export type FakeBehaviour =
  /** Answer with this status; body defaults to the provider's real error body shape for it. */
  | { type: 'status'; status: number; body?: string; headers?: Record<string, string> }
  /** Destroy the socket before any response. */
  | { type: 'reset' }
  /** Send headers and part of a JSON body, then destroy the socket. */
  | { type: 'reset-mid-body' }
  | { type: 'reset-mid-stream'; afterEvents: number }
  /** Send `afterEvents` events, then keep the socket open without sending anything more. */
  | { type: 'stall-stream'; afterEvents: number }
  /** First byte after `ms`, then the normal answer. */
  | { type: 'delay'; ms: number }
  /** Answer with this assistant text (streamed in `events` pieces when streaming). */
  | { type: 'content'; text: string; chunkDelayMs?: number; events?: number }
  | { type: 'tool-call'; name: string; arguments: string }
  /** 200 with this body. */
  | { type: 'garbage'; body: string; contentType?: string }
  /** A normal answer without usage. */
  | { type: 'no-usage' }
  /** 200 text/event-stream with broken framing / payloads. */
  | { type: 'invalid-sse' };

export interface FakeRule {
  provider?: FakeProviderName;
  /** Upstream model id; omitted = any. */
  model?: string;
  /** Default 1; Infinity allowed (over the control API: null, -1 or "Infinity"). */
  times?: number;
  behaviour: FakeBehaviour;
}

export interface FakeRequestLog {
  provider: FakeProviderName;
  /** For /compat/<host>/v1 paths, the host segment (e.g. "groq"). */
  host?: string;
  method: string;
  path: string;
  model: string | undefined;
  stream: boolean;
  /** Parsed JSON body (undefined when not JSON). */
  body: unknown;
  headers: Record<string, string | string[] | undefined>;
  /** The behaviour applied ('default' when no rule matched). */
  behaviour: FakeBehaviour['type'] | 'default' | 'unauthorized';
  status: number | undefined;
  /** The client closed the connection before the response ended (not counting faults we injected). */
  clientAborted: boolean;
  receivedAt: number;
  /** When the response ended or the connection closed (epoch ms). */
  endedAt: number | undefined;
}

/** Default timing knobs (benchmarks set them over the control API). */
export interface FakeConfig {
  /** Delay before the response headers of a normal answer. */
  latencyMs: number;
  /** Number of content events of a default streamed answer (0 = the fixture's own pieces). */
  streamEvents: number;
  /** Gap between streamed events. */
  streamEventGapMs: number;
  /** Request log entries kept (oldest dropped), to keep memory flat during benchmarks. */
  maxLoggedRequests: number;
}

export interface FakeProviders {
  /** http://127.0.0.1:PORT */
  baseUrl: string;
  /** Provider env for the gateway, pointing every provider at this server. */
  env: Record<string, string>;
  /** Queue a behaviour for the next matching requests. */
  enqueue(rule: FakeRule): void;
  /** Every request received (newest last). */
  requests: FakeRequestLog[];
  /** Change default timing knobs. */
  configure(config: Partial<FakeConfig>): void;
  /** Clear rules and the log (and restore default config). */
  reset(): void;
  close(): Promise<void>;
}
