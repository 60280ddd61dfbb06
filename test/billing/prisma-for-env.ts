// A Prisma client on a test database given its env (for a test that lets a child process use the
// database first and reads it afterwards).
import { createAdapterFactory } from '../../lib/db/client';
import { PrismaClient } from '../../lib/generated/prisma/client';

export async function createPrismaClientFor(env: NodeJS.ProcessEnv): Promise<{ db: InstanceType<typeof PrismaClient>; close(): Promise<void> }> {
  const { factory, close } = await createAdapterFactory(env);
  const db = new PrismaClient({ adapter: factory });
  return {
    db,
    async close() {
      await db.$disconnect();
      await close();
    },
  };
}
