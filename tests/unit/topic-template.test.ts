import { describe, expect, it } from 'vitest';
import { compileKeyTemplate, compileTopicTemplate } from '../../src/core/iot/protocols/json/topic-template';
import { keyTemplateProblem, parseTopicTemplate } from '../../src/shared/topic-template';

describe('topic templates', () => {
  it('yield the MQTT filter and the captures of a fitting topic', () => {
    const t = compileTopicTemplate('site/{building}/{device}/{point}');
    expect(t.filter).toBe('site/+/+/+');
    expect(t.captures).toEqual(['building', 'device', 'point']);
    expect(t.match('site/hq/ahu-1/supply_temp')).toEqual({ building: 'hq', device: 'ahu-1', point: 'supply_temp' });
  });

  it('refuse topics of another length, another literal level or an empty captured level', () => {
    const t = compileTopicTemplate('site/{device}/{point}');
    expect(t.match('site/ahu-1')).toBeNull();
    expect(t.match('site/ahu-1/temp/extra')).toBeNull();
    expect(t.match('other/ahu-1/temp')).toBeNull();
    expect(t.match('site//temp')).toBeNull();
  });

  it('say in words what is wrong with a template', () => {
    expect(parseTopicTemplate('site/#')).toEqual({ error: 'use {name} parts, not MQTT wildcards' });
    expect(parseTopicTemplate('site/dev-{device}')).toEqual({ error: 'level "dev-{device}" must be literal text or exactly one {name}' });
    expect(parseTopicTemplate('{a}/{a}')).toEqual({ error: '{a} is captured twice' });
    expect(parseTopicTemplate('')).toEqual({ error: 'a topic template is needed' });
    expect(() => compileTopicTemplate('a/+/b')).toThrow(/not MQTT wildcards/);
  });
});

describe('key templates', () => {
  const parts = { building: 'hq', device: 'ahu-1' };

  it('fill names and keep literal text', () => {
    expect(compileKeyTemplate('{building}/{device}', new Set(['building', 'device']))(parts)).toBe('hq/ahu-1');
    expect(compileKeyTemplate('{device}', new Set(['device']))(parts)).toBe('ahu-1');
    expect(compileKeyTemplate('plant-{device}-x', new Set(['device']))(parts)).toBe('plant-ahu-1-x');
    expect(compileKeyTemplate('{building}:{device}', new Set(Object.keys(parts)))(parts)).toBe('hq:ahu-1');
  });

  it('refuse a name that is not captured, naming what is available', () => {
    expect(keyTemplateProblem('{room}/{device}', new Set(['device']))).toBe('uses {room}, which is not captured (available: {device})');
    expect(keyTemplateProblem('{device', new Set(['device']))).toBe('braces must enclose a name: {name}');
    expect(() => compileKeyTemplate('{floor}', new Set(Object.keys(parts)))).toThrow(/uses \{floor\}, which is not captured/);
  });
});
