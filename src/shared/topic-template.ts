/**
 * The syntax of JSON mapping templates, shared so that the settings form and the core check a
 * mapping with the same rules. A topic template such as `arxos/{site}/{device}/{point}` holds, per
 * topic level, either literal text or exactly one `{name}` capture; key templates such as
 * `{site}/{device}` use captured names, with any literal text around them.
 */

const CAPTURE_LEVEL = /^\{([A-Za-z_][A-Za-z0-9_]*)\}$/;
const PLACEHOLDER = /\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/** One level of a topic template: its capture name, or null for literal text. */
export type TemplateLevel = { capture: string } | { literal: string };

/** The levels of a topic template, or a sentence saying what is wrong with it. */
export function parseTopicTemplate(source: string): { levels: TemplateLevel[] } | { error: string } {
  if (source === '') return { error: 'a topic template is needed' };
  if (/[+#]/.test(source)) return { error: 'use {name} parts, not MQTT wildcards' };
  const levels: TemplateLevel[] = [];
  const seen = new Set<string>();
  for (const level of source.split('/')) {
    const m = CAPTURE_LEVEL.exec(level);
    if (m) {
      const name = m[1]!;
      if (seen.has(name)) return { error: `{${name}} is captured twice` };
      seen.add(name);
      levels.push({ capture: name });
    } else if (/[{}]/.test(level)) {
      return { error: `level "${level}" must be literal text or exactly one {name}` };
    } else {
      levels.push({ literal: level });
    }
  }
  return { levels };
}

/** The names a key template uses, in order. */
export function templateNames(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((m) => m[1]!);
}

/** Why a key template cannot be filled from these names, or null when it can. */
export function keyTemplateProblem(template: string, available: ReadonlySet<string>): string | null {
  const stripped = template.replace(PLACEHOLDER, '');
  if (/[{}]/.test(stripped)) return 'braces must enclose a name: {name}';
  if (/[+#]/.test(stripped)) return 'a key may not contain + or #';
  const missing = templateNames(template).filter((n) => !available.has(n));
  if (missing.length > 0) {
    const known = [...available].map((n) => `{${n}}`).join(', ') || 'nothing';
    return `uses {${missing[0]}}, which is not captured (available: ${known})`;
  }
  return null;
}
