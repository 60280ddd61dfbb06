// Only reached without the custom server (see app/v1/chat/completions/route.ts).
import { getAppServices } from '@/lib/server/app-services';

export const dynamic = 'force-dynamic';

export async function GET(request: Request): Promise<Response> {
  return (await getAppServices()).gateway.handleFetch(request);
}
