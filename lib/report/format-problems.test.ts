import { describe, expect, it } from 'vitest';
import type { Problem } from '../problems.ts';
import { formatGithub, formatText } from './format-problems.ts';

const p = (over: Partial<Problem>): Problem => ({ file: 'records/rounds/2026/11/a.yaml', line: 3, col: 5, severity: 'error', code: 'not-in-list', params: { field: 'status', value: '"bagus"', allowed: 'baik, rusak' }, ...over });

describe('GitHub workflow-command annotations', () => {
  // Syntax: ::error file={name},line={line},col={col},title={title}::{message}
  const COMMAND = /^::(error|warning) file=[^,:]+,line=\d+,col=\d+,title=[^,:]+::[^\r\n]+$/;

  it('follow the syntax for errors and warnings', () => {
    const out = formatGithub([p({}), p({ severity: 'warning', code: 'finding-dropped', params: { id: 'T-2026-001', previous: '2026-11-23 sore' } })], 'id').split('\n');
    expect(out).toHaveLength(2);
    for (const line of out) expect(line).toMatch(COMMAND);
    expect(out[1]).toMatch(/^::warning /);
  });

  it('escape %, CR and LF in the message, and also : and , in properties', () => {
    const line = formatGithub([p({ file: 'records/a,b:c.yaml', code: 'yaml-syntax', params: { detail: '100% salah\r\nbaris dua' } })], 'id');
    expect(line).toMatch(COMMAND);
    expect(line).toContain('file=records/a%2Cb%3Ac.yaml');
    expect(line).toContain('100%25 salah%0D%0Abaris dua');
  });
});

describe('text output', () => {
  it('is path:line:col, severity, message and fix on one line', () => {
    expect(formatText([p({})], 'id')).toBe('records/rounds/2026/11/a.yaml:3:5  galat: nilai "bagus" tidak dikenal di status  (Pilih salah satu: baik, rusak.)');
  });
});
