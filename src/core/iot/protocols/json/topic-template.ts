import { keyTemplateProblem, parseTopicTemplate } from '../../../../shared/topic-template';

/**
 * A topic template such as `arxos/{site}/{floor}/{device}/{point}`: each `{name}` captures
 * one topic level. It yields the MQTT subscription filter and matches topics to captures.
 */
export interface TopicTemplate {
  readonly source: string;
  /** The MQTT filter with each capture replaced by `+`. */
  readonly filter: string;
  /** The names captured, in the order of the levels. */
  readonly captures: readonly string[];
  /** The captured parts, or null when the topic does not fit. */
  match(topic: string): Record<string, string> | null;
}

export function compileTopicTemplate(source: string): TopicTemplate {
  const parsed = parseTopicTemplate(source);
  if ('error' in parsed) throw new Error(`topic template ${source}: ${parsed.error}`);
  const names = parsed.levels.map((l) => ('capture' in l ? l.capture : null));
  const literals = parsed.levels.map((l) => ('literal' in l ? l.literal : null));
  const filter = parsed.levels.map((l) => ('capture' in l ? '+' : l.literal)).join('/');
  const count = names.length;
  return {
    source,
    filter,
    captures: names.filter((n): n is string => n !== null),
    match(topic) {
      const parts = topic.split('/');
      if (parts.length !== count) return null;
      const out: Record<string, string> = {};
      for (let i = 0; i < count; i++) {
        const name = names[i];
        const part = parts[i]!;
        if (name === null || name === undefined) {
          if (part !== literals[i]) return null;
        } else {
          if (part === '') return null;
          out[name] = part;
        }
      }
      return out;
    },
  };
}

/** A key template compiled once: literal pieces and names alternate, so filling it is a few concatenations. */
export type KeyTemplate = (parts: Record<string, string>) => string;

/** Compiles `{building}/{device}`-style templates; a name outside `available` is an error, said in words. */
export function compileKeyTemplate(template: string, available: ReadonlySet<string>): KeyTemplate {
  const problem = keyTemplateProblem(template, available);
  if (problem !== null) throw new Error(`template ${template}: ${problem}`);
  const pieces = template.split(/\{([A-Za-z_][A-Za-z0-9_]*)\}/);
  // Odd positions are names, even ones literal text (possibly empty).
  if (pieces.length === 3 && pieces[0] === '' && pieces[2] === '') {
    const name = pieces[1]!;
    return (parts) => parts[name]!;
  }
  return (parts) => {
    let out = pieces[0]!;
    for (let i = 1; i < pieces.length; i += 2) out += parts[pieces[i]!]! + pieces[i + 1]!;
    return out;
  };
}
