export function Section({ title, testId, children, aside }: { title: string; testId?: string; children: React.ReactNode; aside?: React.ReactNode }) {
  return (
    <section data-testid={testId} className="rounded-2xl border border-zinc-200 bg-white p-5 dark:border-zinc-800 dark:bg-zinc-900">
      <div className="mb-4 flex flex-wrap items-center justify-between gap-2">
        <h2 className="text-sm font-semibold">{title}</h2>
        {aside}
      </div>
      {children}
    </section>
  );
}
