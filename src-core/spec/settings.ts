import { z } from 'zod';
import type { SettingField } from '../api/contract';

interface JsonField { type?: string; default?: unknown; minimum?: number; exclusiveMinimum?: number; maximum?: number; enum?: string[] }

/**
 * The settings of one variant of a spec key told apart by `kind` (a strategy, a pruner) as the
 * editor draws them, read from the variant's schema: type, bounds, default (absent where the engine
 * derives one) and choices, with a help text per key. A new setting in a schema needs no editor change.
 */
export function settingFields(schema: z.ZodType, help: Partial<Record<string, string>>): SettingField[] {
  const json = z.toJSONSchema(schema, { io: 'input' }) as { properties?: Record<string, JsonField> };
  return Object.entries(json.properties ?? {}).filter(([key]) => key !== 'kind').map(([key, p]): SettingField => ({
    key,
    type: p.enum ? 'choice' : p.type === 'integer' ? 'integer' : p.type === 'boolean' ? 'boolean' : 'number',
    default: p.default,
    ...(p.minimum !== undefined ? { min: p.minimum } : p.exclusiveMinimum !== undefined ? { min: p.exclusiveMinimum, exclusiveMin: true } : {}),
    ...(p.maximum !== undefined ? { max: p.maximum } : {}),
    ...(p.enum ? { choices: p.enum } : {}),
    help: help[key] ?? '',
  }));
}
