import { z } from 'zod';

/** One environment variable's text, trimmed; blank counts as unset. */
const raw = z.preprocess((value) => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined), z.string().optional());

const refuse = (ctx: z.RefinementCtx, message: string) => {
  ctx.addIssue({ code: 'custom', message });
  return z.NEVER;
};

/** A whole number in [min, max]; `fallback` when unset. */
export const integerVar = (fallback: number, min: number, max: number) =>
  raw.transform((text, ctx): number => {
    if (text === undefined) return fallback;
    const value = Number(text);
    return /^\d+$/.test(text) && value >= min && value <= max ? value : refuse(ctx, `must be an integer from ${min} to ${max}, got "${text}"`);
  });

/** `off` (the default) or a TCP port; 0 lets the system choose a free one. */
export const portOrOffVar = () =>
  raw.transform((text, ctx): number | 'off' => {
    if (text === undefined || text === 'off') return 'off';
    const value = Number(text);
    return /^\d+$/.test(text) && value <= 65535 ? value : refuse(ctx, `must be off or a port from 0 to 65535, got "${text}"`);
  });

export const choiceVar = <T extends string>(allowed: readonly T[], fallback: T) =>
  raw.transform((text, ctx): T => {
    if (text === undefined) return fallback;
    return (allowed as readonly string[]).includes(text) ? (text as T) : refuse(ctx, `must be one of ${allowed.join(', ')}, got "${text}"`);
  });

export const textVar = (fallback: string) => raw.transform((text) => text ?? fallback);

export const optionalVar = () => raw;

/** Optional, and when set it must match. A value that may hold a password (`secret`) is not repeated in the message. */
export const patternVar = (pattern: RegExp, rule: string, { secret = false } = {}) =>
  raw.transform((text, ctx): string | undefined =>
    text === undefined || pattern.test(text) ? text : refuse(ctx, `must ${rule}${secret ? '' : `, got "${text}"`}`));

export const listVar = () => raw.transform((text) => (text ?? '').split(',').map((item) => item.trim()).filter(Boolean));

export const urlVar = (fallback: string, protocols: readonly string[]) =>
  raw.transform((text, ctx): string => {
    const value = text ?? fallback;
    const parsed = URL.canParse(value) ? new URL(value) : undefined;
    if (parsed && protocols.includes(parsed.protocol)) return value;
    return refuse(ctx, `must be a ${protocols.map((p) => p.replace(':', '')).join(' or ')} URL, got "${value}"`);
  });

export class ConfigError extends Error {
  constructor(
    readonly problems: readonly string[],
    what = 'configuration',
  ) {
    super(`Invalid ${what} (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Validates the environment against a schema of variables (each key a variable name) and collects every
 * problem, plus those `crossChecks` finds between variables, into one ConfigError.
 */
export function parseEnv<Shape extends z.ZodRawShape>(
  shape: Shape,
  env: Env,
  crossChecks: (env: Env) => readonly string[] = () => [],
  what?: string,
): z.output<z.ZodObject<Shape>> {
  const result = z.object(shape).safeParse(env);
  const problems = result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`);
  problems.push(...crossChecks(env));
  if (problems.length > 0 || !result.success) throw new ConfigError(problems, what);
  return result.data;
}
