/**
 * A topic template such as `arxos/{site}/{floor}/{device}/{point}`: each `{name}` captures
 * one topic level. It yields the MQTT subscription filter and matches topics to captures.
 */
export interface TopicTemplate {
  readonly source: string;
  /** The MQTT filter with each capture replaced by `+`. */
  readonly filter: string;
  /** The captured parts, or null when the topic does not fit. */
  match(topic: string): Record<string, string> | null;
}

const CAPTURE = /^\{([A-Za-z_][A-Za-z0-9_]*)\}$/;

export function compileTopicTemplate(source: string): TopicTemplate {
  const levels = source.split('/');
  const names: (string | null)[] = levels.map((level) => {
    const m = CAPTURE.exec(level);
    if (m) return m[1]!;
    if (/[{}+#]/.test(level)) throw new Error(`topic template ${source}: level "${level}" must be literal text or one {name}`);
    return null;
  });
  const filter = levels.map((level, i) => (names[i] === null ? level : '+')).join('/');
  return {
    source,
    filter,
    match(topic) {
      const parts = topic.split('/');
      if (parts.length !== levels.length) return null;
      const out: Record<string, string> = {};
      for (let i = 0; i < parts.length; i++) {
        const name = names[i];
        const part = parts[i]!;
        if (name === null || name === undefined) {
          if (part !== levels[i]) return null;
        } else {
          if (part === '') return null;
          out[name] = part;
        }
      }
      return out;
    },
  };
}

/** Fills `{name}` parts of a key template from captured parts; unknown names are an error. */
export function fillTemplate(template: string, parts: Record<string, string>): string {
  return template.replace(/\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_, name: string) => {
    const v = parts[name];
    if (v === undefined) throw new Error(`template ${template} uses {${name}}, which the topic template does not capture`);
    return v;
  });
}
