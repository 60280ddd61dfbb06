// A local stand-in for api.stripe.com, enough for LLMTest's billing: the official `stripe` SDK is
// pointed at it (host / port / protocol) and sends its real, form-encoded requests. It records
// every request, can fail on demand, and deduplicates like Stripe does:
//   - Idempotency-Key: a request repeated with a key whose first request was processed gets the
//     first response again (kept for the life of the fake; Stripe keeps them 24 h);
//   - meter events: an `identifier` already accepted is refused with 400 resource_already_exists
//     and not counted again.
// Failures: `failEvery(n, mode)` fails every n-th matching request, either "before" processing
// (a 500, nothing happens), "after" (processed, then a 500: the client cannot tell that it
// landed, the case identifiers exist for), or "drop" (processed, then the connection is cut; the
// SDK retries a closed connection once by itself, with the same Idempotency-Key).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseForm, type FormValue } from './form-body';

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, FormValue>;
  body: Record<string, FormValue>;
  idempotencyKey: string | null;
  outcome: 'ok' | 'replayed' | 'failed-before' | 'failed-after' | 'dropped' | 'error';
  status: number;
}

export interface MeterEventRecord {
  identifier: string;
  event_name: string;
  customer: string;
  value: bigint;
  timestamp: number;
}

export type FailMode = 'before' | 'after' | 'drop' | 'alternate';

export interface FakeStripe {
  url: string;
  port: number;
  /** Env for the app: STRIPE_SECRET_KEY + STRIPE_API_HOST/PORT/PROTOCOL. */
  env: Record<string, string>;
  requests: RecordedRequest[];
  /** Accepted meter events (each identifier once). */
  meterEvents: MeterEventRecord[];
  objects: { customers: Map<string, Record<string, unknown>>; products: Map<string, Record<string, unknown>>; meters: Map<string, Record<string, unknown>>; prices: Map<string, Record<string, unknown>> };
  /** Fail every n-th request whose path starts with `pathPrefix` (default all). n = 0 stops. */
  failEvery(n: number, mode?: FailMode, pathPrefix?: string): void;
  /** Ignore Idempotency-Key headers (to prove identifier dedupe alone suffices). */
  honourIdempotencyKeys: boolean;
  /** Hold every answer this long after processing (a kill then lands between the two). */
  responseDelayMs: number;
  /** Called when a meter event is accepted, before its answer is sent. */
  onMeterEvent: ((event: MeterEventRecord) => void) | null;
  close(): Promise<void>;
}

let counter = 0;
const newId = (prefix: string) => `${prefix}_${Date.now().toString(36)}${(++counter).toString(36).padStart(4, '0')}`;
const now = () => Math.floor(Date.now() / 1000);

class StripeHttpError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    readonly code: string | null,
    message: string,
  ) {
    super(message);
  }
}

