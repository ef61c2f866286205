/**
 * The only messages between an embed (`embed.html`, in an iframe) and the page around it (the
 * drop-in `embed.js`, or any page). Both sides check every message against these schemas and
 * drop the rest. (`zod/mini`: the drop-in script carries these schemas to other sites' pages,
 * and the full zod would make it 450 KB.)
 *
 * What the embed says: its height (so the iframe fits its content) and that it is ready. It
 * never sends the program, the transcript, the files or anything typed.
 * What the embed accepts: the page's colour scheme. Nothing a page sends can start a run, type
 * into the program, or read the editor, the terminal or the files.
 */
import * as z from 'zod/mini';

/** From the embed to its parent. */
export const EmbedToPage = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('exitlab:ready') }),
  z.strictObject({ type: z.literal('exitlab:size'), height: z.int().check(z.minimum(0), z.maximum(100_000)) }),
]);
export type EmbedToPage = z.infer<typeof EmbedToPage>;

/** From the parent to the embed. */
export const PageToEmbed = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('exitlab:theme'), theme: z.enum(['light', 'dark']) }),
]);
export type PageToEmbed = z.infer<typeof PageToEmbed>;

/** The message if it is one of `schema`'s, else null (never throws, whatever `data` is). */
export function readMessage<T>(schema: z.ZodMiniType<T>, data: unknown): T | null {
  try {
    const parsed = z.safeParse(schema, data);
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
