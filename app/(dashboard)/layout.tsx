import Link from 'next/link';
import { Logo } from '@/components/logo';
import { SpendBanner } from '@/components/billing/spend-banner';
import { SidebarNav } from '@/components/sidebar-nav';
import { currentUser } from '@/lib/auth/session';
import { getBillingConfig } from '@/lib/billing/billing-services';
import { getSpendWarnings } from '@/lib/billing/get-spend-warnings';
import { getDb } from '@/lib/db/client';
import { signOutAction } from '../(auth)/actions';

export const dynamic = 'force-dynamic';

export default async function DashboardLayout({ children }: { children: React.ReactNode }) {
  const user = await currentUser();
  // Limits at 80 % or more, on every dashboard page (no email: this is the warning).
  const spend = user ? await getSpendWarnings(await getDb(), user.id, getBillingConfig()) : null;
  return (
    <div className="min-h-screen md:flex">
      <aside className="border-b border-zinc-200 bg-white px-3 py-3 md:sticky md:top-0 md:flex md:h-screen md:w-60 md:flex-col md:border-b-0 md:border-r md:py-5 dark:border-zinc-800 dark:bg-zinc-900">
        <Link href={user ? '/flows' : '/'} className="mb-3 block px-3 md:mb-6">
          <Logo />
        </Link>
        <SidebarNav />
        <div className="mt-3 border-t border-zinc-200 px-3 pt-3 text-sm md:mt-auto dark:border-zinc-800">
          {user ? (
            <div className="flex items-center justify-between gap-2">
              <span className="truncate text-zinc-500" title={user.email} data-testid="user-email">
                {user.email}
              </span>
              <form action={signOutAction}>
                <button className="rounded-md px-2 py-1 text-xs font-medium text-zinc-600 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800">
                  Sign out
                </button>
              </form>
            </div>
          ) : (
            <Link href="/sign-in" className="font-medium text-indigo-600 dark:text-indigo-400">
              Sign in
            </Link>
          )}
        </div>
      </aside>
      <main className="min-w-0 flex-1 px-4 py-6 md:px-10 md:py-10">
        {spend && <SpendBanner warnings={spend.warnings} plan={spend.plan} />}
        {children}
      </main>
    </div>
  );
}
