// The facts the docs page states, as data: headers, error statuses, limits, settings, provider
// variables. Keep in step with lib/gateway (config.ts, errors.ts, flow-header.ts) and
// lib/providers/config.ts; the page renders these tables as they are.

export interface HeaderDoc {
  name: string;
  direction: 'request' | 'response';
  example: string;
  meaning: string;
}

export const HEADERS: HeaderDoc[] = [
  { name: 'Authorization', direction: 'request', example: 'Bearer llmt_…', meaning: 'Your LLMTest API key (create one under API keys). Required; a missing, unknown or revoked key is a 401.' },
  {
    name: 'X-Flow',
    direction: 'request',
    example: 'support-bot',
    meaning: 'Names the feature of your app the call belongs to. Optional: calls without it go to the flow "unknown". Trimmed; at most 64 characters of letters, digits, "-", "_" and "."; anything else is a 400.',
  },
  {
    name: 'x-llmtest-request-id',
    direction: 'response',
    example: '658e9a18-773b-…',
    meaning: 'On every response, errors included. The id of the call in the call log: open /calls/<id> in the dashboard to see its attempts, cost and bodies.',
  },
  {
    name: 'x-llmtest-fallback-model',
    direction: 'response',
    example: 'anthropic/claude-sonnet-4',
    meaning: 'Present only when a model other than the first one planned served the call: the id of the model that answered (the body’s "model" says the same).',
  },
  {
    name: 'x-llmtest-content-fallback',
    direction: 'response',
    example: 'true',
    meaning: 'Sent with x-llmtest-fallback-model: "true" when the fallback happened because a model’s JSON could not be used (JSON mode), "false" when it was an upstream failure.',
  },
  { name: 'x-llmtest-json-repaired', direction: 'response', example: 'true', meaning: 'JSON mode: the model’s content was not valid JSON and was repaired before it reached you.' },
];

export interface ErrorDoc {
  status: number;
  type: string;
  when: string;
}

export const ERRORS: ErrorDoc[] = [
  { status: 400, type: 'invalid_request_error', when: 'Malformed JSON, a missing or bad field ("param" names it, e.g. messages[0].role), an invalid X-Flow header, n > 1.' },
  { status: 401, type: 'invalid_request_error', when: 'Missing, malformed, unknown or revoked API key (code invalid_api_key).' },
  { status: 404, type: 'invalid_request_error', when: 'Unknown model (code model_not_found; the message suggests close ids) or an unknown /v1 path.' },
  { status: 413, type: 'invalid_request_error', when: 'The request body is larger than the limit (10 MB by default).' },
  { status: 429, type: 'requests', when: 'Every model tried was rate limited upstream (with Retry-After when known).' },
  { status: 502, type: 'server_error', when: 'Every attempt failed, or no model returned valid JSON for your response_format (code invalid_json_output). The message lists each attempt and why it failed.' },
  { status: 503, type: 'server_error', when: 'Nothing could be tried: no provider is configured for the models, none supports what the request needs (tools, images, JSON), or their circuits are open.' },
  { status: 504, type: 'server_error', when: 'The call deadline passed, or every attempt timed out.' },
];

export interface SettingDoc {
  variable: string;
  defaultValue: string;
  meaning: string;
}

export const GATEWAY_SETTINGS: SettingDoc[] = [
  { variable: 'LLMTEST_CONNECT_TIMEOUT_MS', defaultValue: '5000', meaning: 'TCP/TLS connect, per attempt.' },
  { variable: 'LLMTEST_FIRST_BYTE_TIMEOUT_MS', defaultValue: '60000', meaning: 'From sending the request to the upstream’s first response bytes.' },
  { variable: 'LLMTEST_IDLE_TIMEOUT_MS', defaultValue: '30000', meaning: 'Longest silence between two chunks of a response.' },
  { variable: 'LLMTEST_DEADLINE_MS', defaultValue: '120000', meaning: 'The whole call until the answer starts: every attempt and backoff together.' },
  { variable: 'LLMTEST_MAX_BODY_BYTES', defaultValue: '10485760', meaning: 'Largest request body (10 MB); larger is a 413.' },
  { variable: 'LLMTEST_MAX_RETRIES', defaultValue: '1', meaning: 'Retries on the same model (429, 5xx, overloaded, timeout, reset) before falling back.' },
  { variable: 'LLMTEST_RETRY_BASE_MS / LLMTEST_RETRY_MAX_MS', defaultValue: '250 / 8000', meaning: 'Exponential backoff with full jitter; a Retry-After above the maximum moves on to the next model instead.' },
  { variable: 'LLMTEST_MAX_MODELS', defaultValue: '5', meaning: 'Models tried per call, the primary included.' },
  { variable: 'LLMTEST_DEFAULT_CHAIN_LENGTH', defaultValue: '3', meaning: 'Catalog default-chain models appended after the primary.' },
  { variable: 'LLMTEST_BREAKER_THRESHOLD / LLMTEST_BREAKER_COOLDOWN_MS', defaultValue: '5 / 30000', meaning: 'Consecutive failures that open a model’s circuit on a provider, and the cool-down before one probe request.' },
  { variable: 'REDIS_URL', defaultValue: 'unset', meaning: 'Share circuit-breaker state across instances.' },
];

