// SSRF guard for the custom OpenAI-compatible upstream (LLMTEST_CUSTOM_BASE_URL): the gateway must
// not be usable to reach loopback, link-local (cloud metadata at 169.254.169.254), private or
// unspecified addresses unless the operator says so (LLMTEST_ALLOW_PRIVATE_UPSTREAMS=true, e.g. an
// Ollama on localhost). Checked twice:
//   at start   the URL's host, resolved (every address), must be public: else the server refuses
//              to start with a message naming both variables;
//   at connect the Agent's DNS lookup for that host checks every address again before the socket
//              opens, so a name that re-resolves to 127.0.0.1 later (DNS rebinding) is refused.
// An IP literal never re-resolves, so the start check covers it for good. The official providers'
// base URLs (OPENAI_BASE_URL, …) are not guarded: they default to the vendors' public APIs and
// are changed only by the operator (e.g. towards a corporate egress proxy).
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { BlockList, isIP, type LookupFunction } from 'node:net';

export const ALLOW_PRIVATE_UPSTREAMS_VAR = 'LLMTEST_ALLOW_PRIVATE_UPSTREAMS';
/** Error code of a refused upstream address (mapped to a "connect" failure: no retry, next model). */
export const UPSTREAM_ADDRESS_REFUSED = 'LLMTEST_UPSTREAM_ADDRESS_REFUSED';

const RANGES: Array<[name: string, network: string, prefix: number, type: 'ipv4' | 'ipv6']> = [
  ['unspecified (0.0.0.0/8)', '0.0.0.0', 8, 'ipv4'],
  ['loopback (127.0.0.0/8)', '127.0.0.0', 8, 'ipv4'],
  ['private (10.0.0.0/8)', '10.0.0.0', 8, 'ipv4'],
  ['private (172.16.0.0/12)', '172.16.0.0', 12, 'ipv4'],
  ['private (192.168.0.0/16)', '192.168.0.0', 16, 'ipv4'],
  ['link-local (169.254.0.0/16, cloud metadata)', '169.254.0.0', 16, 'ipv4'],
  ['shared address space (100.64.0.0/10)', '100.64.0.0', 10, 'ipv4'],
  ['unspecified (::)', '::', 128, 'ipv6'],
  ['loopback (::1)', '::1', 128, 'ipv6'],
  ['link-local (fe80::/10)', 'fe80::', 10, 'ipv6'],
  ['unique local (fc00::/7)', 'fc00::', 7, 'ipv6'],
];

const blockLists = RANGES.map(([name, network, prefix, type]) => {
  const list = new BlockList();
  list.addSubnet(network, prefix, type);
  return { name, list, type };
});

/** The name of the forbidden range the address is in, or null for a public address. */
export function forbiddenRange(address: string): string | null {
  let ip = address.replace(/^\[|\]$/g, '');
  // IPv4-mapped IPv6 (::ffff:127.0.0.1) is the IPv4 address for every purpose that matters here.
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) ip = mapped[1]!;
  const family = isIP(ip);
  if (family === 0) return null;
  const type = family === 4 ? 'ipv4' : 'ipv6';
  for (const entry of blockLists) if (entry.type === type && entry.list.check(ip, type)) return entry.name;
  return null;
}

export class UpstreamAddressError extends Error {
  readonly code = UPSTREAM_ADDRESS_REFUSED;
  constructor(message: string) {
    super(message);
    this.name = 'UpstreamAddressError';
  }
}

function refusal(what: string, address: string, range: string): UpstreamAddressError {
  return new UpstreamAddressError(
    `${what} resolves to ${address}, a ${range} address: upstreams on loopback, link-local or private networks are refused. ` +
      `Set ${ALLOW_PRIVATE_UPSTREAMS_VAR}=true to allow them (only if you trust this host).`,
  );
}

export type ResolveAll = (hostname: string) => Promise<LookupAddress[]>;

const resolveAll: ResolveAll = (hostname) =>
  new Promise((resolve, reject) => dnsLookup(hostname, { all: true, verbatim: true }, (error, addresses) => (error ? reject(error) : resolve(addresses))));

/**
 * Start-time check of one URL: throws UpstreamAddressError naming `envVar` when its host is (or
 * resolves to) a forbidden address. A name that does not resolve now is let through: the
 * connect-time check covers it.
 */
export async function assertPublicUpstream(url: string, envVar: string, resolve: ResolveAll = resolveAll): Promise<void> {
  const hostname = new URL(url).hostname.replace(/^\[|\]$/g, '');
  const what = `${envVar} (${url})`;
  if (isIP(hostname)) {
    const range = forbiddenRange(hostname);
    if (range) throw refusal(what, hostname, range);
    return;
  }
  let addresses: LookupAddress[];
  try {
    addresses = await resolve(hostname);
  } catch {
    return;
  }
  for (const { address } of addresses) {
    const range = forbiddenRange(address);
    if (range) throw refusal(what, address, range);
  }
}

/**
 * A `lookup` for net/tls.connect (undici's Agent `connect` options) that resolves every address of
 * a guarded hostname and fails the connection when any is forbidden. Other hostnames resolve as usual.
 */
export function createGuardedLookup(guarded: Map<string, string>, resolve: ResolveAll = resolveAll): LookupFunction {
  return (hostname, options, callback) => {
    const envVar = guarded.get(hostname.toLowerCase());
    if (envVar === undefined) return void dnsLookup(hostname, options, callback);
    resolve(hostname).then(
      (addresses) => {
        for (const { address } of addresses) {
          const range = forbiddenRange(address);
          if (range) return callback(refusal(`${envVar} host ${hostname}`, address, range) as NodeJS.ErrnoException, '', 0);
        }
        const wanted = options.family === 4 || options.family === 6 ? addresses.filter((a) => a.family === options.family) : addresses;
        if (wanted.length === 0) return callback(Object.assign(new Error(`no address for ${hostname}`), { code: 'ENOTFOUND' }), '', 0);
        if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, wanted);
        callback(null, wanted[0]!.address, wanted[0]!.family);
      },
      (error: NodeJS.ErrnoException) => callback(error, '', 0),
    );
  };
}

export interface UpstreamAddressPolicy {
  /** Start-time check of every guarded URL (throws UpstreamAddressError). */
  check(): Promise<void>;
  /** For the upstream Agent; undefined when nothing is guarded (allowed, or no custom host). */
  lookup: LookupFunction | undefined;
}

/** The guard for the configured custom host; a no-op with LLMTEST_ALLOW_PRIVATE_UPSTREAMS=true. */
export function upstreamAddressPolicy(
  env: Record<string, string | undefined>,
  providerConfig: Partial<Record<string, { baseUrl: string }>>,
  resolve: ResolveAll = resolveAll,
): UpstreamAddressPolicy {
  const allowed = ['1', 'true', 'yes'].includes(env[ALLOW_PRIVATE_UPSTREAMS_VAR]?.trim().toLowerCase() ?? '');
  const custom = providerConfig.custom?.baseUrl;
  if (allowed || !custom) return { check: async () => {}, lookup: undefined };
  const envVar = 'LLMTEST_CUSTOM_BASE_URL';
  const hostname = new URL(custom).hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return {
    check: () => assertPublicUpstream(custom, envVar, resolve),
    lookup: isIP(hostname) ? undefined : createGuardedLookup(new Map([[hostname, envVar]]), resolve),
  };
}
