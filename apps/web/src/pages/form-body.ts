import type { Request } from 'express';

/** A text field of a posted form ('' when absent or not text). */
export function formField(req: Request, name: string): string {
  const value = (req.body as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value : '';
}