export interface ProviderEnvDoc {
  provider: string;
  keyVar: string;
  baseUrlVar: string;
  defaultBaseUrl: string;
}

export const PROVIDER_ENV: ProviderEnvDoc[] = [
  { provider: 'OpenAI', keyVar: 'OPENAI_API_KEY', baseUrlVar: 'OPENAI_BASE_URL', defaultBaseUrl: 'https://api.openai.com/v1' },
  { provider: 'Anthropic', keyVar: 'ANTHROPIC_API_KEY', baseUrlVar: 'ANTHROPIC_BASE_URL', defaultBaseUrl: 'https://api.anthropic.com (no /v1)' },
  { provider: 'Google Gemini', keyVar: 'GEMINI_API_KEY', baseUrlVar: 'GEMINI_BASE_URL', defaultBaseUrl: 'https://generativelanguage.googleapis.com' },
  { provider: 'OpenRouter', keyVar: 'OPENROUTER_API_KEY', baseUrlVar: 'OPENROUTER_BASE_URL', defaultBaseUrl: 'https://openrouter.ai/api/v1' },
  { provider: 'Groq', keyVar: 'GROQ_API_KEY', baseUrlVar: 'GROQ_BASE_URL', defaultBaseUrl: 'https://api.groq.com/openai/v1' },
  { provider: 'Together', keyVar: 'TOGETHER_API_KEY', baseUrlVar: 'TOGETHER_BASE_URL', defaultBaseUrl: 'https://api.together.xyz/v1' },
  { provider: 'DeepSeek', keyVar: 'DEEPSEEK_API_KEY', baseUrlVar: 'DEEPSEEK_BASE_URL', defaultBaseUrl: 'https://api.deepseek.com/v1' },
  { provider: 'Mistral', keyVar: 'MISTRAL_API_KEY', baseUrlVar: 'MISTRAL_BASE_URL', defaultBaseUrl: 'https://api.mistral.ai/v1' },
  { provider: 'xAI', keyVar: 'XAI_API_KEY', baseUrlVar: 'XAI_BASE_URL', defaultBaseUrl: 'https://api.x.ai/v1' },
  { provider: 'Fireworks', keyVar: 'FIREWORKS_API_KEY', baseUrlVar: 'FIREWORKS_BASE_URL', defaultBaseUrl: 'https://api.fireworks.ai/inference/v1' },
  { provider: 'Your own server (Ollama, vLLM, …)', keyVar: 'LLMTEST_CUSTOM_API_KEY (optional)', baseUrlVar: 'LLMTEST_CUSTOM_BASE_URL', defaultBaseUrl: 'none: setting it enables "custom/<model>"' },
];

export const FALLBACK_TRIGGERS = [
  'Connection refused or reset',
  'Timeouts (connect, first byte, idle between chunks)',
  '408 Request Timeout',
  '429 Too Many Requests',
  'Any 5xx, and Anthropic’s 529 Overloaded',
  'The provider is not configured on this server (its key is not set)',
  'Context length exceeded: the next model is one with a larger context window',
];

export const NOT_FALLBACK = ['400 Bad Request', '401 Unauthorized', '403 Forbidden', '404 Not Found', '(and other client errors from the upstream)'];

export const DOC_SECTIONS = [
  ['quickstart', 'Quickstart'],
  ['headers', 'Headers'],
  ['models', 'Models'],
  ['fallbacks', 'Fallbacks'],
  ['json', 'JSON recovery'],
  ['flows', 'Flows'],
  ['benchmarks', 'Benchmarks'],
  ['costs', 'Cost tracking'],
  ['errors', 'Errors'],
  ['limits', 'Limits'],
  ['providers', 'Providers (operators)'],
] as const;

