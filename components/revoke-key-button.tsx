'use client';

import { useState, useTransition } from 'react';

export function RevokeKeyButton({ keyId, prefix, action }: { keyId: string; prefix: string; action: (keyId: string) => Promise<{ error?: string }> }) {
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string>();
  const [pending, startTransition] = useTransition();
  if (!confirming)
    return (
      <button onClick={() => setConfirming(true)} className="rounded-md px-2 py-1 text-xs font-medium text-red-600 hover:bg-red-50 dark:text-red-400 dark:hover:bg-red-500/10">
        Revoke
      </button>
    );
  return (
    <span className="inline-flex items-center gap-2 text-xs">
      <span className="text-zinc-500">Revoke {prefix}…? Calls with it will fail.</span>
      <button
        disabled={pending}
        onClick={() => startTransition(async () => setError((await action(keyId)).error))}
        className="rounded-md bg-red-600 px-2 py-1 font-semibold text-white hover:bg-red-500 disabled:opacity-60"
      >
        {pending ? 'Revoking…' : 'Yes, revoke'}
      </button>
      <button onClick={() => setConfirming(false)} className="rounded-md px-2 py-1 hover:bg-zinc-100 dark:hover:bg-zinc-800">
        Cancel
      </button>
      {error && <span className="text-red-600">{error}</span>}
    </span>
  );
}
