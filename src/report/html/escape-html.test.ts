import { describe, expect, it } from 'vitest';
import { escapeHtml } from './escape-html.js';

describe('escapeHtml', () => {
  it('turns the five HTML-significant characters into entities, so a name cannot open a tag or leave an attribute', () => {
    expect(escapeHtml(`<img src=x onerror="alert('1')"> & co`)).toBe('&lt;img src=x onerror=&quot;alert(&#39;1&#39;)&quot;&gt; &amp; co');
  });

  it('shows control and bidirectional characters as escapes instead of letting them hide or reorder text', () => {
    expect(escapeHtml('lic01\u202eexe.moc\u001b[2J')).toBe('lic01\\u202eexe.moc\\x1b[2J');
  });

  it('writes numbers as they are', () => {
    expect(escapeHtml(42)).toBe('42');
  });
});