export async function startFakeStripe(options: { port?: number } = {}): Promise<FakeStripe> {
  const requests: RecordedRequest[] = [];
  const meterEvents: MeterEventRecord[] = [];
  const meterIdentifiers = new Set<string>();
  const idempotent = new Map<string, { status: number; body: string }>();
  const objects = { customers: new Map(), products: new Map(), meters: new Map(), prices: new Map() } as FakeStripe['objects'];
  let failN = 0;
  let failMode: FailMode = 'before';
  let failPrefix = '/';
  let matching = 0;
  let alternate = 0;

  const list = (path: string, data: unknown[]) => ({ object: 'list', data, has_more: false, url: path });

  function handle(method: string, path: string, query: Record<string, FormValue>, body: Record<string, FormValue>): unknown {
    const str = (value: FormValue | undefined) => (typeof value === 'string' ? value : undefined);
    let match: RegExpMatchArray | null;
    if (method === 'POST' && path === '/v1/customers') {
      const customer = { id: newId('cus'), object: 'customer', created: now(), email: str(body.email) ?? null, metadata: body.metadata ?? {} };
      objects.customers.set(customer.id, customer);
      return customer;
    }
    if (method === 'GET' && (match = path.match(/^\/v1\/products\/([^/]+)$/))) {
      const product = objects.products.get(decodeURIComponent(match[1]!));
      if (!product) throw new StripeHttpError(404, 'invalid_request_error', 'resource_missing', `No such product: '${match[1]}'`);
      return product;
    }
    if (method === 'POST' && path === '/v1/products') {
      const id = str(body.id) ?? newId('prod');
      if (objects.products.has(id)) throw new StripeHttpError(400, 'invalid_request_error', 'resource_already_exists', `Product already exists.`);
      const product = { id, object: 'product', active: true, created: now(), name: str(body.name), metadata: body.metadata ?? {} };
      objects.products.set(id, product);
      return product;
    }
    if (method === 'GET' && path === '/v1/billing/meters') {
      return list(path, [...objects.meters.values()].filter((m) => !query.status || m.status === query.status));
    }
    if (method === 'POST' && path === '/v1/billing/meters') {
      const eventName = str(body.event_name)!;
      if ([...objects.meters.values()].some((m) => m.event_name === eventName && m.status === 'active'))
        throw new StripeHttpError(400, 'invalid_request_error', null, `An active meter with event_name ${eventName} already exists.`);
      const meter = { id: newId('mtr'), object: 'billing.meter', status: 'active', created: now(), event_name: eventName, display_name: str(body.display_name), default_aggregation: body.default_aggregation, customer_mapping: body.customer_mapping, value_settings: body.value_settings };
      objects.meters.set(meter.id, meter);
      return meter;
    }
    if (method === 'GET' && path === '/v1/prices') {
      const keys = Object.values((query.lookup_keys as Record<string, string> | string[] | undefined) ?? {});
      return list(path, [...objects.prices.values()].filter((p) => (keys.length === 0 || keys.includes(p.lookup_key as string)) && (query.active === undefined || String(p.active) === query.active)));
    }
    if (method === 'POST' && path === '/v1/prices') {
      const lookupKey = str(body.lookup_key);
      if (lookupKey && [...objects.prices.values()].some((p) => p.lookup_key === lookupKey))
        throw new StripeHttpError(400, 'invalid_request_error', null, `A price with lookup_key ${lookupKey} already exists (use transfer_lookup_key).`);
      const price = { id: newId('price'), object: 'price', active: true, created: now(), product: str(body.product), currency: str(body.currency), unit_amount_decimal: str(body.unit_amount_decimal), recurring: body.recurring, lookup_key: lookupKey ?? null, metadata: body.metadata ?? {} };
      objects.prices.set(price.id, price);
      return price;
    }
    if (method === 'POST' && path === '/v1/billing/meter_events') {
      const identifier = str(body.identifier) ?? newId('mev');
      const payload = (body.payload ?? {}) as Record<string, string>;
      if (!payload.stripe_customer_id || !objects.customers.has(payload.stripe_customer_id) && !payload.stripe_customer_id.startsWith('cus_'))
        throw new StripeHttpError(400, 'invalid_request_error', null, 'payload[stripe_customer_id] is required.');
      if (!/^\d+$/.test(payload.value ?? '')) throw new StripeHttpError(400, 'invalid_request_error', null, 'payload[value] must be a whole number.');
      if (meterIdentifiers.has(identifier))
        throw new StripeHttpError(400, 'invalid_request_error', 'resource_already_exists', `A meter event with identifier ${identifier} already exists.`);
      meterIdentifiers.add(identifier);
      const event = { identifier, event_name: str(body.event_name)!, customer: payload.stripe_customer_id, value: BigInt(payload.value!), timestamp: Number(str(body.timestamp) ?? now()) };
      meterEvents.push(event);
      fake.onMeterEvent?.(event);
      return { object: 'billing.meter_event', created: now(), livemode: false, identifier, event_name: event.event_name, payload, timestamp: event.timestamp };
    }
    if (method === 'POST' && path === '/v1/checkout/sessions') {
      const id = newId('cs_test');
      return { id, object: 'checkout.session', mode: str(body.mode), customer: str(body.customer), client_reference_id: str(body.client_reference_id), url: `https://checkout.stripe.test/c/pay/${id}`, line_items: body.line_items, success_url: str(body.success_url), cancel_url: str(body.cancel_url), status: 'open' };
    }
    if (method === 'POST' && path === '/v1/billing_portal/sessions') {
      const id = newId('bps');
      return { id, object: 'billing_portal.session', customer: str(body.customer), return_url: str(body.return_url), url: `https://billing.stripe.test/p/session/${id}` };
    }
    throw new StripeHttpError(404, 'invalid_request_error', 'resource_missing', `Unrecognized request URL (${method}: ${path}).`);
  }

  function respond(res: ServerResponse, status: number, body: string) {
    res.writeHead(status, { 'content-type': 'application/json', 'request-id': newId('req') }).end(body);
  }

  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (raw += chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://fake');
      const method = req.method ?? 'GET';
      const record: RecordedRequest = {
        method,
        path: url.pathname,
        query: parseForm(url.search.slice(1)),
        body: parseForm(raw),
        idempotencyKey: (req.headers['idempotency-key'] as string | undefined) ?? null,
        outcome: 'ok',
        status: 200,
      };
      requests.push(record);
      if (!String(req.headers.authorization ?? '').startsWith('Bearer sk_')) {
        record.status = 401;
        record.outcome = 'error';
        return respond(res, 401, JSON.stringify({ error: { type: 'invalid_request_error', message: 'Invalid API Key provided.' } }));
      }
      const storeKey = record.idempotencyKey && fake.honourIdempotencyKeys ? `${method} ${record.path} ${record.idempotencyKey}` : null;
      if (storeKey && idempotent.has(storeKey)) {
        const stored = idempotent.get(storeKey)!;
        record.outcome = 'replayed';
        record.status = stored.status;
        res.setHeader('idempotent-replayed', 'true');
        return respond(res, stored.status, stored.body);
      }
      let failure: 'before' | 'after' | 'drop' | null = null;
      if (failN > 0 && record.path.startsWith(failPrefix) && ++matching % failN === 0)
        failure = failMode === 'alternate' ? (alternate++ % 2 === 0 ? 'after' : 'before') : failMode;
      if (failure === 'before') {
        record.outcome = 'failed-before';
        record.status = 500;
        return respond(res, 500, JSON.stringify({ error: { type: 'api_error', message: 'Fake Stripe: failing on demand.' } }));
      }
      let status = 200;
      let body: string;
      try {
        body = JSON.stringify(handle(method, record.path, record.query, record.body));
      } catch (error) {
        if (!(error instanceof StripeHttpError)) throw error;
        status = error.status;
        record.outcome = 'error';
        body = JSON.stringify({ error: { type: error.type, code: error.code ?? undefined, message: error.message } });
      }
      record.status = status;
      // Stripe saves the result of a request that ran, errors included (not a 500 before it ran).
      if (storeKey) idempotent.set(storeKey, { status, body });
      if (failure === 'after') {
        record.outcome = 'failed-after';
        record.status = 500;
        return respond(res, 500, JSON.stringify({ error: { type: 'api_error', message: 'Fake Stripe: failing after processing.' } }));
      }
      if (failure === 'drop') {
        record.outcome = 'dropped';
        res.destroy();
        return;
      }
      if (fake.responseDelayMs > 0) setTimeout(() => respond(res, status, body), fake.responseDelayMs);
      else respond(res, status, body);
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const fake: FakeStripe = {
    url: `http://127.0.0.1:${port}`,
    port,
    env: { STRIPE_SECRET_KEY: 'sk_test_fake', STRIPE_API_HOST: '127.0.0.1', STRIPE_API_PORT: String(port), STRIPE_API_PROTOCOL: 'http' },
    requests,
    meterEvents,
    objects,
    honourIdempotencyKeys: true,
    responseDelayMs: 0,
    onMeterEvent: null,
    failEvery(n, mode = 'before', pathPrefix = '/') {
      failN = n;
      failMode = mode;
      failPrefix = pathPrefix;
      matching = 0;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return fake;
}
