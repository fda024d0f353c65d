import { z } from 'zod';

const id = z.number().int().positive();
const name = z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters');

/** The input schema of every channel that takes one (validated at every host boundary). */
export const INPUTS: Record<string, z.ZodType> = {
  'projects.create': z.object({ name }).strict(),
  'projects.rename': z.object({ id, name }).strict(),
  'projects.setNotes': z.object({ id, notes: z.string().max(100_000) }).strict(),
  'projects.delete': z.object({ id }).strict(),
  'searches.list': z.object({ projectId: id.optional() }).strict(),
  'searches.get': z.object({ id }).strict(),
  'searches.create': z.object({ spec: z.unknown(), start: z.boolean().optional() }).strict(),
  'searches.start': z.object({ id }).strict(),
  'searches.stop': z.object({ id }).strict(),
  'searches.pause': z.object({ id }).strict(),
  'trials.list': z.object({ searchId: id }).strict(),
  'trials.curves': z.object({ searchId: id }).strict(),
  'export.trialsCsv': z.object({ searchId: id }).strict(),
  'export.curvesCsv': z.object({ searchId: id }).strict(),
};
