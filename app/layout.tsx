import type { Metadata } from 'next';
import './globals.css';

// Every page is rendered per request so that Next can put the CSP nonce (proxy.ts) on its scripts:
// a prerendered page would carry scripts without it, which the policy blocks.
export const dynamic = 'force-dynamic';

export const metadata: Metadata = {
  title: { default: 'LLMTest', template: '%s · LLMTest' },
  description: 'One OpenAI-compatible endpoint for 340+ models, with fallbacks, JSON recovery, cost tracking and flows.',
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen font-sans">{children}</body>
    </html>
  );
}
