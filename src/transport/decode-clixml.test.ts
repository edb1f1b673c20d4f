import { describe, expect, it } from 'vitest';
import { decodeClixml } from './decode-clixml.js';

describe('decodeClixml', () => {
  it('turns a CLIXML error block into readable lines and drops progress records', () => {
    const stderr =
      '#< CLIXML\r\n<Objs Version="1.1.0.1" xmlns="http://schemas.microsoft.com/powershell/2004/04">' +
      '<Obj S="progress" RefId="0"><TN RefId="0"><T>System.Management.Automation.PSCustomObject</T></TN><MS><I64 N="SourceId">1</I64></MS></Obj>' +
      '<S S="Error">_x001B_[31;1mGet-CimInstance: Access is denied. _x000D__x000A_</S>' +
      '<S S="Error">At line:1 char:1 &amp; more_x000D__x000A_</S></Objs>';
    expect(decodeClixml(stderr)).toBe('Get-CimInstance: Access is denied.\nAt line:1 char:1 & more');
  });

  it('keeps plain stderr, without ANSI colours', () => {
    expect(decodeClixml('\u001b[31;1mplain failure\u001b[0m\n\n')).toBe('plain failure');
  });
});
