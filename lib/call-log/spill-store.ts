// Append-only JSON-lines files holding call records the database could not take in time
// (outage, or more traffic than it absorbs). Each append is one batch followed by fsync, so after
// kill -9 a file holds every batch that was acknowledged plus at most one torn last line.
//
// Names: calllog-<ms>-<pid>-<token>-<seq>.jsonl.open while a process appends to it, renamed to
// .jsonl when sealed (full, or handed to the replay). At start, .open files whose process is gone
// are adopted (sealed) and replayed. rejected-*.jsonl hold records the database refused for good
// (bad data); they are kept for a human and never replayed.
import { randomBytes } from 'node:crypto';
import {
  appendFileSync,
  closeSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  renameSync,
} from 'node:fs';
import { open, readFile, readdir, rename, unlink, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { callRecordFromJsonLine, callRecordToJsonLine } from './call-record-json';
import type { CallRecord } from './call-record';

const SPILL_PATTERN = /^calllog-(\d+)-(\d+)-([0-9a-f]+)-(\d+)\.jsonl(\.open)?$/;

export interface SpillFileContents {
  records: CallRecord[];
  /** Lines that did not parse: the torn tail of a kill -9, or damage. */
  corruptLines: number;
}

export interface SpillStore {
  readonly dir: string;
  /**
   * Appends the records as one fsync'd write to the active file; seals it when full. Returns
   * how many records could not be serialized (and were left out).
   */
  append(records: readonly CallRecord[]): Promise<number>;
  /** Same, synchronously, to a file of its own: for records arriving after the writer closed. */
  appendSync(records: readonly CallRecord[]): number;
  /** Seals the active file (if it holds anything) so that it can be replayed. */
  seal(): Promise<void>;
  /** Bytes in the active (unsealed) file. */
  activeBytes(): number;
  /** Sealed spill files, oldest first. */
  listReplayable(): Promise<string[]>;
  read(file: string): Promise<SpillFileContents>;
  remove(file: string): Promise<void>;
  /** Keeps a record the database refused for good, with the reason, out of the replay. */
  appendRejected(record: CallRecord, reason: string): Promise<void>;
  close(): Promise<void>;
}

export interface SpillStoreOptions {
  /** A file is sealed once it reaches this size (default 8 MB), which bounds replay memory. */
  maxFileBytes?: number;
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function openSpillStore(dir: string, options: SpillStoreOptions = {}): SpillStore {
  const maxFileBytes = options.maxFileBytes ?? 8 * 1024 * 1024;
  mkdirSync(dir, { recursive: true });
  // A random token per process: after a container restart the new process may get the same pid.
  const token = randomBytes(4).toString('hex');
  let sequence = 0;
  let active: { path: string; handle: FileHandle | null; bytes: number } | null = null;

  adoptOrphans();

  function adoptOrphans(): void {
    for (const name of readdirSync(dir)) {
      const match = SPILL_PATTERN.exec(name);
      if (!match || !match[5]) continue;
      const pid = Number(match[2]);
      const orphaned = match[3] !== token && (pid === process.pid || !isProcessAlive(pid));
      if (orphaned) renameSync(path.join(dir, name), path.join(dir, name.slice(0, -'.open'.length)));
    }
  }

  function newActivePath(): string {
    sequence += 1;
    const name = `calllog-${String(Date.now()).padStart(14, '0')}-${process.pid}-${token}-${String(sequence).padStart(6, '0')}.jsonl.open`;
    return path.join(dir, name);
  }

  /** The JSON lines of the records; one that cannot be serialized (a cycle, a BigInt) is left
   * out and counted rather than blocking the whole batch. */
  function serialize(records: readonly CallRecord[]): { text: string; unserializable: number } {
    let text = '';
    let unserializable = 0;
    for (const record of records) {
      try {
        text += callRecordToJsonLine(record);
      } catch {
        unserializable += 1;
      }
    }
    return { text, unserializable };
  }

  async function seal(): Promise<void> {
    const current = active;
    if (!current) return;
    active = null;
    if (current.handle) await current.handle.close();
    if (current.bytes === 0) {
      await unlink(current.path).catch(() => {});
      return;
    }
    await rename(current.path, current.path.slice(0, -'.open'.length));
  }

  return {
    dir,

    async append(records) {
      const { text, unserializable } = serialize(records);
      if (text.length === 0) return unserializable;
      if (!active) active = { path: newActivePath(), handle: null, bytes: 0 };
      if (!active.handle) active.handle = await open(active.path, 'a');
      await active.handle.appendFile(text, 'utf8');
      await active.handle.sync();
      active.bytes += Buffer.byteLength(text);
      if (active.bytes >= maxFileBytes) await seal();
      return unserializable;
    },

    appendSync(records) {
      const { text, unserializable } = serialize(records);
      if (text.length === 0) return unserializable;
      const file = newActivePath().slice(0, -'.open'.length);
      const fd = openSync(file, 'a');
      try {
        appendFileSync(fd, text, 'utf8');
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      return unserializable;
    },

    seal,

    activeBytes: () => active?.bytes ?? 0,

    async listReplayable() {
      const names = (await readdir(dir)).filter((name) => {
        const match = SPILL_PATTERN.exec(name);
        return match !== null && !match[5];
      });
      // The zero-padded timestamp first in the name makes lexical order the write order.
      return names.sort().map((name) => path.join(dir, name));
    },

    async read(file) {
      const text = await readFile(file, 'utf8');
      const records: CallRecord[] = [];
      let corruptLines = 0;
      for (const line of text.split('\n')) {
        if (line.length === 0) continue;
        const record = callRecordFromJsonLine(line);
        if (record) records.push(record);
        else corruptLines += 1;
      }
      return { records, corruptLines };
    },

    async remove(file) {
      await unlink(file).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'ENOENT') throw error;
      });
    },

    async appendRejected(record, reason) {
      const handle = await open(path.join(dir, `rejected-${process.pid}-${token}.jsonl`), 'a');
      try {
        await handle.appendFile(JSON.stringify({ reason, record }) + '\n', 'utf8');
        await handle.sync();
      } finally {
        await handle.close();
      }
    },

    async close() {
      await seal();
    },
  };
}