export interface BenchmarkFactDoc {
  topic: string;
  detail: string;
}

/** How benchmarks work (lib/benchmarks): keep in step with benchmark-runner.ts and quality/. */
export const BENCHMARK_FACTS: BenchmarkFactDoc[] = [
  {
    topic: 'Sample',
    detail:
      'Successful production calls of one flow: the last N, a random N from a time range, or calls hand-picked in the calls explorer (tick them, then "Benchmark selected"); N up to 500. Each call is copied into the benchmark when it is created.',
  },
  {
    topic: 'Skipped calls',
    detail:
      'A call whose stored request body was capped at 64 KB (it can no longer be sent as it was), whose request contains images or other non-text parts, or (hand-picked) that failed, is listed as skipped with the reason and not replayed.',
  },
  {
    topic: 'Baseline',
    detail:
      "The flow's current model (its override, else the model that served the sampled calls). Its figures are those of the recorded calls; it is not called again. Add it as a candidate too to measure its run-to-run variation.",
  },
  {
    topic: 'Replays',
    detail:
      'Each sampled request is sent again with only "model" changed, through the same gateway pipeline and provider adapters as production calls (streamed if the original was), with the same retries; fallbacks are off unless you allow them (then the flow\'s chain and the catalog\'s apply). They are logged in the call log with source "benchmark": never billed, never counted in the flow\'s production figures. Their cost is shown as benchmark cost.',
  },
  {
    topic: 'Limits',
    detail:
      'Per benchmark: a budget (candidate and judge calls together; a call starts only while the spend so far plus the expected cost of the calls in flight stays under it, so the run may pass it by about one call) and 1–8 calls at a time. Per server: at most LLMTEST_BENCHMARK_CONCURRENCY (default 8) benchmark calls in flight for all users together, so benchmarks cannot starve production traffic (which never waits on that limit).',
  },
  {
    topic: 'Runs',
    detail:
      'Persisted jobs run in the server process. Progress (calls done, spend, ETA from the last minute\'s pace) updates every second. Cancel stops new calls at once and aborts those in flight; finished results are kept. On a restart the run resumes where it stopped (results already written are never run again); after a crash it resumes once its 15-second lease expires.',
  },
  {
    topic: 'Figures',
    detail:
      'Per model: total and per-call cost, latency p50 / p95 and time to first token p50 (nearest rank, successful calls; for a non-streamed call the first token arrives with the whole answer, so TTFT = latency), error rate, fallback rate, valid-JSON rate (JSON flows: a failed call counts as not valid), and quality: the mean over answered calls.',
  },
  {
    topic: '"Use this model for this flow"',
    detail:
      "Sets the flow's model override to the candidate (the fallback chain is kept), recorded in the flow's settings history and undoable there or from the confirmation. The flow's next production call goes to that model (on other server instances within the flow-settings cache TTL, 5 s by default).",
  },
];

export const QUALITY_METRICS: BenchmarkFactDoc[] = [
  {
    topic: 'Agreement, text (no judge)',
    detail:
      'ROUGE-L F1 between the candidate\'s answer and the baseline\'s recorded answer: both are cut into lower-cased words (runs of letters and digits, first 2,000 each); with L the length of their longest common subsequence, precision = L / candidate words, recall = L / baseline words, F1 = 2PR / (P + R). 100 % = the same words in the same order. Tool-call answers are compared as their JSON ([{name, arguments}]).',
  },
  {
    topic: 'Agreement, JSON flows (no judge)',
    detail:
      'For requests with response_format json_object / json_schema: the answer must parse as JSON (and match the json_schema) as returned; otherwise agreement is 0 and it counts as invalid JSON. Both documents are flattened to leaf paths ($.a.b[0] → value); agreement = paths with equal values / all paths of either document. A missing key, an extra key and a different value each count against it.',
  },
  {
    topic: 'Judge score',
    detail:
      'With a judge model, each successful candidate answer is graded 1–10 against the baseline\'s answer and the original request, with the fixed rubric below (temperature 0, JSON answer; request, reference and candidate cut at 8,000 characters each). The score and the judge\'s one-sentence reason are stored per answer; the judge\'s cost is shown apart (and counts toward the budget).',
  },
];
