import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // Native / wasm / filesystem-heavy packages stay as plain Node requires: bundling PGlite or
  // Prisma's engines breaks them, and the custom server must share their singletons.
  serverExternalPackages: [
    '@electric-sql/pglite',
    'pglite-prisma-adapter',
    '@prisma/client',
    '@prisma/adapter-pg',
    '@prisma/driver-adapter-utils',
    '@prisma/schema-engine-wasm',
    'pg',
    'undici',
    'stripe',
  ],
  // Type-checking is its own step (`npm run typecheck`, part of `npm test`), not repeated per build.
  typescript: { ignoreBuildErrors: true },
};

export default nextConfig;
