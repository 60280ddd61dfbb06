// Only reached on hosts that run `next start` without server.ts: the custom server answers /v1/*
// itself, before Next's router (see server.ts for why). Same gateway, same behaviour.
import { getAppServices } from '@/lib/server/app-services';

export const dynamic = 'force-dynamic';

export async function POST(request: Request): Promise<Response> {
  return (await getAppServices()).gateway.handleFetch(request);
}
