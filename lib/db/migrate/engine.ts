// Prisma's schema engine compiled to WebAssembly (@prisma/schema-engine-wasm), driven through a
// driver adapter factory: no native engine binary and no download needed. The wasm module is
// compiled once per process; each use creates an engine bound to one adapter factory and frees it.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
} from '@prisma/driver-adapter-utils';
import type { SchemaEngine, SchemaFilter } from '@prisma/schema-engine-wasm';

export type { SchemaEngine };

type EngineRuntime = typeof import('@prisma/schema-engine-wasm/schema_engine_bg');

export const emptySchemaFilter: SchemaFilter = { externalTables: [], externalEnums: [] };

const WASM_PACKAGE = '@prisma/schema-engine-wasm';
const RUNTIME_ENTRY = '@prisma/schema-engine-wasm/schema_engine_bg';

/** Timers the engine started that have not fired yet (the wasm only imports setTimeout). */
const pendingTimers = new Set<ReturnType<typeof setTimeout>>();
let liveEngines = 0;

/**
 * Finds the package directory. The package's `exports` map does not expose `./package.json`, so
 * the exported `./schema_engine_bg` entry is resolved instead. Resolution is tried from this
 * module (tsx, vitest) and from the working directory (code bundled by Next, where this module's
 * URL points into `.next/`).
 */
function wasmPackageDir(): string {
  const bases: string[] = [];
  try {
    if (import.meta.url) bases.push(import.meta.url);
  } catch {
    // not an ES module context
  }
  if (typeof __filename === 'string') bases.push(__filename); // CommonJS (tsx without "type": "module")
  bases.push(path.join(process.cwd(), 'package.json'));
  const errors: string[] = [];
  for (const base of bases) {
    try {
      const require = createRequire(base);
      for (const request of [`${WASM_PACKAGE}/package.json`, RUNTIME_ENTRY]) {
        try {
          return path.dirname(require.resolve(request));
        } catch (e) {
          errors.push(`${request} from ${base}: ${(e as Error).message.split('\n')[0]}`);
        }
      }
    } catch (e) {
      errors.push(`${base}: ${(e as Error).message}`);
    }
  }
  throw new Error(`Cannot locate ${WASM_PACKAGE}:\n  ${errors.join('\n  ')}`);
}

let runtimePromise: Promise<EngineRuntime> | undefined;

/** Compiles and instantiates the wasm module once per process. */
export function loadEngineRuntime(): Promise<EngineRuntime> {
  runtimePromise ??= (async () => {
    const runtime: EngineRuntime = await import('@prisma/schema-engine-wasm/schema_engine_bg');
    const bytes = await readFile(path.join(wasmPackageDir(), 'schema_engine_bg.wasm'));
    const module = await WebAssembly.compile(bytes);
    // Imports are the runtime's exports, with setTimeout tracked so disposing the last engine can
    // clear the timers that would otherwise keep the process alive for ~10 s.
    const imports: Record<string, unknown> = { ...runtime };
    for (const name of Object.keys(imports)) {
      if (name.startsWith('__wbg_setTimeout_')) {
        imports[name] = (callback: () => void, ms: number) => {
          const timer = setTimeout(() => {
            pendingTimers.delete(timer);
            callback();
          }, ms >>> 0);
          pendingTimers.add(timer);
          return timer;
        };
      }
    }
    const instance = await WebAssembly.instantiate(module, {
      './schema_engine_bg.js': imports as WebAssembly.ModuleImports,
    });
    runtime.__wbg_set_wasm(instance.exports);
    (instance.exports as { __wbindgen_start: () => void }).__wbindgen_start();
    return runtime;
  })().catch((error) => {
    runtimePromise = undefined;
    throw error;
  });
  return runtimePromise;
}

interface Disposable {
  dispose(): Promise<void>;
}

/**
 * Wraps an adapter factory so that (1) `executeScript` runs the whole script as one simple-query
 * call (PGlite's adapter 0.7.2 does not await it, so a failing migration would be recorded as
 * applied; adapter-pg splits the script on every `;`), and (2) every adapter the engine opens is
 * disposed when the engine is freed (adapter-pg opens a pool per connect()).
 */
function trackingFactory(
  factory: SqlMigrationAwareDriverAdapterFactory,
  opened: Disposable[],
): SqlMigrationAwareDriverAdapterFactory {
  const track = (adapter: SqlDriverAdapter, disposeIt: boolean): SqlDriverAdapter => {
    const raw = adapter as SqlDriverAdapter & {
      client?: { exec?: (sql: string) => Promise<unknown>; query?: (sql: string) => Promise<unknown> };
      onError?: (e: unknown) => never;
    };
    const client = raw.client;
    if (client && typeof client.exec === 'function') {
      const exec = client.exec.bind(client);
      raw.executeScript = async (script: string) => {
        try {
          await exec(script);
        } catch (e) {
          if (raw.onError) raw.onError(e);
          throw e;
        }
      };
    } else if (client && typeof client.query === 'function') {
      const query = client.query.bind(client);
      raw.executeScript = async (script: string) => {
        try {
          await query(script);
        } catch (e) {
          if (raw.onError) raw.onError(e);
          throw e;
        }
      };
    }
    let disposed = false;
    const dispose = raw.dispose.bind(raw);
    raw.dispose = async () => {
      if (disposed) return;
      disposed = true;
      await dispose();
    };
    if (disposeIt) opened.push(raw);
    return raw;
  };
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => track(await factory.connect(), true),
    connectToShadowDb: async () => track(await factory.connectToShadowDb(), true),
  };
}

/**
 * Runs `fn` with a schema engine connected through `factory`, then frees the engine, disposes the
 * adapters it opened (the underlying PGlite instance is left open: its adapter's dispose is a
 * no-op) and, when no other engine is alive, clears the engine's pending timers.
 */
export async function withSchemaEngine<T>(
  factory: SqlMigrationAwareDriverAdapterFactory,
  fn: (engine: SchemaEngine) => Promise<T>,
): Promise<T> {
  const runtime = await loadEngineRuntime();
  const opened: Disposable[] = [];
  const adapter = bindMigrationAwareSqlAdapterFactory(trackingFactory(factory, opened));
  const logs: string[] = [];
  liveEngines++;
  let engine: SchemaEngine | undefined;
  try {
    engine = await runtime.SchemaEngine.new({ datamodels: undefined }, (log: string) => logs.push(log), adapter);
    return await fn(engine);
  } catch (error) {
    throw toError(error);
  } finally {
    try {
      engine?.free();
    } catch {
      // already freed
    }
    await Promise.allSettled(opened.map((a) => a.dispose()));
    liveEngines--;
    if (liveEngines === 0) {
      for (const timer of pendingTimers) clearTimeout(timer);
      pendingTimers.clear();
    }
  }
}

/** Engine errors arrive as objects or JSON strings; turn them into readable Errors. */
function toError(error: unknown): Error {
  if (error instanceof Error) return error;
  if (typeof error === 'string') {
    try {
      return toError(JSON.parse(error));
    } catch {
      return new Error(error);
    }
  }
  if (error && typeof error === 'object') {
    const e = error as { message?: string; error?: string; error_code?: string; meta?: unknown };
    const message = e.message ?? e.error ?? JSON.stringify(error);
    const result = new Error(e.error_code ? `${e.error_code}: ${message}` : message);
    (result as Error & { cause?: unknown }).cause = error;
    return result;
  }
  return new Error(String(error));
}
