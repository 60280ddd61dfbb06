// The gateway's base URL as the visitor reached it: the page is rendered for whatever host the
// browser used (localhost, a LAN address, a proxy's public name), so the snippets work when pasted.

interface HeaderReader {
  get(name: string): string | null;
}

const HOST = /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/;

/** "http://localhost:3000/v1". Proxy headers first (x-forwarded-host/-proto), then Host. */
export function gatewayBaseUrl(headers: HeaderReader): string {
  const forwardedHost = headers.get('x-forwarded-host')?.split(',')[0]?.trim();
  const host = [forwardedHost, headers.get('host')?.trim()].find((h): h is string => !!h && HOST.test(h)) ?? 'localhost:3000';
  const forwardedProto = headers.get('x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase();
  const proto = forwardedProto === 'https' || forwardedProto === 'http' ? forwardedProto : 'http';
  return `${proto}://${host}/v1`;
}
