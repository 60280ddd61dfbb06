import { CreateKeyForm } from '@/components/create-key-form';
import { formatDateTime } from '@/components/format';
import { PageHeader } from '@/components/page-header';
import { RevokeKeyButton } from '@/components/revoke-key-button';
import { listApiKeys } from '@/lib/accounts/api-keys';
import { requireUser } from '@/lib/auth/session';
import { getDb } from '@/lib/db/client';
import { createKeyAction, revokeKeyAction } from './actions';

export const metadata = { title: 'API keys' };

export default async function KeysPage() {
  const user = await requireUser();
  const keys = await listApiKeys(await getDb(), user.id);
  return (
    <>
      <PageHeader title="API keys" description="Use a key as the Bearer token with any OpenAI-compatible SDK. Only a hash is stored: a key is shown once, when you create it." />
      <CreateKeyForm action={createKeyAction} />
      <div className="mt-6 overflow-x-auto rounded-2xl border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
        {keys.length === 0 ? (
          <p className="p-8 text-center text-sm text-zinc-500">No keys yet. Create one above to start calling the gateway.</p>
        ) : (
          <table className="w-full text-left text-sm">
            <thead className="border-b border-zinc-200 text-xs uppercase tracking-wide text-zinc-500 dark:border-zinc-800">
              <tr>
                <th className="px-4 py-3 font-medium">Name</th>
                <th className="px-4 py-3 font-medium">Key</th>
                <th className="px-4 py-3 font-medium">Created</th>
                <th className="px-4 py-3 font-medium">Last used</th>
                <th className="px-4 py-3 font-medium">Status</th>
                <th className="px-4 py-3" />
              </tr>
            </thead>
            <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
              {keys.map((key) => (
                <tr key={key.id} data-testid="key-row" data-prefix={key.prefix}>
                  <td className="px-4 py-3 font-medium">{key.name}</td>
                  <td className="px-4 py-3 font-mono text-xs">{key.prefix}…</td>
                  <td className="px-4 py-3 text-zinc-500">{formatDateTime(key.createdAt)}</td>
                  <td className="px-4 py-3 text-zinc-500">{key.lastUsedAt ? formatDateTime(key.lastUsedAt) : 'Never'}</td>
                  <td className="px-4 py-3">
                    {key.revokedAt ? (
                      <span data-testid="key-status" className="rounded-full bg-zinc-100 px-2 py-0.5 text-xs font-medium text-zinc-600 dark:bg-zinc-800 dark:text-zinc-400">
                        Revoked {formatDateTime(key.revokedAt)}
                      </span>
                    ) : (
                      <span data-testid="key-status" className="rounded-full bg-emerald-50 px-2 py-0.5 text-xs font-medium text-emerald-700 dark:bg-emerald-500/10 dark:text-emerald-300">
                        Active
                      </span>
                    )}
                  </td>
                  <td className="px-4 py-3 text-right">{!key.revokedAt && <RevokeKeyButton keyId={key.id} prefix={key.prefix} action={revokeKeyAction} />}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </>
  );
}
