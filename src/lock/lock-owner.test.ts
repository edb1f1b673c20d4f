import { describe, expect, it } from 'vitest';
import { currentCiRunId } from './lock-owner.js';

describe('currentCiRunId', () => {
  it('names the CI run from the variable each CI sets, or nothing outside CI', () => {
    expect(currentCiRunId({ GITHUB_RUN_ID: '8812' })).toBe('github:8812');
    expect(currentCiRunId({ CI_PIPELINE_ID: '311' })).toBe('gitlab:311');
    expect(currentCiRunId({ BUILD_BUILDID: '42' })).toBe('azure:42');
    expect(currentCiRunId({ GITHUB_RUN_ID: ' ' })).toBeUndefined();
    expect(currentCiRunId({})).toBeUndefined();
  });
});
