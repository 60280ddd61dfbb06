import { oauthSignInAction } from '@/app/(auth)/actions';

const LABELS = { github: 'Continue with GitHub', google: 'Continue with Google' } as const;

export function OAuthButtons({ providers }: { providers: Array<'github' | 'google'> }) {
  if (!providers.length) return null;
  return (
    <div className="mb-4 space-y-2">
      {providers.map((provider) => (
        <form key={provider} action={oauthSignInAction.bind(null, provider)}>
          <button className="w-full rounded-lg border border-zinc-300 px-4 py-2 text-sm font-medium hover:bg-zinc-50 dark:border-zinc-700 dark:hover:bg-zinc-800">
            {LABELS[provider]}
          </button>
        </form>
      ))}
      <div className="flex items-center gap-3 py-1 text-xs text-zinc-400">
        <span className="h-px flex-1 bg-zinc-200 dark:bg-zinc-800" /> or <span className="h-px flex-1 bg-zinc-200 dark:bg-zinc-800" />
      </div>
    </div>
  );
}
