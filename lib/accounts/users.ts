import { z } from 'zod';
import type { Db } from '../db/client';
import { hashPassword, MIN_PASSWORD_LENGTH } from '../auth/password';
import { AccountError } from './account-error';

const emailSchema = z.string().trim().toLowerCase().pipe(z.email({ message: 'Enter a valid email address.' }));

export function normalizeEmail(email: string): string {
  const parsed = emailSchema.safeParse(email);
  if (!parsed.success) throw new AccountError('invalid_input', `Invalid email: ${JSON.stringify(email)}.`);
  return parsed.data;
}

export async function createUser(db: Db, input: { email: string; password: string; name?: string | null }) {
  const email = normalizeEmail(input.email);
  if (input.password.length < MIN_PASSWORD_LENGTH)
    throw new AccountError('invalid_input', `Password must be at least ${MIN_PASSWORD_LENGTH} characters.`);
  if (input.password.length > 1024) throw new AccountError('invalid_input', 'Password is too long (1024 characters at most).');
  const passwordHash = await hashPassword(input.password);
  try {
    return await db.user.create({
      data: { email, passwordHash, name: input.name?.trim() || null },
      select: { id: true, email: true, name: true, createdAt: true },
    });
  } catch (error) {
    if ((error as { code?: string }).code === 'P2002') throw new AccountError('duplicate_email', `A user with email ${email} already exists.`);
    throw error;
  }
}

export async function findUserByEmail(db: Db, email: string) {
  const user = await db.user.findUnique({ where: { email: normalizeEmail(email) }, select: { id: true, email: true } });
  if (!user) throw new AccountError('user_not_found', `No user with email ${normalizeEmail(email)}.`);
  return user;
}
